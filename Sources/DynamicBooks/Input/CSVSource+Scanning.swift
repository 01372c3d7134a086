import CSV
import Foundation

extension CSVSource {
    /// The whole file, read straight into an array (no intermediate `Data`).
    static func readBytes(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        var size = Int(info.st_size)
        var bytes = [UInt8](unsafeUninitializedCapacity: max(size, 1)) { buffer, count in
            var done = 0
            while done < size, let base = buffer.baseAddress {
                let n = read(fd, base + done, size - done)
                if n <= 0 { break }
                done += n
            }
            count = done
        }
        size = bytes.count
        // A file that grew while read (or a pipe with no size): read the rest.
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            bytes.append(contentsOf: chunk[0 ..< n])
        }
        return bytes
    }
}

extension CSVSource {
    /// A CSV.swift reader over `bytes` (already validated as UTF-8), without a header row.
    static func rows(in bytes: ArraySlice<UInt8>) -> RowReader {
        // CSVReader(string:) throws only when asked to read a header row, which we never do.
        RowReader(reader: try? CSVReader(string: String(decoding: bytes, as: UTF8.self), hasHeaderRow: false))
    }

    /// The rows of one part of the file.
    struct RowReader {
        let reader: CSVReader?
        func next() -> [String]? { reader?.next() }
    }

    /// Line breaks inside a field's text: LF, CRLF and a lone CR each count once.
    @inline(__always)
    static func lineBreaks(in field: String) -> Int {
        var count = 0
        var previousCR = false
        for byte in field.utf8 {
            if byte == 0x0A {
                if !previousCR { count += 1 }
                previousCR = false
            } else if byte == 0x0D {
                count += 1
                previousCR = true
            } else {
                previousCR = false
            }
        }
        return count
    }

    /// The byte offset of the first byte that is not valid UTF-8, or `nil`.
    static func firstInvalidUTF8(_ bytes: [UInt8], from start: Int) -> Int? {
        var i = start
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            let minimum: UInt32
            var scalar: UInt32
            switch b {
            case 0xC2 ... 0xDF: length = 2; minimum = 0x80; scalar = UInt32(b & 0x1F)
            case 0xE0 ... 0xEF: length = 3; minimum = 0x800; scalar = UInt32(b & 0x0F)
            case 0xF0 ... 0xF4: length = 4; minimum = 0x10000; scalar = UInt32(b & 0x07)
            default: return i
            }
            guard i + length <= n else { return i }
            for k in 1 ..< length {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { return i }
                scalar = scalar << 6 | UInt32(c & 0x3F)
            }
            guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800 ... 0xDFFF).contains(scalar) else { return i }
            i += length
        }
        return nil
    }

    /// The physical line of byte `offset`.
    static func line(of offset: Int, in bytes: [UInt8]) -> Int {
        var line = 1
        var i = 0
        while i < offset && i < bytes.count {
            if bytes[i] == 0x0A || (bytes[i] == 0x0D && (i + 1 >= bytes.count || bytes[i + 1] != 0x0A)) { line += 1 }
            i += 1
        }
        return line
    }
}

/// Reads the rows of one part of a CSV body: rows without a quote character are split at their
/// commas here; rows with one are parsed by CSV.swift. Either way the fields are exactly those
/// CSV.swift would give for the whole part (tested by fuzzing against it).
struct PartReader {
    private let bytes: ArraySlice<UInt8>
    private var position: Int
    private var scanner = RowScanner()
    private var line: Int

    init(_ bytes: ArraySlice<UInt8>, firstLine: Int) {
        self.bytes = bytes
        position = bytes.startIndex
        line = firstLine
    }

    /// The next row's fields and the physical line it starts on.
    mutating func next() -> (fields: [String], line: Int)? {
        guard position < bytes.endIndex else { return nil }
        let start = position
        let linesBefore = scanner.lines
        var sawQuote = false
        while position < bytes.endIndex {
            if bytes[position] == 0x22 { sawQuote = true }
            if scanner.consume(bytes, at: &position) { break }
        }
        let rowLine = line
        line += scanner.lines - linesBefore
        let row = bytes[start ..< position]
        if sawQuote {
            let reader = try? CSVReader(string: String(decoding: row, as: UTF8.self), hasHeaderRow: false)
            return (reader?.next() ?? [""], rowLine)
        }
        var end = row.endIndex
        if end > row.startIndex, row[end - 1] == 0x0A { end -= 1 }
        if end > row.startIndex, row[end - 1] == 0x0D { end -= 1 }
        var fields: [String] = []
        var fieldStart = row.startIndex
        var i = row.startIndex
        while i < end {
            if row[i] == 0x2C {
                fields.append(String(decoding: row[fieldStart ..< i], as: UTF8.self))
                fieldStart = i + 1
            }
            i += 1
        }
        fields.append(String(decoding: row[fieldStart ..< end], as: UTF8.self))
        return (fields, rowLine)
    }
}

/// Finds row boundaries in CSV bytes with exactly the quoting rules CSV.swift's reader applies, so
/// that parts split at those boundaries parse to the same rows as the whole file would:
/// a quote opens a quoted field only at the start of a field; inside one, `""` is a quote, a
/// quote followed by a comma or a line end closes the field, and a quote followed by anything
/// else is kept while the field stays quoted.
struct RowScanner {
    private var inQuotes = false
    private var atFieldStart = true
    /// Physical line breaks consumed so far (row ends and breaks inside quoted fields).
    private(set) var lines = 0

    /// Consumes one byte (two for `""`, a quote and its successor, or CRLF) at `i`.
    ///
    /// - Returns: whether a row ended; `i` is then just past its line end.
    @inline(__always)
    mutating func consume(_ bytes: ArraySlice<UInt8>, at i: inout Int) -> Bool {
        let end = bytes.endIndex
        let b = bytes[i]
        if inQuotes {
            if b == 0x22 {
                guard i + 1 < end else { i += 1; return endRow() }
                let next = bytes[i + 1]
                switch next {
                case 0x0D:
                    i += 2
                    if i < end && bytes[i] == 0x0A { i += 1 }
                    lines += 1
                    return endRow()
                case 0x0A:
                    i += 2
                    lines += 1
                    return endRow()
                case 0x2C:
                    i += 2
                    inQuotes = false
                    atFieldStart = true
                default:
                    i += 2     // an escaped quote, or a stray quote and the scalar after it
                }
                return false
            }
            if b == 0x0A || (b == 0x0D && (i + 1 >= end || bytes[i + 1] != 0x0A)) { lines += 1 }
            i += 1
            return false
        }
        switch b {
        case 0x22 where atFieldStart:
            inQuotes = true
            atFieldStart = false
            i += 1
        case 0x2C:
            atFieldStart = true
            i += 1
        case 0x0D:
            i += 1
            if i < end && bytes[i] == 0x0A { i += 1 }
            lines += 1
            return endRow()
        case 0x0A:
            i += 1
            lines += 1
            return endRow()
        default:
            atFieldStart = false
            i += 1
        }
        return false
    }

    private mutating func endRow() -> Bool {
        inQuotes = false
        atFieldStart = true
        return true
    }
}
