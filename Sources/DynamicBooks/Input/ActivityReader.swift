/// Reads `activity.csv` (`account_id, rep_id, date, type`) and `returns.csv`
/// (`account_id, rep_id, date, reason, note`).
enum ActivityReader {
    enum Column: String, CaseIterable, Hashable, Sendable {
        case accountID = "account_id", repID = "rep_id", date, type, reason, note
        static let byNormalizedName = Dictionary(uniqueKeysWithValues: allCases.map { (HeaderName.normalized($0.rawValue), $0) })
    }

    /// - Parameters:
    ///   - accounts, reps: when given, every row must name one of these.
    /// - Throws: ``InputError`` for the first bad row. A header-only file is no activity.
    static func activity(_ source: CSVSource, accounts: Set<AccountID>?, reps: Set<RepID>?) throws(InputError) -> [Activity] {
        let layout = try CSVLayout<Column>(source, known: Column.byNormalizedName, required: [.accountID, .repID, .date])
        let f = FieldReader(source)
        let check = References(f: f, accounts: accounts, reps: reps,
                               accountColumn: layout[.accountID] ?? 0, repColumn: layout[.repID] ?? 0)
        let dateColumn = layout[.date] ?? 0, typeColumn = layout[.type]
        return try source.mapRows { (row) throws(InputError) -> Activity in
            try f.checkWidth(row)
            let (account, rep) = try check.ids(row)
            guard let date = try f.day(row, dateColumn) else { throw f.error(row, dateColumn, nil, "the date is empty") }
            return Activity(accountID: account, repID: rep, date: date, type: f.text(row, typeColumn).lowercased())
        }.values
    }

    /// Return requests; the reason is checked against the policy when the request is decided, not here.
    static func returns(_ source: CSVSource, accounts: Set<AccountID>?, reps: Set<RepID>?) throws(InputError) -> [ReturnRequest] {
        let layout = try CSVLayout<Column>(source, known: Column.byNormalizedName, required: [.accountID, .repID, .date, .reason])
        let f = FieldReader(source)
        let check = References(f: f, accounts: accounts, reps: reps,
                               accountColumn: layout[.accountID] ?? 0, repColumn: layout[.repID] ?? 0)
        let dateColumn = layout[.date] ?? 0, reasonColumn = layout[.reason] ?? 0, noteColumn = layout[.note]
        return try source.mapRows { (row) throws(InputError) -> ReturnRequest in
            try f.checkWidth(row)
            let (account, rep) = try check.ids(row)
            guard let date = try f.day(row, dateColumn) else { throw f.error(row, dateColumn, nil, "the date is empty") }
            let reason = f.text(row, reasonColumn)
            guard !reason.isEmpty else { throw f.error(row, reasonColumn, nil, "the reason is empty") }
            return ReturnRequest(accountID: account, repID: rep, date: date, reason: reason, note: f.text(row, noteColumn))
        }.values
    }

    /// The account and rep a row names, checked against the loaded ones.
    private struct References {
        let f: FieldReader
        let accounts: Set<AccountID>?
        let reps: Set<RepID>?
        let accountColumn: Int
        let repColumn: Int

        func ids(_ row: CSVSource.Row) throws(InputError) -> (AccountID, RepID) {
            let account = f.text(row, accountColumn), rep = f.text(row, repColumn)
            guard !account.isEmpty else { throw f.error(row, accountColumn, nil, "the account id is empty") }
            guard !rep.isEmpty else { throw f.error(row, repColumn, nil, "the rep id is empty") }
            if let accounts, !accounts.contains(AccountID(account)) {
                throw f.error(row, accountColumn, account, "is not an account in accounts.csv")
            }
            if let reps, !reps.contains(RepID(rep)) { throw f.error(row, repColumn, rep, "is not a rep in reps.csv") }
            return (AccountID(account), RepID(rep))
        }
    }
}
