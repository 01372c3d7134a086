import Foundation

/// Writing a plan as files: `books.csv`, `pool.csv`, `changes.csv` and `summary.json`.
extension Plan {
    /// The names of the files ``write(to:)`` produces.
    public static let fileNames = ["books.csv", "pool.csv", "changes.csv", "summary.json"]

    /// Writes the plan's four files into `directory` (created if needed). Each file is written
    /// to a temporary file first and renamed into place, so a reader never sees half a file.
    /// The same plan always gives the same bytes: rows sorted by account id, numbers with at
    /// most six decimals, JSON keys sorted, no timings.
    /// - Throws: the file system's error when the directory cannot be created or written.
    public func write(to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Self.atomicWrite(booksCSV(), to: directory.appendingPathComponent("books.csv"))
        try Self.atomicWrite(poolCSV(), to: directory.appendingPathComponent("pool.csv"))
        try Self.atomicWrite(changesCSV(), to: directory.appendingPathComponent("changes.csv"))
        try Self.atomicWrite(summaryJSON(), to: directory.appendingPathComponent("summary.json"))
    }

    /// `account_id,rep_id,value,tier`, and `with_family` (the reason an account would have
    /// waited in the pool had it not joined its family's book) when some account rides so.
    public func booksCSV() -> Data {
        let flagged = books.contains { $0.withFamily != nil }
        var text = "account_id,rep_id,value,tier" + (flagged ? ",with_family\n" : "\n")
        for entry in books {
            var fields = [entry.accountID.rawValue, entry.repID.rawValue, PlanNumber.text(entry.value), entry.tier.rawValue]
            if flagged { fields.append(entry.withFamily?.rawValue ?? "") }
            text += CSVField.row(fields)
        }
        return Data(text.utf8)
    }

    /// `account_id,reason,tier`.
    public func poolCSV() -> Data {
        var text = "account_id,reason,tier\n"
        for entry in pool { text += CSVField.row([entry.accountID.rawValue, entry.reason.rawValue, entry.tier?.rawValue ?? ""]) }
        return Data(text.utf8)
    }

    /// `account_id,from_rep,to_rep,reason` (an empty rep is the pool).
    public func changesCSV() -> Data {
        var text = "account_id,from_rep,to_rep,reason\n"
        for change in changes {
            text += CSVField.row([change.accountID.rawValue, change.fromRep?.rawValue ?? "",
                                  change.toRep?.rawValue ?? "", change.reason.rawValue])
        }
        return Data(text.utf8)
    }

    /// The summary without timings, as pretty-printed JSON with sorted keys and a final newline.
    public func summaryJSON() throws -> Data {
        try Self.json(summary.withoutTimings)
    }

    /// Stable JSON for any summary value: sorted keys, pretty-printed, slashes unescaped.
    public static func json(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        var data = try encoder.encode(value)
        data.append(UInt8(ascii: "\n"))
        return data
    }

    /// Writes `data` next to `url` under a temporary name, then renames it over `url`.
    static func atomicWrite(_ data: Data, to url: URL) throws {
        try AtomicFile.write(data, to: url)
    }
}

/// RFC 4180 fields: quoted only when they hold a comma, a quote or a line break.
enum CSVField {
    static func escape(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func row(_ fields: [String]) -> String { fields.map(escape).joined(separator: ",") + "\n" }
}
