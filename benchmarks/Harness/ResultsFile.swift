import Foundation

/// `benchmarks/results.md`: one section per benchmark command, replaced in place, plus the machine.
enum ResultsFile {
    static func update(path: String, section: String, title: String, body: String) throws {
        let existing = (try? String(contentsOfFile: path, encoding: .utf8)) ?? "# Benchmark results\n"
        let begin = "<!-- \(section):begin -->", end = "<!-- \(section):end -->"
        let block = "\(begin)\n## \(title)\n\nMeasured \(Machine.description).\n\n\(body)\n\(end)"
        var text: String
        if let b = existing.range(of: begin), let e = existing.range(of: end), b.lowerBound < e.upperBound {
            text = existing.replacingCharacters(in: b.lowerBound ..< e.upperBound, with: block)
        } else {
            text = existing.hasSuffix("\n") ? existing + "\n" + block + "\n" : existing + "\n\n" + block + "\n"
        }
        if !text.hasSuffix("\n") { text += "\n" }
        let temporary = path + ".tmp"
        try text.write(toFile: temporary, atomically: false, encoding: .utf8)
        // rename(2) is atomic on one file system; FileManager.replaceItemAt failed on Linux and
        // removed the original.
        guard rename(temporary, path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: "cannot rename \(temporary) to \(path): errno \(errno)"])
        }
    }
}

/// The machine a measurement ran on.
enum Machine {
    static var description: String {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let memory = Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824
        let date = ISO8601DateFormatter().string(from: Date()).prefix(10)
        return "on \(date), \(cores) cores, \(String(format: "%.0f", memory)) GiB, \(swiftVersion)"
    }

    static var swiftVersion: String {
        #if compiler(>=6.3)
        return "Swift 6.3+ (release build)"
        #else
        return "Swift 6 (release build)"
        #endif
    }
}
