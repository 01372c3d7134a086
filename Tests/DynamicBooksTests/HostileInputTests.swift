import Foundation
import Testing
@testable import DynamicBooks

/// Numbers and dates that used to crash or brick a workspace are refused where they are read,
/// with the file, line, column and allowed range; what is computed from valid input stays
/// within four-digit years.
@Suite("Hostile input")
struct HostileInputTests {
    /// Loads a data directory of the fixture files with `files` replacing them; the error message
    /// without the directory prefix.
    func message(_ files: [String: String]) throws -> String {
        let dir = try TestDirectory()
        defer { dir.remove() }
        var all = ["accounts.csv": Fixture.accounts, "reps.csv": Fixture.reps]
        for (name, text) in files { all[name] = text }
        for (name, text) in all { try dir.write(name, text) }
        let error = try #require(throws: InputError.self) {
            try DataSet.load(InputFiles(directory: dir.path), required: [.accounts, .reps])
        }
        #expect(!error.description.contains("\n"))
        return error.description.replacingOccurrences(of: dir.path + "/", with: "")
    }

    func policyError(_ yaml: String) throws -> String {
        let error = try #require(throws: InputError.self) { try PolicyLoader.parse(yaml) }
        #expect(!error.description.contains("\n"))
        return error.description
    }

    // MARK: - Numbers in CSV files

    @Test("CSV numbers outside their range are refused with the range", arguments: [
        ("reps.csv", "id,segment,capacity\nR1,SMB,1e19\n", #"reps.csv:2:3 (capacity): "1e19" is outside 0–1000000"#),
        ("reps.csv", "id,segment,capacity\nR1,SMB,9223372036854775807\n",
         #"reps.csv:2:3 (capacity): "9223372036854775807" is outside 0–1000000"#),
        ("reps.csv", "id,segment,routing_weight\nR1,SMB,1e300\n", #"reps.csv:2:3 (routing_weight): "1e300" is outside 0–1000000"#),
        ("accounts.csv", "id,workload\nA1,1e-20\n", #"accounts.csv:2:2 (workload): "1e-20" is outside 0.001–1000"#),
        ("accounts.csv", "id,workload\nA1,0\n", #"accounts.csv:2:2 (workload): "0" is outside 0.001–1000"#),
        ("accounts.csv", "id,employees\nA1,1e13\n", #"accounts.csv:2:2 (employees): "1e13" is outside 0–1e12"#),
        ("accounts.csv", "id,annual_revenue\nA1,-1e300\n", #"accounts.csv:2:2 (annual_revenue): "-1e300" is outside -1e15–1e15"#),
    ])
    func csvNumbers(_ file: String, _ text: String, _ expected: String) throws {
        let got = try message([file: text])
        #expect(got == expected)
    }

    @Test("Dates beyond 9899 (or before 1900) are refused where they are read")
    func csvDates() throws {
        #expect(try message(["accounts.csv": "id,owned_since\nA1,9999-12-01\n"])
            == #"accounts.csv:2:2 (owned_since): "9999-12-01" is outside the allowed dates 1900-01-01 to 9899-12-31"#)
        #expect(try message(["reps.csv": "id,segment,unavailable_until\nR1,SMB,0001-01-01\n"])
            == #"reps.csv:2:3 (unavailable_until): "0001-01-01" is outside the allowed dates 1900-01-01 to 9899-12-31"#)
        #expect(try message(["accounts.csv": Fixture.accounts, "activity.csv": "account_id,rep_id,date\nA1,R1,9900-01-01\n"])
            .hasPrefix(#"activity.csv:2:3 (date): "9900-01-01" is outside the allowed dates"#))
    }

    // MARK: - Numbers in the policy

    @Test("Policy numbers outside their range are refused at their place", arguments: [
        ("capacity:\n  MM: { hours_per_week: 40, weeks: 1e19, touches_per_account: 1, minutes_per_touch: 1 }\n",
         #"policy.yaml:2:36 (capacity.MM.weeks): "1e19" is outside 0.001–520"#),
        ("capacity:\n  SMB: { units: 1e19 }\n", #"policy.yaml:2:17 (capacity.SMB.units): "1e19" is outside 0–1000000"#),
        ("capacity:\n  SMB: { hours_per_week: 168, weeks: 520, touches_per_account: 0.001, minutes_per_touch: 0.001 }\n",
         #"policy.yaml:2:8 (capacity.SMB): "5241600000000" units come out of the bottom-up model, outside 0–1000000"#),
        ("segments:\n  SMB: { workload: 1e-20 }\n", #"policy.yaml:2:20 (segments.SMB.workload): "1e-20" is outside 0.001–1000"#),
        ("assignment:\n  time_limit_s: 1e300\n", #"policy.yaml:2:17 (assignment.time_limit_s): "1e300" is outside 0.001–604800"#),
        ("assignment:\n  time_limit_s: 0\n", #"policy.yaml:2:17 (assignment.time_limit_s): "0" is outside 0.001–604800"#),
        ("returns:\n  reasons:\n    later: { rest_days: 2915000 }\n",
         #"policy.yaml:3:25 (returns.reasons.later.rest_days): "2915000" is outside 0–36500"#),
        ("coverage:\n  window_days: 1e9\n", #"policy.yaml:2:16 (coverage.window_days): "1e9" is outside 1–36500"#),
        ("scoring:\n  rules:\n    - when: { customer: true }\n      points: 1e300\n",
         #"policy.yaml:4:15 (scoring.rules[1].points): "1e300" is outside -1000000–1000000"#),
        ("assignment:\n  fit: { specialty: 1e300 }\n", #"policy.yaml:2:21 (assignment.fit.specialty): "1e300" is outside 0–1000"#),
        ("assignment:\n  fit: { specialty: 0 }\n",
         #"policy.yaml:2:21 (assignment.fit.specialty): "0" must be greater than 0 (at most 1000)"#),
    ])
    func policyNumbers(_ yaml: String, _ expected: String) throws {
        let got = try policyError(yaml)
        #expect(got == expected)
    }

    // MARK: - Dates computed from valid input

    @Test("Day arithmetic saturates at 0000-01-01 and 9999-12-31; no day prints five digits")
    func dayArithmetic() {
        let late = Day(year: 9999, month: 12, day: 1)
        #expect((late + 2_915_000).description == "9999-12-31")
        #expect((late + Int.max).description == "9999-12-31")
        #expect((Day(year: 1900, month: 1, day: 1) - Int.max).description == "0000-01-01")
        #expect((late - Int.min).description == "9999-12-31")
        #expect(Day(daysSinceEpoch: 10_000_000).description == "9999-12-31")
        #expect(Day.latest - Day(daysSinceEpoch: Int.min) == Int.max)
        #expect(Day(year: 2026, month: 11, day: 30) + 90 == Day(year: 2027, month: 2, day: 28))
        // The last input day plus the longest period stays a four-digit year.
        #expect((Day.inputRange.upperBound + InputLimits.days.upperBound).components.year <= 9999)
    }

    @Test("A five-digit year written by earlier versions reads back as 9999-12-31")
    func legacyFiveDigitYears() throws {
        #expect(Day(beyondFourDigitYears: "10007-11-30") == Day.latest)
        #expect(Day(beyondFourDigitYears: "2026-11-30") == nil)
        #expect(Day(beyondFourDigitYears: "10007-13-30") == nil)
        #expect(Day(beyondFourDigitYears: "01000-01-01") == nil)
        let decoded = try JSONDecoder().decode([Day].self, from: Data(#"["10007-11-30", "2026-01-02"]"#.utf8))
        #expect(decoded == [Day.latest, Day(year: 2026, month: 1, day: 2)])
    }

    // MARK: - Conversions on derived numbers

    @Test("The capacity analysis with a capacity of 1e-300 units: the reps needed saturate")
    func capacityAnalysisTinyCapacity() {
        var policy = Policy()
        policy.theaters = [TheaterRule(name: "NA", countries: ["US"])]
        let reps = [Rep(id: "R1", segment: "SMB", theaters: ["NA"], capacity: 1e-300)]
        let accounts = (0 ..< 3).map { i in
            ScoredAccount(account: Account(id: AccountID("A\(i)")), score: 90, tier: .a, segment: "SMB", theater: "NA", workload: 1)
        }
        let analysis = CapacityAnalysis(accounts: accounts, reps: reps, policy: policy, asOf: Day(year: 2026, month: 1, day: 1))
        let cell = analysis.cells.first { $0.segment == "SMB" && $0.theater == "NA" }
        #expect(cell?.repsNeeded == Int.max)
    }

    // MARK: - YAML aliases

    /// Nine levels of ten aliases, one used as a mapping key: 10⁹ nodes when expanded.
    static let aliasBomb = """
    a: &a ["x","x","x","x","x","x","x","x","x","x"]
    b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]
    c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]
    d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]
    e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]
    f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]
    g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]
    h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g,*g]
    ? *h
    : 1
    """

    @Test("A YAML alias bomb is refused before the parser expands it, at the first alias")
    func aliasBomb() throws {
        #expect(try policyError(Self.aliasBomb)
            == #"policy.yaml:2:8: "*a" is a YAML alias; a policy may not use aliases (write the value out; in a comment or text, put a space after "*")"#)
    }

    @Test("Aliases are found wherever YAML reads one", arguments: [
        "tiers: *t\n", "tiers: {A: *t}\n", "tiers: [*t]\n", "x: [a,*t]\n", "? *t\n: 1\n", "- *t\n", "*t : 1\n",
        "tiers:\n\t*t\n", "\u{FEFF}*t: 1\n", "a: 1\u{2028}*t: 2\n", "{\"a\":*t}\n",
    ])
    func aliasPositions(_ yaml: String) throws {
        #expect(try policyError(yaml).contains("is a YAML alias"))
    }

    @Test("Stars and ampersands inside names are not aliases")
    func namesWithSymbols() throws {
        let policy = try PolicyLoader.parse("""
        scoring:
          rules:
            - when: { industry: ["R&D", Food*Drink, "*quoted"] }
              points: 5
        theaters: { "A & B": { countries: [US] } }  # a comment * with a lone star
        """)
        #expect(policy.scoring.rules.count == 1)
        #expect(policy.theaters.map(\.name) == ["A & B"])
    }

    @Test("Lines of dashes, question marks and colons that open no collection are read")
    func ruleLines() throws {
        let rule = String(repeating: "-", count: 200)
        let policy = try PolicyLoader.parse("""
        # \(rule)
        theaters: { "A": { countries: [US] } }  # \(String(repeating: "?", count: 100)) \(String(repeating: ":", count: 100))
        # \(rule)
        """)
        #expect(policy.theaters.map(\.name) == ["A"])
    }

    @Test("Deep nesting and oversized files are refused with one line")
    func nestingAndSize() throws {
        #expect(try policyError("x: " + String(repeating: "[", count: 100_000)) == "policy.yaml:1:68: nests [ and { deeper than 64 levels")
        #expect(try policyError(String(repeating: "- ", count: 100_000)) == "policy.yaml:1:129: nests more than 64 collections on one line")
        #expect(try policyError(String(repeating: "#", count: (1 << 20) + 1))
            == "policy.yaml: is 1048577 bytes; a policy may be at most 1048576 bytes (1 MiB)")
    }
}
