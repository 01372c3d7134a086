import BooksStore
import DynamicBooks
import Foundation
import Testing

/// The workspace commands end to end: the built `books` tool on a workspace made through the library.
@Suite("books return / retrieve / explain / export")
struct WorkspaceCommandsTests {
    static let day0 = Day(year: 2026, month: 9, day: 1)
    static let asOf = "2026-11-29"

    /// A workspace with three reps and four accounts, as of 2026-09-01.
    static func workspace() throws -> (directory: URL, db: String) {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("books-cli-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let db = directory.appendingPathComponent("books.sqlite").path
        func scored(_ id: AccountID, owner: RepID?, score: Double = 80) -> ScoredAccount {
            ScoredAccount(account: Account(id: id, name: "Account \(id)", industry: "Software", owner: owner,
                                           ownedSince: owner == nil ? nil : day0),
                          score: score, tier: score >= 75 ? .a : .b, segment: "SMB", theater: "NA", workload: 1)
        }
        let reps = [Rep(id: "R1", name: "Ada", segment: "SMB", theaters: ["NA"], capacity: 5),
                    Rep(id: "R2", name: "Bo", segment: "SMB", theaters: ["NA"], capacity: 5),
                    Rep(id: "R3", name: "Cy", segment: "MM", theaters: ["NA"], capacity: 5)]
        let activity = [30, 60, 80, 85].map { Activity(accountID: "A1", repID: "R1", date: day0 + $0, type: "call") }
        let data = ImportData(accounts: [scored("A1", owner: "R1"), scored("A2", owner: "R1", score: 60),
                                         scored("A3", owner: "R2"), scored("A4", owner: nil, score: 90)],
                              reps: reps, activity: activity, policy: Policy())
        _ = try Workspace.open(at: db, create: true).importData(data, asOf: day0)
        return (directory, db)
    }

    /// Runs the built tool; returns exit status, stdout and stderr.
    static func books(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    static func executable() throws -> URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0 ..< 4 {
            let candidate = directory.appendingPathComponent("books")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        throw CocoaError(.fileNoSuchFile)
    }

    @Test func returnAcceptedThenExplainShowsIt() throws {
        let (_, db) = try Self.workspace()
        let accepted = try Self.books(["return", "--db", db, "--account", "A1", "--rep", "R1", "--reason", "bad_timing",
                                       "--note", "budget freeze", "--as-of", Self.asOf])
        #expect(accepted.status == 0)
        #expect(accepted.out == """
            A1 (R1, 2026-11-29, bad_timing): accepted: rests until 2027-01-28, barred from the rep until 2027-05-28
            1 accepted, 0 rejected (run 2)

            """)
        let explained = try Self.books(["explain", "A1", "--db", db, "--as-of", Self.asOf])
        #expect(explained.status == 0)
        #expect(explained.out == """
            A1 — Account A1
              score 80, tier A, segment SMB, theater NA, workload 1
              in the pool
              not assignable on 2026-11-29: resting until 2027-01-28
              barred from R1 until 2027-05-28
            History:
              2026-09-01  imported        pool → R1  import  (run 1)
              2026-11-29  returned        R1 → pool  bad_timing: budget freeze  (run 2)
              2026-11-29  rested          -  bad_timing: until 2027-01-28  (run 2)
            Reps of segment SMB on 2026-11-29:
              R1 Ada  load 1/5  resting until 2027-01-28
              R2 Bo   load 1/5  resting until 2027-01-28
              and 1 rep of other segments: wrong segment

            """)
    }

    @Test func returnRejectedExitsZeroAndSaysWhy() throws {
        let (_, db) = try Self.workspace()
        let result = try Self.books(["return", "--db", db, "--account", "A2", "--rep", "R1", "--reason", "not_interested",
                                     "--as-of", Self.asOf, "--json"])
        #expect(result.status == 0)
        #expect(result.out.contains("\"status\" : \"rejected\""))
        #expect(result.out.contains("0 qualifying activities (call, email, meeting) since 2026-09-01, policy returns.min_activities is 3"))
    }

    @Test func badRequestsFailWithOneLineAndChangeNothing() throws {
        let (_, db) = try Self.workspace()
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let cases: [([String], String)] = [
            (["--account", "A9", "--rep", "R1"], "Error: --account A9: unknown account A9: not in the workspace\n"),
            (["--account", "A3", "--rep", "R1"], "Error: --account A3: account A3 is not owned by R1 (owner: R2); only its owner can return it\n"),
            (["--account", "A1", "--rep", "R1", "--date", "2026-12-01"],
             "Error: --account A1: date 2026-12-01 is after the as-of day 2026-11-29; a return cannot be dated in the future\n"),
        ]
        for (arguments, message) in cases {
            let result = try Self.books(["return", "--db", db, "--reason", "bad_timing", "--as-of", Self.asOf] + arguments)
            #expect(result.status != 0)
            #expect(result.err == message)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
    }

    @Test func missingOrForeignWorkspacesAreClearErrors() throws {
        let (directory, _) = try Self.workspace()
        let missing = directory.appendingPathComponent("nope.sqlite").path
        let result = try Self.books(["explain", "A1", "--db", missing])
        #expect(result.status != 0)
        #expect(result.err == "Error: no workspace at \(missing): run `books import` first, or pass --db PATH\n")
        #expect(!FileManager.default.fileExists(atPath: missing))
        let text = directory.appendingPathComponent("notes.txt").path
        try Data("hello\n".utf8).write(to: URL(fileURLWithPath: text))
        let foreign = try Self.books(["retrieve", "--db", text])
        #expect(foreign.status != 0)
        #expect(foreign.err.hasPrefix("Error: \(text) is not a DynamicBooks workspace (not a SQLite database)"))
    }

    @Test func retrieveDryRunThenForReal() throws {
        let (_, db) = try Self.workspace()
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let dry = try Self.books(["retrieve", "--db", db, "--as-of", Self.asOf, "--dry-run"])
        #expect(dry.status == 0)
        #expect(dry.out == """
            Would retrieve 2 accounts as of 2026-11-29 (dry run, nothing changed)
              A2  from R1  no qualifying activity since assigned on 2026-09-01 (89 days), policy coverage.retrieve_after_days is 45
              A3  from R2  no qualifying activity since assigned on 2026-09-01 (89 days), policy coverage.retrieve_after_days is 45
            Coverage: share of each book worked (≥ 2 qualifying activities in the 30 days to 2026-11-29), accounts in their 14-day grace not counted
              rep  worked  share  grace
              R1   1/2     50%    0  below coverage.min_rep_coverage 60%
              R2   0/1     0%     0  below coverage.min_rep_coverage 60%
              R3   0/0     -      0

            """)
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
        let real = try Self.books(["retrieve", "--db", db, "--as-of", Self.asOf, "--json"])
        #expect(real.status == 0)
        #expect(real.out.contains("\"run\" : 2"))
        let again = try Self.books(["retrieve", "--db", db, "--as-of", Self.asOf])
        #expect(again.out.hasPrefix("Retrieved 0 accounts as of 2026-11-29 (nothing to change, no run recorded)\n"))
    }

    @Test func exportWritesBooksAndChanges() throws {
        let (directory, db) = try Self.workspace()
        _ = try Self.books(["retrieve", "--db", db, "--as-of", Self.asOf])
        let out = directory.appendingPathComponent("export").path
        let result = try Self.books(["export", "--db", db, "--out", out, "--since-run", "1"])
        #expect(result.status == 0)
        #expect(result.out == "wrote \(out)/books.csv (1 accounts) and \(out)/changes.csv (2 changes)\n")
        let changes = try String(contentsOfFile: out + "/changes.csv", encoding: .utf8)
        #expect(changes == """
            account_id,from_rep,to_rep,reason,kind,day,run_id,seq
            A2,R1,,coverage.retrieve_after_days,retrieved,2026-11-29,2,4
            A3,R2,,coverage.retrieve_after_days,retrieved,2026-11-29,2,5

            """)
        let conflicting = try Self.books(["export", "--db", db, "--since", "2026-01-01", "--run", "1"])
        #expect(conflicting.status != 0)
    }

    @Test func importFromCSVThenReturnAFileOfRequests() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("books-cli-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        func write(_ name: String, _ text: String) throws {
            try Data(text.utf8).write(to: directory.appendingPathComponent(name))
        }
        try write("accounts.csv", """
            id,name,employees,country,score,owner,owned_since,industry,intent
            A1,Acme,50,US,80,R1,2026-09-01,Software,70
            A2,Beta,60,US,60,R1,2026-11-25,Retail,10
            A3,Gamma,70,GB,90,,,Software,90

            """)
        try write("reps.csv", "id,name,segment,theaters,capacity\nR1,Ada,SMB,NA,10\nR2,Bo,SMB,EMEA,10\n")
        try write("activity.csv", "account_id,rep_id,date,type\nA1,R1,2026-09-11,call\nA1,R1,2026-10-11,email\nA1,R1,2026-11-21,call\n")
        try write("returns.csv", """
            account_id,rep_id,date,reason,note
            A1,R1,2026-11-28,not_interested,"budget, next year"
            A2,R1,2026-11-28,bad_timing,

            """)
        let db = directory.appendingPathComponent("books.sqlite").path
        let imported = try Self.books(["import", "--data", directory.path, "--db", db, "--as-of", Self.asOf])
        #expect(imported.status == 0)
        #expect(imported.out.hasPrefix("Imported into \(db) (run 1): 11 changed\n  accounts  3 new, 0 updated, 0 unchanged\n"
                                       + "  reps      2 new, 0 updated, 0 unchanged\n"
                                       + "  activity  3 new, 0 already known\n  owners    2 from accounts.csv\n"))
        let again = try Self.books(["import", "--data", directory.path, "--db", db, "--as-of", Self.asOf, "--json"])
        #expect(again.out.contains("\"accounts_unchanged\" : 3") && again.out.contains("\"accounts_updated\" : 0")
                && again.out.contains("\"activity_known\" : 3"))

        let returns = directory.appendingPathComponent("returns.csv").path
        let decided = try Self.books(["return", "--db", db, "--file", returns, "--as-of", Self.asOf])
        #expect(decided.status == 0)
        #expect(decided.out == """
            A1 (R1, 2026-11-28, not_interested): accepted: rests until 2027-02-26, barred from the rep until 2027-05-27
            A2 (R1, 2026-11-28, bad_timing): rejected: held 3 days, policy returns.min_hold_days is 14; 0 qualifying activities (call, email, meeting) since 2026-11-25, policy returns.min_activities is 3
            1 accepted, 1 rejected (run 3)

            """)
        let twice = try Self.books(["return", "--db", db, "--file", returns, "--as-of", Self.asOf])
        #expect(twice.status != 0)
        #expect(twice.err == "Error: \(returns):2: duplicate request: A1 by R1 on 2026-11-28 was already submitted (run 3, accepted)\n")
    }
}
