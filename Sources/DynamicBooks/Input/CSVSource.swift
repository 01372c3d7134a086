import Foundation

/// A CSV file read into memory once, with its header parsed and its body ready to be split into
/// row-aligned parts that can be parsed in parallel.
///
/// Quoted rows are parsed by CSV.swift (yaslab/CSV.swift). The package reads one Unicode scalar
/// at a time through an iterator, which made it the cost that dominated loading a million
/// accounts, so it is fed only what needs it: the file is read once as bytes and split at row
/// boundaries by a byte scan that follows the package's own quoting rules; parts are parsed on
/// separate cores; a row without a quote character is split at its commas directly (RFC 4180
/// leaves nothing else to do), and a row with one goes to CSV.swift (``PartReader``).
/// benchmarks/README.md, "Loading and scoring", has the measurements behind this design.
///
/// Handles a UTF-8 BOM, CRLF, LF or CR line ends, and RFC 4180 quoting (commas, quotes and line
/// breaks inside quoted fields). Line numbers are physical lines of the file.
struct CSVSource {
    /// The file as the user named it, for messages.
    let name: String
    /// The header fields, as written (surrounding spaces trimmed).
    let header: [String]
    /// The physical line of the header row.
    let headerLine: Int
    /// The body's bytes (everything after the header row).
    let body: ArraySlice<UInt8>
    /// The physical line the body starts on.
    let bodyLine: Int

    /// Reads and decodes `path`.
    ///
    /// - Throws: ``InputError`` when the file is missing, unreadable, empty, not UTF-8, or has
    ///   an empty header.
    init(path: String, name: String) throws(InputError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(file: name, problem: "no such file")
        }
        guard !isDirectory.boolValue else { throw InputError(file: name, problem: "is a directory, expected a CSV file") }
        guard let bytes = CSVSource.readBytes(path) else {
            throw InputError(file: name, problem: "cannot be read (check its permissions)")
        }
        try self.init(bytes: bytes, name: name)
    }

    /// Decodes CSV text held in memory.
    init(bytes: [UInt8], name: String) throws(InputError) {
        self.name = name
        var start = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { start = 3 }
        if let bad = CSVSource.firstInvalidUTF8(bytes, from: start) {
            throw InputError(file: name, line: CSVSource.line(of: bad, in: bytes), problem: "is not valid UTF-8 text")
        }
        // Skip blank lines before the header.
        var line = 1
        while start < bytes.count, bytes[start] == 0x0A || bytes[start] == 0x0D {
            if bytes[start] == 0x0A || start + 1 >= bytes.count || bytes[start + 1] != 0x0A { line += 1 }
            start += 1
        }
        guard start < bytes.count else { throw InputError(file: name, problem: "is empty (expected a header row)") }
        var scanner = RowScanner()
        var headerEnd = start
        while headerEnd < bytes.count, !scanner.consume(bytes[...], at: &headerEnd) {}
        let headerRows = CSVSource.rows(in: bytes[start ..< headerEnd])
        guard let header = headerRows.next(), header.contains(where: { !$0.isEmpty }) else {
            throw InputError(file: name, line: line, problem: "has an empty header row")
        }
        self.headerLine = line
        self.header = header.map { $0.trimmingCharacters(in: .whitespaces) }
        self.bodyLine = line + 1 + header.reduce(0) { $0 + CSVSource.lineBreaks(in: $1) }
        self.body = bytes[headerEnd...]
    }

    /// One row of the body: its fields and the physical line it starts on.
    struct Row {
        var fields: [String]
        var line: Int
    }

    /// Splits the body into at most `parts` row-aligned parts, each with the line it starts on.
    func parts(_ parts: Int) -> [(bytes: ArraySlice<UInt8>, line: Int)] {
        guard parts > 1, body.count > 1 << 20 else { return [(body, bodyLine)] }
        var result: [(ArraySlice<UInt8>, Int)] = []
        var start = body.startIndex, line = bodyLine
        var scanner = RowScanner()
        var i = body.startIndex
        for k in 1 ..< parts {
            let target = body.startIndex + body.count * k / parts
            // Advance the scanner to the first row end at or after the target.
            while i < body.endIndex {
                let isRowEnd = scanner.consume(body, at: &i)
                if isRowEnd && i >= target { break }
            }
            if i >= body.endIndex { break }
            result.append((body[start ..< i], line))
            line = bodyLine + scanner.lines
            start = i
        }
        result.append((body[start...], line))
        return result
    }

    /// Parses the body's rows, in parallel over parts of the file, and transforms each row with
    /// `transform` on the core that parsed it. Blank rows are skipped.
    ///
    /// - Returns: the transformed rows in file order, and the line each starts on.
    /// - Throws: the error of the first part (in file order) whose transform threw.
    func mapRows<T>(_ transform: (Row) throws(InputError) -> T) throws(InputError) -> (values: [T], lines: [Int]) {
        let pieces = parts(ProcessInfo.processInfo.activeProcessorCount)
        let estimate = max(16, body.count / max(1, pieces.count) / 64)
        let values = (0 ..< pieces.count).map { _ in MoveBuffer<T>(capacity: estimate) }
        var lines = [[Int]](repeating: [], count: pieces.count)
        var errors = [InputError?](repeating: nil, count: pieces.count)
        lines.withUnsafeMutableBufferPointer { linesOut in
            errors.withUnsafeMutableBufferPointer { errorsOut in
                nonisolated(unsafe) let linesOut = linesOut, errorsOut = errorsOut, values = values
                withoutActuallyEscaping(transform) { transform in
                    nonisolated(unsafe) let transform = transform
                    DispatchQueue.concurrentPerform(iterations: pieces.count) { p in
                        var partLines: [Int] = []
                        partLines.reserveCapacity(estimate)
                        var reader = PartReader(pieces[p].bytes, firstLine: pieces[p].line)
                        while let (fields, rowLine) = reader.next() {
                            if fields.allSatisfy(\.isEmpty) { continue }
                            do throws(InputError) {
                                values[p].append(try transform(Row(fields: fields, line: rowLine)))
                            } catch {
                                errorsOut[p] = error
                                return
                            }
                            partLines.append(rowLine)
                        }
                        linesOut[p] = partLines
                    }
                }
            }
        }
        if let error = errors.lazy.compactMap({ $0 }).first { throw error }
        return (MoveBuffer.joined(values), Array(lines.joined()))
    }
}
