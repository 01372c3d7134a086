import DynamicBooks
import Foundation
import GRDB

/// Which ledger rows an export covers.
public enum ChangeSelection: Sendable, Hashable {
    /// Every change.
    case all
    /// Changes taking effect on or after a day.
    case since(Day)
    /// Changes made by runs after this one (for "everything since the last export").
    case afterRun(RunID)
    /// Changes made by this run.
    case run(RunID)
}

extension WorkspaceReader {
    /// The current books as CSV: `account_id, rep_id, owned_since, score, tier, segment, theater, workload`,
    /// by account id.
    public func booksCSV() throws -> CSVDocument {
        var csv = CSVText(header: ["account_id", "rep_id", "owned_since", "score", "tier", "segment", "theater", "workload"])
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT books.account_id, books.rep_id, books.owned_since, accounts.score, accounts.tier, accounts.segment,
                   accounts.theater, accounts.workload
            FROM books JOIN accounts ON accounts.id = books.account_id ORDER BY books.account_id
            """))
        while let row = try rows.next() {
            let account: String = try row.decode(atIndex: 0), rep: String = try row.decode(atIndex: 1)
            let since: String = try row.decode(atIndex: 2), score: Double = try row.decode(atIndex: 3)
            let tier: String = try row.decode(atIndex: 4), segment: String = try row.decode(atIndex: 5)
            let theater: String? = try row.decode(atIndex: 6), workload: Double = try row.decode(atIndex: 7)
            csv.append([account, rep, since, CSVText.number(score), tier, segment, theater ?? "", CSVText.number(workload)])
        }
        return csv.document
    }

    /// Ownership changes as CSV, in ledger order: `account_id, from_rep, to_rep, reason` as in a
    /// plan's changes.csv, then `kind, day, run_id, seq`.
    /// - Throws: ``WorkspaceError/unknownRun(_:)`` for a run that does not exist.
    public func changesCSV(_ selection: ChangeSelection) throws -> CSVDocument {
        let entries: [LedgerEntry]
        switch selection {
        case .all: entries = try ledger.entries(ownershipOnly: true)
        case let .since(day): entries = try ledger.entries(since: day, ownershipOnly: true)
        case let .afterRun(id):
            guard try run(id) != nil else { throw WorkspaceError.unknownRun(id.rawValue) }
            entries = try ledger.entries(afterRun: id, ownershipOnly: true)
        case let .run(id):
            guard try run(id) != nil else { throw WorkspaceError.unknownRun(id.rawValue) }
            entries = try ledger.entries(run: id, ownershipOnly: true)
        }
        var csv = CSVText(header: ["account_id", "from_rep", "to_rep", "reason", "kind", "day", "run_id", "seq"])
        for e in entries {
            csv.append([e.account.rawValue, e.from?.rawValue ?? "", e.to?.rawValue ?? "", e.reason, e.kind.rawValue,
                        e.day.description, e.run.description, e.seq.map(String.init) ?? ""])
        }
        return csv.document
    }
}

/// CSV text and the number of data rows in it.
public struct CSVDocument: Sendable, Hashable {
    public var text: String
    /// Rows after the header.
    public var rows: Int
}

/// RFC 4180 text: fields with a comma, quote, CR or LF are quoted, quotes doubled; lines end in LF.
struct CSVText {
    private(set) var text = ""
    private(set) var rows = -1
    var document: CSVDocument { CSVDocument(text: text, rows: rows) }

    init(header: [String]) { append(header) }

    mutating func append(_ fields: [String]) {
        text += fields.map(Self.quote).joined(separator: ",")
        text += "\n"
        rows += 1
    }

    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Integers without a decimal point, other numbers in Swift's shortest round-trip form.
    static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
    }
}
