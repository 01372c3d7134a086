/// Reads a `returns.csv` (`account_id, rep_id, date, reason, note`) on its own, keeping the line
/// of every request, so a request the workspace refuses is reported as `returns.csv:4: …`.
///
/// Accounts and reps are not checked here: the workspace they are returned in knows them.
public enum ReturnRequestsFile {
    /// One request and the physical line of the file it starts on.
    public struct Entry: Sendable, Hashable {
        public var request: ReturnRequest
        public var line: Int
    }

    /// - Parameters:
    ///   - path: the file.
    ///   - name: the file as messages show it (default: `path`).
    /// - Throws: ``InputError`` naming file, line, column and value for the first bad row.
    public static func read(path: String, name: String? = nil) throws(InputError) -> [Entry] {
        typealias Column = ActivityReader.Column
        let source = try CSVSource(path: path, name: name ?? path)
        let layout = try CSVLayout<Column>(source, known: Column.byNormalizedName, required: [.accountID, .repID, .date, .reason])
        let f = FieldReader(source)
        let accountColumn = layout[.accountID] ?? 0, repColumn = layout[.repID] ?? 0
        let dateColumn = layout[.date] ?? 0, reasonColumn = layout[.reason] ?? 0, noteColumn = layout[.note]
        let (requests, lines) = try source.mapRows { (row) throws(InputError) -> ReturnRequest in
            try f.checkWidth(row)
            let account = f.text(row, accountColumn), rep = f.text(row, repColumn), reason = f.text(row, reasonColumn)
            guard !account.isEmpty else { throw f.error(row, accountColumn, nil, "the account id is empty") }
            guard !rep.isEmpty else { throw f.error(row, repColumn, nil, "the rep id is empty") }
            guard let date = try f.day(row, dateColumn) else { throw f.error(row, dateColumn, nil, "the date is empty") }
            guard !reason.isEmpty else { throw f.error(row, reasonColumn, nil, "the reason is empty") }
            return ReturnRequest(accountID: AccountID(account), repID: RepID(rep), date: date, reason: reason,
                                 note: f.text(row, noteColumn))
        }
        return zip(requests, lines).map { Entry(request: $0, line: $1) }
    }
}
