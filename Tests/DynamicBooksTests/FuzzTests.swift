import AssignmentEngine
import Foundation
import Testing
import TestSupport
@testable import DynamicBooks

/// Random and mutated inputs never crash the readers: they load or they throw an ``InputError``.
@Suite("Fuzzing the readers")
struct FuzzTests {
    /// Bytes biased towards what CSV parsers trip on.
    static let csvAlphabet: [UInt8] = Array("\"\",,,\n\n\r ab1.-9".utf8) + [0xEF, 0xBB, 0xBF, 0xC3, 0xA9, 0xFF, 0x00]

    func randomCSV(_ rng: inout SeededGenerator) -> [UInt8] {
        let header: [UInt8] = rng.chance(0.7) ? Array("id,name,employees,owner,customer,x\n".utf8) : []
        return header + (0 ..< rng.int(in: 0 ... 120)).map { _ in rng.pick(Self.csvAlphabet) }
    }

    @Test("Random bytes through the CSV reader and the accounts reader")
    func csvReader() {
        var rng = SeededGenerator(seed: 2024)
        var run = FuzzRun("csv-random-bytes", base: 3_000)
        for _ in 0 ..< run.iterations {
            let bytes = randomCSV(&rng)
            if let error = run.execute({
                let source = try CSVSource(bytes: bytes, name: "fuzz.csv")
                _ = try AccountsReader.read(source, policy: Policy(), reps: ["R1"])
            }) {
                #expect(error is InputError && !"\(error)".isEmpty)
            }
        }
        run.report()
        #expect(run.accepted + run.rejected == run.iterations)
        #expect(run.accepted > 0 && run.rejected > 0)
    }

    @Test("Splitting at the scanner's row ends parses to the same rows as the whole text")
    func splitEquivalence() throws {
        var rng = SeededGenerator(seed: 77)
        let alphabet: [UInt8] = Array("\"\",,\n\r\nab c".utf8)
        for _ in 0 ..< 2_000 {
            let body = (0 ..< rng.int(in: 1 ... 80)).map { _ in rng.pick(alphabet) }
            let slice = body[...]
            var whole: [[String]] = []
            let reader = CSVSource.rows(in: slice)
            while let row = reader.next() { whole.append(row) }
            var scanner = RowScanner()
            var i = slice.startIndex, ends: [Int] = []
            while i < slice.endIndex { if scanner.consume(slice, at: &i) { ends.append(i) } }
            guard let cut = ends.isEmpty ? nil : ends[rng.below(ends.count)] else { continue }
            var split: [[String]] = []
            for part in [slice[..<cut], slice[cut...]] {
                let r = CSVSource.rows(in: part)
                while let row = r.next() { split.append(row) }
            }
            #expect(split == whole, "split at \(cut) of \(body)")
        }
    }

    static let policy = """
    scoring:
      rules:
        - when: { industry: [Software, Fintech], employees: { between: [50, 2000] } }
          points: 25
      signals: [{ field: visits, per_unit: 0.5, max: 15 }]
      exclude: [{ when: { industry: Government } }]
    tiers: { A: 75, B: 55, C: 35 }
    segments: { SMB: { max_employees: 199 }, ENT: { workload: 3 } }
    theaters: { NA: { countries: [US, CA] }, NY: { states: [NY] } }
    capacity: { SMB: { units: 150 } }
    assignment: { min_tier: C, fairness: { band: 0.15, mode: soft }, continuity: { max_moves_per_rep: 25 } }
    returns: { reasons: { poor_fit: { disqualify: true } }, min_hold_days: 14 }
    coverage: { activity_types: [call, email], window_days: 30 }
    topoff: { order: [score desc, id asc] }
    routing: { strategy: least_loaded, overflow: pool }
    """

    @Test("Rows split at commas here and rows given to CSV.swift are CSV.swift's rows, with their lines")
    func partReaderMatchesCSVSwift() {
        var rng = SeededGenerator(seed: 31)
        let alphabet: [UInt8] = Array("\"\",,\n\r\nab c\u{e9}".utf8)
        for _ in 0 ..< 2_000 {
            let body = (0 ..< rng.int(in: 0 ... 80)).map { _ in rng.pick(alphabet) }
            var expected: [([String], Int)] = []
            var line = 1
            let reader = CSVSource.rows(in: body[...])
            while let row = reader.next() {
                expected.append((row, line))
                line += 1 + row.reduce(0) { $0 + CSVSource.lineBreaks(in: $1) }
            }
            var actual: [([String], Int)] = []
            var part = PartReader(body[...], firstLine: 1)
            while let row = part.next() { actual.append(row) }
            #expect(actual.map(\.0) == expected.map(\.0), "rows of \(body)")
            #expect(actual.map(\.1) == expected.map(\.1), "lines of \(body)")
        }
    }

    @Test("Random bytes and mutated policies through the policy loader")
    func policyLoader() {
        var rng = SeededGenerator(seed: 99)
        let base = Array(Self.policy.utf8)
        let alphabet: [UInt8] = Array(":-[]{},#&*!|>'\"\n \t%@`?".utf8) + [0xFF, 0x00, 0xC3]
        var run = FuzzRun("policy-random-bytes", base: 1_000)
        for round in 0 ..< run.iterations {
            var bytes: [UInt8]
            if round % 3 == 0 {
                bytes = (0 ..< rng.int(in: 0 ... 60)).map { _ in rng.chance(0.5) ? rng.pick(alphabet) : UInt8(rng.int(in: 0x20 ... 0x7E)) }
            } else {
                bytes = base
                for _ in 0 ..< rng.int(in: 1 ... 6) {
                    let at = rng.below(bytes.count)
                    switch rng.below(3) {
                    case 0: bytes[at] = rng.pick(alphabet)
                    case 1: bytes.remove(at: at)
                    default: bytes.insert(rng.pick(alphabet), at: at)
                    }
                }
            }
            let text = String(decoding: bytes, as: UTF8.self)
            if let error = run.execute({ _ = try PolicyLoader.parse(text) }) {
                #expect(error is InputError && !"\(error)".contains("\n"))
            }
        }
        run.report()
        #expect(run.accepted > 0)
    }

    // MARK: - Every file format, field by field

    /// A data set for the field-level mutations: every column the readers know, owners,
    /// families, dates and numbers.
    static let reps = """
    id,name,segment,theaters,capacity,ramp,specialties,unavailable_until,routing_weight
    R1,Ann,SMB,NA,12,1,Software,,1
    R2,Bo,SMB,NA;NY,10,0.5,,2026-12-10,2
    R3,Cy,ENT,,30,1,Fintech,,1
    """

    static let accounts = """
    id,name,segment,theater,country,state,industry,employees,annual_revenue,score,owner,owned_since,last_activity,customer,locked,parent_id,workload,visits
    A1,Acme,SMB,,US,NY,Software,120,1200000,,R1,2026-01-05,2026-11-02,yes,no,,,4
    A2,Beta,,,CA,,Fintech,80,,,R2,2025-06-01,,no,no,A1,1.5,12
    A3,Gamma,ENT,,US,,Government,5000,9e7,,,,,no,yes,,,0
    A4,Delta,,NA,,,Software,30,,,,,,,,,,7
    A5,Eps,SMB,,US,CA,Retail,150,500000,,R1,2024-02-29,2026-10-30,no,no,,2,1
    """

    static let activity = """
    account_id,rep_id,date,type
    A1,R1,2026-11-02,call
    A2,R2,2026-10-01,email
    """

    static let returns = """
    account_id,rep_id,date,reason,note
    A1,R1,2026-11-20,poor_fit,"said no, twice"
    """

    /// Reads `text` as the file `kind` against the fuzz data set's policy, reps and accounts.
    static let parsedPolicy = (try? PolicyLoader.parse(policy)) ?? Policy()

    static func read(_ kind: InputFiles.Kind, _ text: String, policy: Policy) throws {
        let source = try CSVSource(bytes: Array(text.utf8), name: kind.fileName)
        switch kind {
        case .reps: _ = try RepsReader.read(source, policy: policy)
        case .accounts: _ = try AccountsReader.read(source, policy: policy, reps: ["R1", "R2", "R3"])
        case .activity: _ = try ActivityReader.activity(source, accounts: ["A1", "A2", "A3", "A4", "A5"], reps: ["R1", "R2", "R3"])
        default: _ = try ActivityReader.returns(source, accounts: ["A1", "A2", "A3", "A4", "A5"], reps: ["R1", "R2", "R3"])
        }
    }

    @Test("Mutated fields of every CSV format: each loads or is refused with one line naming file, line and column",
          arguments: [(InputFiles.Kind.accounts, 700), (.reps, 500), (.activity, 250), (.returns, 250)])
    func csvFields(_ kind: InputFiles.Kind, _ base: Int) throws {
        let original = switch kind {
        case .accounts: Self.accounts
        case .reps: Self.reps
        case .activity: Self.activity
        default: Self.returns
        }
        try Self.read(kind, original, policy: Self.parsedPolicy)
        var rng = SeededGenerator(seed: 19 &+ UInt64(base))
        var run = FuzzRun("csv-\(kind.fileName)", base: base)
        for _ in 0 ..< run.iterations {
            let text = rng.chance(0.9) ? FuzzMutator.csvFields(original, using: &rng)
                : String(decoding: FuzzMutator.bytes(Array(original.utf8), alphabet: Self.csvAlphabet, using: &rng), as: UTF8.self)
            if let error = run.execute({ try Self.read(kind, text, policy: Self.parsedPolicy) }) {
                let message = "\(error)"
                #expect(error is InputError, "\(message)")
                #expect(!message.contains("\n") && message.hasPrefix(kind.fileName), "\(message)")
            }
        }
        run.report()
        #expect(run.accepted > 0 && run.rejected > 0)
    }

    @Test("Mutated values, aliases and nesting through the policy loader: loaded or one line, never slow")
    func policyValues() throws {
        var rng = SeededGenerator(seed: 1919)
        var run = FuzzRun("policy", base: 600)
        for _ in 0 ..< run.iterations {
            let text = FuzzMutator.yamlValues(Self.policy, using: &rng)
            if let error = run.execute({ _ = try PolicyLoader.parse(text) }) {
                #expect(error is InputError)
                #expect(!"\(error)".contains("\n"), "\(error)")
            }
        }
        run.report()
        #expect(run.accepted > 0 && run.rejected > 0)
    }

    @Test("Mutated data sets end to end: load, score, capacity, plan (greedy and auto) and write, or one clear error")
    func planAndScore() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let out = dir.url.appendingPathComponent("plan")
        var rng = SeededGenerator(seed: 4242)
        var run = FuzzRun("plan-and-score", base: 150)
        let asOf = Day(year: 2026, month: 11, day: 30)
        for round in 0 ..< run.iterations {
            var files = ["policy.yaml": Self.policy, "reps.csv": Self.reps, "accounts.csv": Self.accounts,
                         "activity.csv": Self.activity]
            switch rng.below(3) {
            case 0: files["policy.yaml"] = FuzzMutator.yamlValues(Self.policy, using: &rng)
            case 1: files["reps.csv"] = FuzzMutator.csvFields(Self.reps, using: &rng)
            default: files["accounts.csv"] = FuzzMutator.csvFields(Self.accounts, using: &rng)
            }
            for (name, text) in files { try dir.write(name, text) }
            let error = run.execute {
                let data = try DataSet.load(InputFiles(directory: dir.path), required: [.accounts, .reps])
                let scored = Scorer(policy: data.policy, attributeColumns: data.accountAttributeColumns).score(data.accounts)
                _ = CapacityAnalysis(accounts: scored, reps: data.reps, policy: data.policy, asOf: asOf)
                let plan = try Planner().plan(accounts: scored, reps: data.reps, policy: data.policy, activity: data.activity,
                                              asOf: asOf, mode: round % 2 == 0 ? .rebalance : .topoff,
                                              solver: round % 4 < 2 ? .greedy : .auto,
                                              options: SolveOptions(timeLimit: 10, parallelism: 1))
                try plan.write(to: out)
            }
            if let error {
                #expect(error is InputError || error is PlanError, "\(error)")
                #expect(!"\(error)".contains("\n"), "\(error)")
            }
        }
        run.report()
        #expect(run.accepted > 0 && run.rejected > 0)
    }
}
