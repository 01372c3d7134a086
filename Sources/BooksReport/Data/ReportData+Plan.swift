import AssignmentEngine
import CSV
import DynamicBooks
import Foundation

extension ReportData {
    /// The report of a plan folder as `books plan` writes it: `summary.json` (required),
    /// `changes.csv` and `pool.csv` (optional; a `tier` column in pool.csv is used when present).
    ///
    /// A plan folder has no rep or account names, no activity and no history, so the report has
    /// no coverage and no weekly trend; it says so.
    /// - Parameters:
    ///   - directory: the plan folder.
    ///   - fairnessBand: `assignment.fairness.band` of the policy the plan was made with; `nil`
    ///     takes `fairness_band` from summary.json when it is there, else the policy default
    ///     (and the report notes the assumption).
    /// - Throws: ``ReportError`` for a missing or unreadable summary.json or a malformed CSV row.
    public init(planFolder directory: URL, fairnessBand: Double? = nil) throws {
        let summaryURL = directory.appendingPathComponent("summary.json")
        guard FileManager.default.fileExists(atPath: summaryURL.path) else {
            throw ReportError.missingFile(path: summaryURL.path,
                                          hint: "--plan takes the folder `books plan --out` wrote (books.csv, pool.csv, changes.csv, summary.json)")
        }
        let data: Data
        do { data = try Data(contentsOf: summaryURL) } catch {
            throw ReportError.unreadable(path: summaryURL.path, detail: error.localizedDescription)
        }
        let summary: PlanSummary
        do { summary = try PlanFiles.decoder.decode(PlanSummary.self, from: data) } catch {
            throw ReportError.unreadable(path: summaryURL.path, detail: "not a plan summary (\(PlanFiles.describe(error)))")
        }
        let recordedBand = (try? PlanFiles.decoder.decode(BandField.self, from: data))?.fairnessBand
        let band = fairnessBand ?? recordedBand
        var notes: [String] = []
        if band == nil {
            notes.append("summary.json does not record assignment.fairness.band; the band shown is the policy default "
                         + "±\(NumberFormat.percent(decimals: 0).string(Policy().assignment.fairnessBand)) (books report --policy FILE uses yours).")
        }

        let poolRows = try PlanFiles.poolRows(directory.appendingPathComponent("pool.csv"))
        let pool = Self.poolCounts(summary: summary, rows: poolRows)
        if pool.contains(where: { $0.tier == nil }) && !pool.isEmpty {
            notes.append("pool.csv does not record tiers: the pool is shown by reason only.")
        }
        let changesURL = directory.appendingPathComponent("changes.csv")
        var changes = ReportChanges(title: "Plan changes (\(summary.mode), as of \(summary.asOf))", rows: [])
        if let rows = try PlanFiles.changeRows(changesURL) {
            let reasons = Dictionary((poolRows ?? []).map { ($0.account, $0.reason) }, uniquingKeysWith: { a, _ in a })
            for row in rows {
                if row.reason == ChangeReason.kept.rawValue { changes.unchanged += 1; continue }
                changes.rows.append(ReportChange(kind: row.reason, account: row.account, from: row.from, to: row.to,
                                                 reason: Self.planReason(row.reason, poolReason: reasons[row.account]),
                                                 detail: ""))
            }
        } else {
            notes.append("changes.csv is missing: the plan's changes are not shown.")
        }

        self.init(
            source: .plan, location: directory.path, asOf: summary.asOf, headline: "\(summary.mode) plan",
            fairness: ReportFairness(mode: summary.fairnessMode.rawValue, band: band ?? Policy().assignment.fairnessBand,
                                     bandAssumed: band == nil),
            totals: ReportTotals(accounts: summary.accounts, assigned: summary.assigned, pooled: summary.pooled,
                                 moves: summary.moves),
            solve: ReportSolve(summary.solve, origin: "summary.json"),
            reps: summary.reps.map(ReportRep.init),
            groups: summary.groups.map(ReportGroup.init),
            pool: pool, coverage: nil, changes: changes, trend: [],
            notes: notes + ["A plan folder holds no activity or history: coverage and the weekly trend need a workspace (--db)."])
    }

    /// Why a plan change happened, in the words of ``ChangeReason``.
    static func planReason(_ kind: String, poolReason: String?) -> String {
        switch ChangeReason(rawValue: kind) {
        case .assigned: "from the pool"
        case .moved: "rebalanced from another rep"
        case .reassigned: "previous owner is no longer a rep"
        case .unassigned: poolReason ?? "to the pool"
        case .kept, nil: kind
        }
    }

    /// Pool counts per reason and tier when pool.csv has tiers, else per reason from the summary.
    static func poolCounts(summary: PlanSummary, rows: [PlanFiles.PoolRow]?) -> [ReportPoolCount] {
        if let rows, !rows.isEmpty, rows.allSatisfy({ $0.tier != nil }) {
            var counts: [String: [Tier: Int]] = [:]
            for row in rows { if let tier = row.tier { counts[row.reason, default: [:]][tier, default: 0] += 1 } }
            return counts.keys.sorted().flatMap { reason in
                Tier.allCases.sorted(by: >).compactMap { tier in
                    counts[reason]?[tier].map { ReportPoolCount(reason: reason, tier: tier, count: $0) }
                }
            }
        }
        return summary.poolByReason.filter { $0.value > 0 }.sorted { $0.key < $1.key }
            .map { ReportPoolCount(reason: $0.key, tier: nil, count: $0.value) }
    }

    private struct BandField: Decodable { var fairnessBand: Double? }
}

extension ReportSolve {
    /// The solve summary of a plan.
    public init(_ solve: SolveSummary, origin: String) {
        self.init(origin: origin, solver: solve.solver, status: solve.status, objective: solve.objective,
                  bound: solve.bound, gap: solve.gap,
                  components: solve.components.map {
                      ReportComponent(index: $0.index, groups: $0.groups, items: $0.items, bins: $0.bins, solver: $0.solver,
                                      status: $0.status, objective: $0.objective, gap: $0.gap, note: $0.note)
                  })
    }
}

extension ReportRep {
    /// A rep line of a plan summary (plans carry no names).
    public init(_ rep: RepSummary) {
        self.init(id: rep.id, name: "", segment: rep.segment, group: rep.group, capacity: rep.capacity, load: rep.load,
                  accounts: rep.accounts, value: rep.value, score: rep.score, tiers: TierCounts(rep.tiers),
                  fairnessRatio: rep.fairnessRatio, available: rep.available)
    }
}

extension ReportGroup {
    /// A group line of a plan summary.
    public init(_ group: GroupSummary) {
        self.init(name: group.name, reps: group.reps, capacity: group.capacity, load: group.load, score: group.score,
                  minRatio: group.minRatio, maxRatio: group.maxRatio, gini: group.gini, withinBand: group.withinBand)
    }
}

/// Reading the files of a plan folder.
enum PlanFiles {
    /// summary.json keys are snake_case; run summaries in a workspace are camelCase; this reads both.
    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing \(path(context.codingPath + [key]))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "unexpected value at \(path(context.codingPath)): \(context.debugDescription)"
        case DecodingError.dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not valid JSON" : "bad value at \(path(context.codingPath))"
        default:
            return "\(error)"
        }
    }

    private static func path(_ keys: [CodingKey]) -> String {
        keys.isEmpty ? "the top level" : keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    struct PoolRow: Equatable { var account: AccountID; var reason: String; var tier: Tier? }
    struct ChangeRow: Equatable { var account: AccountID; var from: RepID?; var to: RepID?; var reason: String }

    /// pool.csv rows, or `nil` when the file is missing.
    static func poolRows(_ url: URL) throws -> [PoolRow]? {
        try rows(url, required: ["account_id", "reason"]) { line, field in
            let tierText = field("tier") ?? ""
            var tier: Tier?
            if !tierText.isEmpty {
                guard let parsed = Tier(rawValue: tierText.uppercased()) else {
                    throw ReportError.badRow(path: url.path, line: line, column: "tier", value: tierText, rule: "is not a tier (A, B, C or D)")
                }
                tier = parsed
            }
            return PoolRow(account: AccountID(field("account_id") ?? ""), reason: field("reason") ?? "", tier: tier)
        }
    }

    /// changes.csv rows, or `nil` when the file is missing.
    static func changeRows(_ url: URL) throws -> [ChangeRow]? {
        try rows(url, required: ["account_id", "from_rep", "to_rep", "reason"]) { _, field in
            let from = field("from_rep") ?? "", to = field("to_rep") ?? ""
            return ChangeRow(account: AccountID(field("account_id") ?? ""), from: from.isEmpty ? nil : RepID(from),
                             to: to.isEmpty ? nil : RepID(to), reason: field("reason") ?? "")
        }
    }

    /// Reads a CSV with a header row; `make` gets the line number and a field look-up by column name.
    private static func rows<T>(_ url: URL, required: [String],
                                _ make: (Int, (String) -> String?) throws -> T) throws -> [T]? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw ReportError.unreadable(path: url.path, detail: "not UTF-8 text (\(error.localizedDescription))")
        }
        let reader: CSVReader
        do { reader = try CSVReader(string: text, hasHeaderRow: true) } catch {
            throw ReportError.unreadable(path: url.path, detail: "not CSV (\(error))")
        }
        let header = (reader.headerRow ?? []).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        for column in required where !header.contains(column) {
            throw ReportError.badRow(path: url.path, line: 1, column: column, value: header.joined(separator: ","),
                                     rule: "header lacks the column \(column)")
        }
        var index: [String: Int] = [:]
        for (i, name) in header.enumerated() where index[name] == nil { index[name] = i }
        var result: [T] = []
        var line = 1
        while let row = reader.next() {
            line += 1
            if row.count == 1, row[0].isEmpty { continue }
            result.append(try make(line) { name in index[name].flatMap { $0 < row.count ? row[$0] : nil } })
        }
        if let error = reader.error {
            throw ReportError.unreadable(path: url.path, detail: "malformed CSV after line \(line) (\(error))")
        }
        return result
    }
}
