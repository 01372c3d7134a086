import CSV
import Foundation

extension BooksSide {
    /// Reads a plan folder as `books plan --out` writes it (see ``PlanFolder/init(directory:)``).
    /// - Throws: ``ScenarioError`` for a missing file, a summary that is not a plan's, or a
    ///   malformed row (file, line, column, value and the rule).
    public init(planFolder directory: URL) throws {
        self.init(try PlanFolder(directory: directory))
    }

    /// The side of a plan folder already read.
    public init(_ folder: PlanFolder) {
        var accounts: [AccountID: Placement] = [:]
        for entry in folder.books {
            accounts[entry.accountID] = Placement(owner: entry.repID, reason: ChangeReason.assigned.rawValue, tier: entry.tier)
        }
        for entry in folder.pool { accounts[entry.accountID] = Placement(owner: nil, reason: entry.reason, tier: entry.tier) }
        // A pooled account keeps its pool reason (it says more than `unassigned`).
        for change in folder.changes where change.toRep != nil { accounts[change.accountID]?.reason = change.reason }
        self.init(label: folder.directory.path, asOf: folder.summary.asOf, objective: folder.summary.solve.objective,
                  accounts: accounts, reps: folder.summary.reps, groups: folder.summary.groups)
    }
}

/// A plan folder as `books plan --out` writes it: summary.json, books.csv, pool.csv and
/// changes.csv, read back for comparison or adoption.
public struct PlanFolder: Sendable {
    public var directory: URL
    public var summary: PlanSummary
    /// `books.csv`: owner and tier per account (the value column is not kept).
    public var books: [(accountID: AccountID, repID: RepID, tier: Tier?)]
    /// `pool.csv`: reason (as written) and tier, when recorded, per account.
    public var pool: [(accountID: AccountID, reason: String, tier: Tier?)]
    /// `changes.csv`: the owner when the plan was made and after it, per account that had or gets one.
    public var changes: [(accountID: AccountID, fromRep: RepID?, toRep: RepID?, reason: String)]

    /// Reads the four files.
    /// - Throws: ``ScenarioError`` for a missing file, a summary that is not a plan's, or a
    ///   malformed row (file, line, column, value and the rule): an empty id, an account twice,
    ///   a change of an account the plan does not hold.
    public init(directory: URL) throws {
        self.directory = directory
        func url(_ name: String) throws -> URL {
            let url = directory.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else { throw ScenarioError.missingFile(path: url.path) }
            return url
        }
        let summaryURL = try url("summary.json")
        do {
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            summary = try decoder.decode(PlanSummary.self, from: try Data(contentsOf: summaryURL))
        } catch {
            throw ScenarioError.unreadable(path: summaryURL.path, detail: "not the summary.json of a plan")
        }
        var seen = Set<AccountID>()
        var books: [(accountID: AccountID, repID: RepID, tier: Tier?)] = []
        let booksURL = try url("books.csv")
        try PlanFolderCSV.rows(booksURL, required: ["account_id", "rep_id", "tier"]) { line, field in
            let id = try PlanFolderCSV.account(field, booksURL, line)
            let rep = try PlanFolderCSV.rep(field, "rep_id", booksURL, line, required: true)
            guard seen.insert(id).inserted else {
                throw ScenarioError.badRow(path: booksURL.path, line: line, column: "account_id", value: id.rawValue,
                                           rule: "appears twice in the plan")
            }
            books.append((id, rep!, try PlanFolderCSV.tier(field, booksURL, line)))
        }
        var pool: [(accountID: AccountID, reason: String, tier: Tier?)] = []
        let poolURL = try url("pool.csv")
        try PlanFolderCSV.rows(poolURL, required: ["account_id", "reason"]) { line, field in
            let id = try PlanFolderCSV.account(field, poolURL, line)
            guard seen.insert(id).inserted else {
                throw ScenarioError.badRow(path: poolURL.path, line: line, column: "account_id", value: id.rawValue,
                                           rule: "appears twice in the plan (books.csv or pool.csv)")
            }
            pool.append((id, field("reason") ?? "", try PlanFolderCSV.tier(field, poolURL, line)))
        }
        var changes: [(accountID: AccountID, fromRep: RepID?, toRep: RepID?, reason: String)] = []
        var changed = Set<AccountID>()
        let changesURL = try url("changes.csv")
        try PlanFolderCSV.rows(changesURL, required: ["account_id", "from_rep", "to_rep", "reason"]) { line, field in
            let id = try PlanFolderCSV.account(field, changesURL, line)
            guard seen.contains(id), changed.insert(id).inserted else {
                throw ScenarioError.badRow(path: changesURL.path, line: line, column: "account_id", value: id.rawValue,
                                           rule: seen.contains(id) ? "appears twice" : "is in neither books.csv nor pool.csv")
            }
            changes.append((id, try PlanFolderCSV.rep(field, "from_rep", changesURL, line, required: false),
                            try PlanFolderCSV.rep(field, "to_rep", changesURL, line, required: false), field("reason") ?? ""))
        }
        self.books = books; self.pool = pool; self.changes = changes
    }
}

/// Reading the CSV files of a plan folder.
enum PlanFolderCSV {
    /// Calls `make` for each row after the header with its line number and a field look-up by
    /// column name (lower-cased).
    static func rows(_ url: URL, required: [String], _ make: (Int, (String) -> String?) throws -> Void) throws {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw ScenarioError.unreadable(path: url.path, detail: "not UTF-8 text")
        }
        let reader: CSVReader
        do { reader = try CSVReader(string: text, hasHeaderRow: true) } catch {
            throw ScenarioError.unreadable(path: url.path, detail: "not CSV (\(error))")
        }
        let header = (reader.headerRow ?? []).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        for column in required where !header.contains(column) {
            throw ScenarioError.badRow(path: url.path, line: 1, column: column, value: header.joined(separator: ","),
                                       rule: "header lacks the column \(column)")
        }
        var index: [String: Int] = [:]
        for (i, name) in header.enumerated() where index[name] == nil { index[name] = i }
        var line = 1
        while let row = reader.next() {
            line += 1
            if row.count == 1, row[0].isEmpty { continue }
            try make(line) { name in index[name].flatMap { $0 < row.count ? row[$0] : nil } }
        }
        if reader.error != nil {
            throw ScenarioError.unreadable(path: url.path, detail: "malformed CSV after line \(line)")
        }
    }

    static func account(_ field: (String) -> String?, _ url: URL, _ line: Int) throws -> AccountID {
        let id = field("account_id") ?? ""
        guard !id.isEmpty else {
            throw ScenarioError.badRow(path: url.path, line: line, column: "account_id", value: id, rule: "is empty")
        }
        return AccountID(id)
    }

    static func rep(_ field: (String) -> String?, _ column: String, _ url: URL, _ line: Int, required: Bool) throws -> RepID? {
        let id = field(column) ?? ""
        if id.isEmpty {
            if required { throw ScenarioError.badRow(path: url.path, line: line, column: column, value: id, rule: "is empty") }
            return nil
        }
        return RepID(id)
    }

    static func tier(_ field: (String) -> String?, _ url: URL, _ line: Int) throws -> Tier? {
        let text = field("tier") ?? ""
        if text.isEmpty { return nil }
        guard let tier = Tier(rawValue: text.uppercased()) else {
            throw ScenarioError.badRow(path: url.path, line: line, column: "tier", value: text, rule: "is not a tier (A, B, C or D)")
        }
        return tier
    }
}
