import Foundation
import GRDB

/// Lists and string maps stored as JSON text (`theaters`, `specialties`, `attributes`).
///
/// Keys are sorted, so the same value is always the same text. One encoder and one decoder serve
/// every row: building them per row costs more than the decoding.
enum JSONColumn {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
    static let decoder = JSONDecoder()

    static func text(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, from row: Row, atIndex index: Int, empty: T) throws -> T {
        let text: String = try row.decode(atIndex: index)
        if text == "{}" || text == "[]" { return empty }
        do {
            return try decoder.decode(T.self, from: Data(text.utf8))
        } catch {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "column \(row.columnNames.dropFirst(index).first ?? "?") holds \"\(text)\", not JSON")
        }
    }
}
