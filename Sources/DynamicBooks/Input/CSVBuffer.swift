/// Builds CSV text (RFC 4180, LF line ends, UTF-8) in memory, quoting only fields that need it.
///
/// ```swift
/// var csv = CSVBuffer(header: ["id", "score"])
/// csv.appendRow(["A1", CSVBuffer.number(72.5)])
/// try AtomicFile.write(csv.bytes, to: url)
/// ```
public struct CSVBuffer: Sendable {
    /// The UTF-8 bytes written so far.
    public private(set) var bytes: [UInt8] = []
    private var atRowStart = true

    public init() {}

    /// Starts the buffer with a header row.
    public init(header: [String]) {
        appendRow(header)
    }

    /// Reserves room for about `count` bytes.
    public mutating func reserveCapacity(_ count: Int) { bytes.reserveCapacity(count) }

    /// Appends one field to the current row.
    public mutating func append(_ field: String) {
        if !atRowStart { bytes.append(UInt8(ascii: ",")) }
        atRowStart = false
        var needsQuotes = false
        for byte in field.utf8 where byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D {
            needsQuotes = true
            break
        }
        if needsQuotes {
            bytes.append(0x22)
            for byte in field.utf8 {
                if byte == 0x22 { bytes.append(0x22) }
                bytes.append(byte)
            }
            bytes.append(0x22)
        } else {
            bytes.append(contentsOf: field.utf8)
        }
    }

    /// Appends a number field (as ``number(_:)`` spells it), writing the digits of whole
    /// numbers straight into the buffer.
    public mutating func append(number value: Double?) {
        guard let value else { return append("") }
        guard value == value.rounded(), abs(value) < 1e15 else { return append(CSVBuffer.number(value)) }
        if !atRowStart { bytes.append(UInt8(ascii: ",")) }
        atRowStart = false
        var n = Int(value)
        if n < 0 { bytes.append(UInt8(ascii: "-")); n = -n }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[count] = UInt8(ascii: "0") + UInt8(n % 10)
                n /= 10
                count += 1
            } while n > 0
            for i in stride(from: count - 1, through: 0, by: -1) { bytes.append(d[i]) }
        }
    }

    /// Appends a day as `YYYY-MM-DD` (empty for `nil`).
    public mutating func append(day: Day?) {
        guard let day else { return append("") }
        let (y, m, d) = day.components
        guard (0 ... 9999).contains(y) else { return append(day.description) }
        if !atRowStart { bytes.append(UInt8(ascii: ",")) }
        atRowStart = false
        let zero = UInt8(ascii: "0")
        bytes.append(zero + UInt8(y / 1000)); bytes.append(zero + UInt8(y / 100 % 10))
        bytes.append(zero + UInt8(y / 10 % 10)); bytes.append(zero + UInt8(y % 10))
        bytes.append(UInt8(ascii: "-"))
        bytes.append(zero + UInt8(m / 10)); bytes.append(zero + UInt8(m % 10))
        bytes.append(UInt8(ascii: "-"))
        bytes.append(zero + UInt8(d / 10)); bytes.append(zero + UInt8(d % 10))
    }

    /// Ends the current row.
    public mutating func endRow() {
        bytes.append(0x0A)
        atRowStart = true
    }

    /// Appends a whole row.
    public mutating func appendRow(_ fields: [String]) {
        for field in fields { append(field) }
        endRow()
    }

    /// A number as CSV writes it: integers without a decimal point, others in the shortest form
    /// that reads back to the same value.
    public static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }

    /// An optional number; `nil` is an empty field.
    public static func number(_ value: Double?) -> String { value.map { number($0) } ?? "" }

    /// `true` or `false`.
    public static func bool(_ value: Bool) -> String { value ? "true" : "false" }
}
