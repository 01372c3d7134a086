import Testing
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
        var loaded = 0, rejected = 0
        for _ in 0 ..< 3_000 {
            let bytes = randomCSV(&rng)
            do {
                let source = try CSVSource(bytes: bytes, name: "fuzz.csv")
                _ = try AccountsReader.read(source, policy: Policy(), reps: ["R1"])
                loaded += 1
            } catch {
                rejected += 1
                #expect(!error.description.isEmpty)
            }
        }
        #expect(loaded + rejected == 3_000)
        #expect(loaded > 0 && rejected > 0)
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
        var parsed = 0
        for round in 0 ..< 2_000 {
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
            do {
                _ = try PolicyLoader.parse(text)
                parsed += 1
            } catch {
                #expect(!error.description.contains("\n"))
            }
        }
        #expect(parsed > 0)
    }
}
