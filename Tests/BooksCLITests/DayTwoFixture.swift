import BooksStore
import DynamicBooks
import Foundation
import Testing

/// A small team in files, imported with the built `books`, for the day-two tests: three SMB reps
/// in NA and fifteen accounts, scores from the `score` column.
///
/// | rep | capacity | book |
/// |---|---|---|
/// | R1 | 6 | A01 (locked, 80), A02 (customer, 30, tier D), P1 (60) + its child C1 (50), A03 (85), A04 (45) |
/// | R2 | 5 | A05 (65), A06 (55), A07 (75) |
/// | R3 | 5 | A08 (62), A09 (58) |
/// | pool | | A10 (90), A11 (40), A12 (20, tier D) |
struct DayTwoFixture {
    static let imported = "2026-10-01"

    let directory: URL
    var db: String { directory.appendingPathComponent("books.sqlite").path }
    var data: URL { directory.appendingPathComponent("data", isDirectory: true) }

    static let reps = """
        id,name,segment,theaters,capacity
        R1,Ada,SMB,NA,6
        R2,Bo,SMB,NA,5
        R3,Cy,SMB,NA,5

        """

    static let accounts: [(id: String, score: Int, owner: String, extra: String)] = [
        ("A01", 80, "R1", "locked"), ("A02", 30, "R1", "customer"), ("P1", 60, "R1", ""), ("C1", 50, "R1", "child"),
        ("A03", 85, "R1", ""), ("A04", 45, "R1", ""), ("A05", 65, "R2", ""), ("A06", 55, "R2", ""), ("A07", 75, "R2", ""),
        ("A08", 62, "R3", ""), ("A09", 58, "R3", ""), ("A10", 90, "", ""), ("A11", 40, "", ""), ("A12", 20, "", ""),
    ]

    /// accounts.csv with the owners given (default: the table above).
    static func accountsCSV(owners: [String: String] = [:]) -> String {
        var text = "id,name,segment,theater,industry,score,owner,owned_since,customer,locked,parent_id\n"
        for a in accounts {
            let owner = owners[a.id] ?? a.owner
            text += "\(a.id),Account \(a.id),SMB,NA,Software,\(a.score),\(owner),\(owner.isEmpty ? "" : "2026-09-01"),"
                + "\(a.extra == "customer"),\(a.extra == "locked"),\(a.extra == "child" ? "P1" : "")\n"
        }
        return text
    }

    /// Retrieval and return guardrails out of the way; soft fairness, three moves per rep.
    static let policy = """
        assignment:
          fairness: { band: 0.2, mode: soft }
          continuity: { max_moves_per_rep: 3, keep_worked: true }
          topoff: { fill_new_reps: true }
        returns:
          min_hold_days: 0
          min_activities: 0
        coverage:
          retrieve_after_days: 365

        """

    /// Writes the files and imports them as of ``imported``.
    init(policy: String = DayTwoFixture.policy) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("books-day-two-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("data"), withIntermediateDirectories: true)
        try write("reps.csv", Self.reps)
        try write("accounts.csv", Self.accountsCSV())
        try write("policy.yaml", policy)
        let imported = try run(["import", "--data", data.path, "--db", db, "--as-of", Self.imported])
        #expect(imported.status == 0, "\(imported.stderr)")
    }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: data.appendingPathComponent(name))
    }

    /// Runs the built tool in the fixture's directory.
    func run(_ arguments: [String]) throws -> BooksBinary.Output {
        try BooksBinary().run(arguments, in: directory)
    }

    /// Runs it with `--db` and `--format json`, and parses the output.
    func json(_ arguments: [String]) throws -> [String: Any] {
        let output = try run(arguments + ["--db", db, "--format", "json"])
        #expect(output.status == 0, "\(arguments): \(output.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
    }

    /// The books as the workspace has them: account → rep.
    func owners() throws -> [String: String] {
        try Workspace.open(at: db, access: .readOnly).read { reader in
            Dictionary(uniqueKeysWithValues: try reader.books().map { ($0.account.rawValue, $0.rep.rawValue) })
        }
    }

    /// Every ledger row.
    func ledger() throws -> [LedgerEntry] {
        try Workspace.open(at: db, access: .readOnly).read { try $0.ledger.entries() }
    }

    func runCount() throws -> Int {
        try Workspace.open(at: db, access: .readOnly).read { try $0.runs().count }
    }

    /// Per rep: capacity from reps.csv (and R4 when added with capacity 5).
    static let capacity: [String: Double] = ["R1": 6, "R2": 5, "R3": 5, "R4": 5]

    static func score(_ id: String) -> Double { Double(accounts.first { $0.id == id }?.score ?? 0) }
}
