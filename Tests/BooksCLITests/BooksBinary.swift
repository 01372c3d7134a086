import Foundation

/// Runs the built `books` executable, as a user would.
struct BooksBinary {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
        /// Whether a signal ended the process (a crash: `status` is then the signal's number).
        var crashed = false
    }

    let url: URL

    /// Finds `books` next to the test bundle, or in `.build/debug` above this file.
    init() throws {
        var candidates: [URL] = []
        if let executable = Bundle.main.executableURL { candidates.append(executable.deletingLastPathComponent()) }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" {
            candidates.append(dir.appendingPathComponent(".build/debug"))
            dir.deleteLastPathComponent()
        }
        for candidate in candidates {
            let books = candidate.appendingPathComponent("books")
            if FileManager.default.isExecutableFile(atPath: books.path) { url = books; return }
        }
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "books (build it with swift build)"])
    }

    /// Runs `books arguments…` in `directory` and waits for it.
    func run(_ arguments: [String], in directory: URL? = nil) throws -> Output {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes to the end before waiting, so a full pipe cannot block the child.
        nonisolated(unsafe) var errData = Data()
        let reader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !reader.isFinished { Thread.sleep(forTimeInterval: 0.005) }
        return Output(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self), crashed: process.terminationReason == .uncaughtSignal)
    }
}
