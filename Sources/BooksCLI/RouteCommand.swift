import ArgumentParser
import BooksService
import BooksStore
import DynamicBooks
import Foundation

/// `books route`: routes inbound hand-raisers and says why each went where it went.
struct RouteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route",
        abstract: "Route inbound hand-raisers to reps: the owner, else by routing.strategy.",
        discussion: """
        An account whose owner is available goes to the owner. Otherwise it goes to an eligible rep \
        of its segment — covering its theater, available on the day, not barred from it — by \
        routing.strategy: least_loaded (lowest load ÷ capacity, ties by routing_weight then id) or \
        weighted_round_robin (shares proportional to routing_weight). When every eligible book is \
        full, routing.overflow decides: least_loaded (over capacity) or pool. Every decision goes to \
        the ledger (kind routed) with its reason and the reps considered. \
        Give --account ID alone for an account in the workspace; with any account field \
        (--segment, --country, --employees, --score, --customer, --locked, …) it is a new account, scored with the \
        workspace's policy and added. --file routes every row of a CSV with accounts.csv's columns: \
        a row with only its id is an account in the workspace, any other is new. A request that \
        cannot be routed (unknown id, existing id with fields) is an error and nothing is recorded.
        """)

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: "The account to route: its id.")
    var account: String?

    @Option(help: ArgumentHelp("A CSV of inbound accounts (accounts.csv's columns).", valueName: "FILE"))
    var file: String?

    @Option(help: "New account: its name.") var name: String?
    @Option(help: "New account: its segment (else derived from --employees).") var segment: String?
    @Option(help: "New account: its theater (else derived from --country/--state).") var theater: String?
    @Option(help: "New account: ISO-3166 alpha-2 country.") var country: String?
    @Option(help: "New account: state or province code.") var state: String?
    @Option(help: "New account: industry.") var industry: String?
    @Option(help: "New account: employees.") var employees: Double?
    @Option(name: .customLong("annual-revenue"), help: "New account: annual revenue.") var annualRevenue: Double?
    @Option(help: "New account: score 0–100 (only when the policy has no scoring rules or signals; refused otherwise).") var score: Double?
    @Option(help: "New account: its parent account's id.") var parent: String?
    @Option(help: "New account: workload units (else the segment's).") var workload: Double?
    @Flag(help: "New account: it is a customer.") var customer = false
    @Flag(help: "New account: it is locked — it stays with the rep it is routed to.") var locked = false

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The day to route as of (default: today, UTC).", valueName: "YYYY-MM-DD"),
            transform: WorkspaceDay.parse)
    var asOf: Day?

    @OptionGroup var output: OutputOptions

    /// Whether any new-account field was given.
    var hasFields: Bool {
        [name, segment, theater, country, state, industry, parent].contains { $0 != nil }
            || [employees, annualRevenue, score, workload].contains { $0 != nil } || customer || locked
    }

    func validate() throws {
        switch (account, file) {
        case (nil, nil): throw ValidationError("give --account ID (with the fields of a new account) or --file inbound.csv")
        case (_?, _?): throw ValidationError("give --account or --file, not both")
        case (nil, _?) where hasFields: throw ValidationError("account fields go with --account; --file has them in its columns")
        default: break
        }
        if let account, account.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--account must not be empty") }
        if let score, !(0 ... 100).contains(score) { throw ValidationError("--score must be between 0 and 100, got \(score)") }
        for (flag, value, range) in [("--employees", employees, InputLimits.employees), ("--workload", workload, InputLimits.workload),
                                     ("--annual-revenue", annualRevenue, InputLimits.magnitude)] {
            if let value, !range.contains(value) { throw ValidationError("\(flag) must be a number in \(InputLimits.phrase(range)), got \(value)") }
        }
    }

    func run() throws {
        let day = asOf ?? .today
        let workspace = try self.workspace.open(.readWrite)
        let policy = try workspace.read { try $0.policy() }
        if score != nil && !(policy.scoring.rules.isEmpty && policy.scoring.signals.isEmpty) {
            throw CLIError("--score is not used: the workspace's policy scores accounts with its scoring rules and signals; "
                           + "give the account's fields (--industry, --employees, …) instead")
        }
        let inbound = try self.inbound(policy: policy)
        let result: RunResult<[RouteOutcome]>
        do {
            result = try workspace.perform(.route, asOf: day) { tx in
                RunResult(run: tx.run, asOf: day, report: try tx.route(inbound, scorer: InboundScoring.scorer))
            }
        } catch let error as RouteError {
            throw CLIError("\(error)")
        }
        try output.emit(
            json: { try OutputJSON.string(result) },
            csv: { Self.table(result.report) },
            table: { Self.text(result.report, run: result.run) })
    }

    /// One row per decision, for `--format csv`.
    static func table(_ outcomes: [RouteOutcome]) -> TextTable {
        TextTable(
            columns: ["account_id", "added", "from_rep", "rep_id", "reason", "load", "capacity", "detail"].map { TextTable.Column($0) },
            rows: outcomes.map { o in
                let d = o.decision
                return [d.account.rawValue, o.added ? "true" : "false", d.from?.rawValue ?? "", d.rep?.rawValue ?? "",
                        d.reason.rawValue, d.load.map { $0.compact } ?? "", d.capacity.map { $0.compact } ?? "", d.summary]
            })
    }

    /// The inbound accounts the flags or the file name.
    func inbound(policy: Policy) throws -> [InboundAccount] {
        if let file {
            let rows: [InboundFile.Row]
            do { rows = try InboundFile.read(path: file, policy: policy) } catch { throw CLIError("\(error)") }
            return rows.map { row in
                let origin = "\(file):\(row.line)"
                return row.idOnly ? .existing(row.account.id, origin: origin) : .existingOrNew(row.account, origin: origin)
            }
        }
        guard let id = account?.trimmingCharacters(in: .whitespaces) else { return [] }
        let origin = "--account \(id)"
        guard hasFields else { return [.existing(AccountID(id), origin: origin)] }
        let fields = Account(
            id: AccountID(id), name: name ?? "", segment: segment, theater: theater, country: country?.uppercased(),
            state: state?.uppercased(), industry: industry, employees: employees, annualRevenue: annualRevenue,
            score: score, customer: customer, locked: locked, parentID: parent.map { AccountID($0) }, workload: workload)
        return [.new(fields, origin: origin)]
    }

    static func text(_ outcomes: [RouteOutcome], run: RunID) -> String {
        var lines: [String] = []
        for outcome in outcomes {
            let d = outcome.decision
            var line = "\(d.account)\(outcome.added ? " (new)" : "") → \(d.summary)"
            if d.changesOwner, let from = d.from { line += " [from \(from)]" }
            lines.append(line)
        }
        let moved = outcomes.filter { $0.decision.changesOwner && $0.decision.rep != nil }.count
        let pooled = outcomes.filter { $0.decision.rep == nil }.count
        let kept = outcomes.count - moved - pooled
        lines.append("\(outcomes.count) routed: \(moved) to a new owner, \(kept) kept by their owner, \(pooled) in the pool (run \(run))")
        return lines.joined(separator: "\n")
    }
}
