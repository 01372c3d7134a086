import AssignmentEngine
import BooksReport
import BooksStore
import DynamicBooks
import Foundation

/// A seeded generator (SplitMix64), so every fixture is the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Small generated instances, a plan folder made by the planner, and a workspace run through a
/// few weekly cycles (retrieve → returns → top-off), for the report tests.
enum ReportFixture {
    static let day0 = Day(year: 2026, month: 9, day: 7)   // a Monday
    /// An account whose name is markup: it must show as text.
    static let scriptName = "<script>alert('x')</script>"
    static let scriptAccount = AccountID("A-SCRIPT")
    /// An account whose id is markup.
    static let markupID = AccountID("<img src=x onerror=alert(1)>")

    /// A fresh directory, in memory (`/dev/shm`) where there is one: each workspace run is a
    /// transaction, and on a slow disk its sync costs a tenth of a second.
    static func temporaryDirectory(_ label: String) throws -> URL {
        var isDirectory: ObjCBool = false
        let memory = FileManager.default.fileExists(atPath: "/dev/shm", isDirectory: &isDirectory) && isDirectory.boolValue
            && FileManager.default.isWritableFile(atPath: "/dev/shm")
        let base = memory ? URL(fileURLWithPath: "/dev/shm", isDirectory: true) : FileManager.default.temporaryDirectory
        let url = base.appendingPathComponent("books-report-\(label)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static let industries = ["Software", "Fintech", "Retail", "Health", "Logistics"]

    /// 90 accounts and 7 reps in three fairness groups (SMB/NA, SMB/EMEA, ENT/EMEA+NA), some owned.
    static func instance(seed: UInt64 = 7) -> (accounts: [ScoredAccount], reps: [Rep], policy: Policy) {
        var rng = SplitMix64(seed: seed)
        let reps = [
            Rep(id: "R01", name: "Ada Lovelace", segment: "SMB", theaters: ["NA"], capacity: 12, specialties: ["Software"]),
            Rep(id: "R02", name: "Bo Diddley", segment: "SMB", theaters: ["NA"], capacity: 10),
            Rep(id: "R03", name: "Cy Twombly", segment: "SMB", theaters: ["NA"], capacity: 8, ramp: 0.5),
            Rep(id: "R04", name: "Di Prima", segment: "SMB", theaters: ["EMEA"], capacity: 12, specialties: ["Retail"]),
            Rep(id: "R05", name: "Ed Ruscha", segment: "SMB", theaters: ["EMEA"], capacity: 12),
            Rep(id: "R06", name: "Flo Jo", segment: "ENT", theaters: ["NA", "EMEA"], capacity: 15),
            Rep(id: "R07", name: "<script>alert('rep')</script>", segment: "ENT", theaters: ["EMEA", "NA"], capacity: 12),
        ]
        var accounts: [ScoredAccount] = []
        for i in 1 ... 90 {
            let enterprise = i % 6 == 0
            let theater: String? = i % 17 == 0 ? nil : (i % 3 == 0 ? "EMEA" : "NA")
            let score = Double(Int.random(in: 10 ... 99, using: &rng))
            let tier: Tier = score >= 75 ? .a : score >= 55 ? .b : score >= 35 ? .c : .d
            let segment = enterprise ? "ENT" : "SMB"
            var owner: RepID?
            if i % 4 == 0, let theater {
                let candidates = reps.filter { $0.segment == segment && $0.theaters.contains(theater) }
                owner = candidates[i % candidates.count].id
            }
            let id = i == 5 ? scriptAccount : i == 11 ? markupID : AccountID(String(format: "A%03d", i))
            let name = i == 5 ? scriptName : "Account \(i) & Sons"
            let account = Account(id: id, name: name, segment: segment, theater: theater, country: theater == "EMEA" ? "GB" : "US",
                                  industry: industries[i % industries.count], employees: enterprise ? 5000 : 120, score: score,
                                  owner: owner, ownedSince: owner == nil ? nil : day0 - 60, customer: i % 23 == 0)
            accounts.append(ScoredAccount(account: account, score: score, tier: tier, segment: segment, theater: theater,
                                          workload: enterprise ? 3 : 1, excludedBy: i % 29 == 0 ? "industry: Government" : nil))
        }
        var policy = Policy()
        policy.assignment.fairnessMode = .soft
        policy.assignment.fairnessBand = 0.2
        policy.assignment.maxMovesPerRep = 6
        policy.coverage.minRepCoverage = 0.5
        return (accounts, reps, policy)
    }

    /// A rebalance plan of ``instance(seed:)`` written into a fresh folder.
    static func planFolder() throws -> (directory: URL, plan: Plan) {
        let (accounts, reps, policy) = instance()
        let plan = try Planner().plan(accounts: accounts, reps: reps, policy: policy, asOf: day0, mode: .rebalance,
                                      solver: .auto, options: SolveOptions(timeLimit: 600, parallelism: 1))
        let directory = try temporaryDirectory("plan")
        try plan.write(to: directory)
        return (directory, plan)
    }

    /// What a planning run records in the workspace: the plan's summary.
    struct PlanRun: Encodable {
        var changes: Int
        var summary: PlanSummary
    }

    /// A workspace after an import, a rebalance and `weeks` weekly cycles of activity, retrieval,
    /// returns and top-off.
    /// - Returns: the file, the open workspace and the rebalance plan applied first.
    static func workspace(weeks: Int = 4) throws -> (path: String, workspace: Workspace, rebalance: Plan) {
        let directory = try temporaryDirectory("workspace")
        let path = directory.appendingPathComponent("books.sqlite").path
        let (accounts, reps, policy) = instance()
        let workspace = try Workspace.open(at: path, create: true, clock: { Date(timeIntervalSince1970: 1_800_000_000) })
        _ = try workspace.importData(ImportData(accounts: accounts, reps: reps, policy: policy), asOf: day0 - 1)
        let rebalance = try plan(workspace, mode: .rebalance, kind: .assigned, run: .plan, asOf: day0)

        var rng = SplitMix64(seed: 99)
        for week in stride(from: 1, through: weeks, by: 1) {
            let day = day0 + 7 * week
            // Owners work most of their books during the week; R03 works little.
            let current = try workspace.read { try $0.accounts() }
            var activity: [Activity] = []
            for account in current {
                guard let owner = account.account.owner else { continue }
                let diligence = owner == "R03" ? 0.02 : 0.8
                for offset in 1 ... 6 where Double.random(in: 0 ..< 1, using: &rng) < diligence / 2 {
                    activity.append(Activity(accountID: account.id, repID: owner, date: day - offset, type: "call"))
                }
            }
            _ = try workspace.importData(ImportData(accounts: [], reps: [], activity: activity, policy: policy), asOf: day)
            _ = try workspace.retrieve(asOf: day)
            // Each week the first worked account of R01 and of R04 goes back as bad timing.
            let owned = try workspace.read { try $0.accounts() }.filter { $0.account.owner != nil }
            var submissions: [ReturnSubmission] = []
            for rep in ["R01", "R04"] as [RepID] {
                if let account = owned.first(where: { $0.account.owner == rep && $0.account.ownedSince.map { day - $0 >= 14 } == true }) {
                    submissions.append(ReturnSubmission(ReturnRequest(accountID: account.id, repID: rep, date: day,
                                                                      reason: "bad_timing", note: "week \(week)"),
                                                        origin: "fixture"))
                }
            }
            if !submissions.isEmpty {
                _ = try workspace.perform(.return, asOf: day) { tx in try tx.decideReturns(submissions) }
            }
            try plan(workspace, mode: .topoff, kind: .toppedOff, run: .topoff, asOf: day)
        }
        return (path, workspace, rebalance)
    }

    /// One workspace after four weekly cycles, built once and shared by the tests that only read it.
    static let sharedLoop: Result<(path: String, workspace: Workspace, rebalance: Plan), Error> = Result { try workspace(weeks: 4) }

    /// Plans on the workspace's current state and records the changes in a run of their own.
    @discardableResult
    static func plan(_ workspace: Workspace, mode: PlanMode, kind: LedgerKind, run: RunKind, asOf: Day) throws -> Plan {
        let input = try workspace.read { try $0.planningInput(on: asOf) }
        let plan = try Planner().plan(accounts: input.accounts, reps: input.reps, policy: input.policy, activity: input.activity,
                                      state: input.state, asOf: asOf, mode: mode, solver: .auto,
                                      options: SolveOptions(timeLimit: 600, parallelism: 1))
        _ = try workspace.perform(run, asOf: asOf) { tx in
            PlanRun(changes: try tx.apply(plan, kind: kind).count, summary: plan.summary.withoutTimings)
        }
        return plan
    }
}
