import ArgumentParser
import BooksStore
import DynamicBooks
import Foundation

/// `books compare A B`: what changes from one set of books to another.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two plans (or a plan and the workspace's current books): per-rep deltas, every account that moves, totals.",
        discussion: """
        A and B are plan folders written by `books plan --out`. With --db PATH the workspace's \
        current books are one side: give one plan folder, and the workspace is A (--db-side b \
        puts it on the B side). Every difference is B − A. Reps, groups and accounts that are \
        the same on both sides are left out, so comparing a plan with itself prints no lines. \
        --format csv prints the moves (or, with --rows reps, the per-rep deltas).
        """)

    @Argument(help: ArgumentHelp("Plan folders: A and B, or one of them with --db.", valueName: "plan-dir"))
    var sides: [String] = []

    @Option(name: .customLong("db"), help: ArgumentHelp("A workspace whose current books are one side.", valueName: "PATH"))
    var db: String?

    @Option(name: .customLong("db-side"), help: ArgumentHelp("With --db: the side the workspace takes, a or b.", valueName: "side"))
    var dbSide: Side = .a

    @Option(help: ArgumentHelp("With --format csv: the rows to print, moves or reps.", valueName: "rows"))
    var rows: CSVRows = .moves

    @OptionGroup var output: OutputOptions

    enum Side: String, ExpressibleByArgument, CaseIterable { case a, b }
    enum CSVRows: String, ExpressibleByArgument, CaseIterable { case moves, reps }

    func validate() throws {
        let wanted = db == nil ? 2 : 1
        guard sides.count == wanted else {
            throw ValidationError(db == nil ? "give two plan folders A and B (or one and --db PATH)"
                                            : "with --db give one plan folder (the workspace is the other side)")
        }
    }

    func run() throws {
        try output.emit(json: { try TerminalOutput.json(try comparison()) },
                                         csv: { try Self.csv(try comparison(), rows: rows) },
                                         table: { Self.text(try comparison()) })
    }

    /// Reads both sides and compares them.
    func comparison() throws -> BooksComparison {
        try Self.comparison(sides: sides, db: db, dbSide: dbSide)
    }

    static func comparison(sides: [String], db: String?, dbSide: Side) throws -> BooksComparison {
        let (a, b) = try Self.sides(sides, db: db, dbSide: dbSide)
        return try BooksComparison(a, b)
    }

    /// Reads plan folders (and the workspace's current books with `db`) as sides A and B.
    static func sides(_ folders: [String], db: String?, dbSide: Side) throws -> (BooksSide, BooksSide) {
        var read = try folders.map { folder in
            var side = try BooksSide(planFolder: URL(fileURLWithPath: folder, isDirectory: true))
            side.label = folder   // as the user wrote it
            return side
        }
        if let db {
            let workspace = try Workspace.open(at: db, access: .readOnly)
            let current = try workspace.read { try $0.booksSide() }
            read.insert(current, at: dbSide == .a ? 0 : 1)
        }
        return (read[0], read[1])
    }

    // MARK: - Text

    static func text(_ c: BooksComparison) -> String {
        let n = TerminalOutput.count
        var lines = ["A: \(c.a)", "B: \(c.b)", ""]
        var totals = TerminalTable(["total", "A", "B", "B − A"], rightAligned: [1, 2, 3])
        func row(_ name: String, _ a: Double?, _ b: Double?) {
            let delta = a.flatMap { x in b.map { $0 - x } }
            totals.add([name, a.map(number) ?? "–", b.map(number) ?? "–", delta.map(signed) ?? "–"])
        }
        row("objective", c.totals.a.objective, c.totals.b.objective)
        row("book value", c.totals.a.bookValue, c.totals.b.bookValue)
        row("accounts in books", Double(c.totals.a.inBooks), Double(c.totals.b.inBooks))
        row("accounts in the pool", Double(c.totals.a.pooled), Double(c.totals.b.pooled))
        row("A/B accounts in books", Double(c.totals.a.abInBooks), Double(c.totals.b.abInBooks))
        row("A/B accounts waiting", Double(c.totals.a.abWaiting), Double(c.totals.b.abWaiting))
        lines.append(totals.text)
        lines.append("")
        if c.isEmpty {
            lines.append("The two sides hold the same books: no rep, group or account differs.")
            return lines.joined(separator: "\n")
        }
        lines.append("\(n(c.moves.count)) accounts change hands: \(n(c.totals.repToRep)) rep to rep, "
                     + "\(n(c.totals.outOfPool)) out of the pool, \(n(c.totals.intoPool)) into the pool · "
                     + "moves per rep: max \(c.totals.movesPerRepMax), mean \(String(format: "%.2f", c.totals.movesPerRepMean))")
        lines.append("")

        var reps = TerminalTable(["rep", "accounts", "Δ", "load", "Δ", "value", "Δ", "A/B/C/D Δ", "ratio", "Δ", "moves in"],
                                 rightAligned: [1, 2, 3, 4, 5, 6, 8, 9, 10])
        for rep in c.reps {
            let tiers = Tier.allCases.map { signedInt(rep.tiers[$0.rawValue] ?? 0) }.joined(separator: "/")
            reps.add([rep.id.rawValue, rep.b.map { n($0.accounts) } ?? "–", signedInt(rep.accounts),
                      rep.b.map { TerminalOutput.units($0.load) } ?? "–", signed(rep.load),
                      rep.b.map { number($0.value) } ?? "–", signed(rep.value), tiers,
                      rep.b?.fairnessRatio.map { String(format: "%.3f", $0) } ?? "–",
                      rep.fairnessRatio.map { String(format: "%+.3f", $0) } ?? "–", n(rep.movesIn)])
        }
        lines.append("Reps that differ (B, and B − A):")
        lines.append(reps.text)

        if !c.groups.isEmpty {
            lines.append("")
            var groups = TerminalTable(["group", "spread A", "spread B", "Δ", "gini A", "gini B", "Δ"], rightAligned: [1, 2, 3, 4, 5, 6])
            for g in c.groups {
                groups.add([g.name, g.a?.spread.map(ratio) ?? "–", g.b?.spread.map(ratio) ?? "–",
                            g.spread.map { String(format: "%+.3f", $0) } ?? "–", g.a.map { ratio($0.gini) } ?? "–",
                            g.b.map { ratio($0.gini) } ?? "–", String(format: "%+.3f", g.gini)])
            }
            lines.append("Fairness per group (spread = max − min ratio):")
            lines.append(groups.text)
        }

        lines.append("")
        var moves = TerminalTable(["account", "tier", "A", "B", "reason in A", "reason in B"])
        let shown = 40
        for move in c.moves.prefix(shown) {
            moves.add([move.accountID.rawValue, move.tier?.rawValue ?? "–", move.fromRep?.rawValue ?? "pool",
                       move.toRep?.rawValue ?? "pool", move.reasonA, move.reasonB])
        }
        lines.append("Accounts that move:")
        lines.append(moves.text)
        if c.moves.count > shown {
            lines.append("… and \(n(c.moves.count - shown)) more (--format csv or json lists every one)")
        }
        return lines.joined(separator: "\n")
    }

    /// Thousands separated from 1,000 up (whole numbers), two decimals below.
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "–" }
        if abs(x) >= 1_000 || x == x.rounded() { return TerminalOutput.count(Int(x.rounded())) }
        return String(format: "%.2f", x)
    }
    static func signed(_ x: Double) -> String { x == 0 ? "0" : (x > 0 ? "+" : "-") + number(abs(x)) }
    static func signedInt(_ x: Int) -> String { x > 0 ? "+\(x)" : "\(x)" }
    static func ratio(_ x: Double) -> String { String(format: "%.3f", x) }

    // MARK: - CSV

    static func csv(_ c: BooksComparison, rows: CSVRows) -> TextTable {
        switch rows {
        case .moves:
            return TextTable(columns: ["account_id", "tier", "kind", "rep_a", "rep_b", "reason_a", "reason_b"].map { .init($0) },
                             rows: c.moves.map {
                                 [$0.accountID.rawValue, $0.tier?.rawValue ?? "", $0.kind.rawValue, $0.fromRep?.rawValue ?? "",
                                  $0.toRep?.rawValue ?? "", $0.reasonA, $0.reasonB]
                             })
        case .reps:
            func text(_ x: Double?) -> String { x.map { PlanNumber.text($0) } ?? "" }
            var columns = ["rep_id", "accounts_a", "accounts_b", "load_a", "load_b", "load_delta", "capacity_a", "capacity_b",
                           "value_a", "value_b", "value_delta"]
            columns += Tier.allCases.map { "tier_\($0.rawValue.lowercased())_delta" }
            columns += ["fairness_ratio_a", "fairness_ratio_b", "fairness_ratio_delta", "moves_in"]
            return TextTable(columns: columns.map { .init($0) }, rows: c.reps.map { r in
                [r.id.rawValue, r.a.map { String($0.accounts) } ?? "", r.b.map { String($0.accounts) } ?? "",
                 text(r.a?.load), text(r.b?.load), text(r.load), text(r.a?.capacity), text(r.b?.capacity),
                 text(r.a?.value), text(r.b?.value), text(r.value)]
                    + Tier.allCases.map { String(r.tiers[$0.rawValue] ?? 0) }
                    + [text(r.a?.fairnessRatio), text(r.b?.fairnessRatio), text(r.fairnessRatio), String(r.movesIn)]
            })
        }
    }
}
