/// Reads typed values out of CSV rows, turning every bad value into an ``InputError`` that
/// names the file, line, column and value.
import Foundation

struct FieldReader: Sendable {
    let file: String
    let header: [String]

    init(_ source: CSVSource) {
        file = source.name
        header = source.header
    }

    /// The error for `value` in `column` (0-based) of `row`.
    func error(_ row: CSVSource.Row, _ column: Int, _ value: String?, _ problem: String) -> InputError {
        InputError(file: file, line: row.line, column: column + 1,
                   columnName: column < header.count ? header[column] : nil, value: value, problem: problem)
    }

    /// The trimmed text of `column`, empty when the column is absent or the row is short.
    @inline(__always)
    func text(_ row: CSVSource.Row, _ column: Int?) -> String {
        guard let column, column < row.fields.count else { return "" }
        return FieldReader.trimmed(row.fields[column])
    }

    /// The text, or `nil` when empty.
    @inline(__always)
    func optionalText(_ row: CSVSource.Row, _ column: Int?) -> String? {
        let value = text(row, column)
        return value.isEmpty ? nil : value
    }

    func number(_ row: CSVSource.Row, _ column: Int?) throws(InputError) -> Double? {
        let value = text(row, column)
        guard !value.isEmpty, let column else { return nil }
        guard let number = FieldReader.number(value) else { throw error(row, column, value, "is not a number") }
        return number
    }

    /// A number within `range` (one of ``InputLimits``), or `nil` when the field is empty.
    func number(_ row: CSVSource.Row, _ column: Int?, in range: ClosedRange<Double>) throws(InputError) -> Double? {
        guard let number = try number(row, column), let column else { return nil }
        guard range.contains(number) else { throw error(row, column, text(row, column), InputLimits.rule(number, range)) }
        return number
    }

    func day(_ row: CSVSource.Row, _ column: Int?) throws(InputError) -> Day? {
        let value = text(row, column)
        guard !value.isEmpty, let column else { return nil }
        guard let day = Day(iso: value) else { throw error(row, column, value, "is not a date (expected YYYY-MM-DD)") }
        guard day.isInInputRange else { throw error(row, column, value, Day.outOfInputRange) }
        return day
    }

    func bool(_ row: CSVSource.Row, _ column: Int?) throws(InputError) -> Bool? {
        let value = text(row, column)
        guard !value.isEmpty, let column else { return nil }
        guard let flag = FieldReader.bool(value) else {
            throw error(row, column, value, "is not a boolean (expected true/false/yes/no/1/0)")
        }
        return flag
    }

    /// `;`-separated values, trimmed, empties dropped.
    func list(_ row: CSVSource.Row, _ column: Int?) -> [String] {
        let value = text(row, column)
        guard !value.isEmpty else { return [] }
        return value.split(separator: ";").map { FieldReader.trimmed(String($0)) }.filter { !$0.isEmpty }
    }

    /// Throws when the row has more fields than the header (an unquoted comma, usually).
    func checkWidth(_ row: CSVSource.Row) throws(InputError) {
        guard row.fields.count > header.count else { return }
        let extra = row.fields[header.count...].firstIndex { !$0.isEmpty }
        guard let extra else { return }
        throw error(row, extra, row.fields[extra],
                    "is in column \(extra + 1) but the header has \(header.count) columns (quote fields that contain commas)")
    }

    // MARK: - Parsing text

    @inline(__always)
    static func trimmed(_ text: String) -> String {
        guard let first = text.utf8.first, let last = text.utf8.last else { return text }
        if first != 0x20 && first != 0x09 && last != 0x20 && last != 0x09 { return text }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// A finite decimal number (`12`, `-3.5`, `1e6`); not hex, not `inf` or `nan`.
    static func number(_ text: String) -> Double? {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0") ... UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "+"),
                 UInt8(ascii: "e"), UInt8(ascii: "E"):
                continue
            default:
                return nil
            }
        }
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// true/false/yes/no/1/0, any case.
    static func bool(_ text: String) -> Bool? {
        switch text.count <= 5 ? text.lowercased() : "" {
        case "true", "yes", "1": return true
        case "false", "no", "0": return false
        default: return nil
        }
    }
}
