import AssignmentEngine
@testable import BooksCLI
import Foundation
import Testing

@Suite("Output formats and progress")
struct OutputFormatTests {
    let table = TextTable(columns: [.init("rep"), .init("accounts", numeric: true), .init("note")],
                          rows: [["R1", "12", "fine"], ["R22", "7", "says \"hi\", twice"]])

    @Test("A text table aligns columns, numbers right, without trailing spaces")
    func text() {
        #expect(table.text() == """
            rep  accounts  note
            ───  ────────  ────────────────
            R1         12  fine
            R22         7  says "hi", twice
            """)
    }

    @Test("CSV quotes only fields that need it")
    func csv() {
        #expect(table.csv() == "rep,accounts,note\nR1,12,fine\nR22,7,\"says \"\"hi\"\", twice\"")
    }

    @Test("Each format builds only its own form")
    func render() {
        let json = OutputFormat.json.render(json: { "{}" }, csv: { Issue.record("csv built"); return table },
                                                table: { Issue.record("text built"); return "" })
        #expect(json == "{}")
        let csv = OutputFormat.csv.render(json: { "" }, csv: { table }, table: { "" })
        #expect(csv == table.csv())
        let text = OutputFormat.table.render(json: { "" }, csv: { table }, table: { "text" })
        #expect(text == "text")
    }

    @Test("--json is --format json; disagreeing flags are refused")
    func options() throws {
        #expect(try OutputOptions.parse([]).resolved == .table)
        #expect(try OutputOptions.parse(["--json"]).resolved == .json)
        #expect(try OutputOptions.parse(["--format", "csv"]).resolved == .csv)
        #expect(throws: (any Error).self) { try OutputOptions.parse(["--json", "--format", "csv"]) }
        #expect(throws: (any Error).self) { try OutputOptions.parse(["--format", "xml"]) }
    }

    @Test("Disabled progress writes nothing and observes no solve")
    func quiet() {
        let written = Lines()
        let progress = Progress(enabled: false) { written.append($0) }
        let value = progress.step("Loading") { 42 }
        progress.update("detail")
        #expect(value == 42)
        #expect(progress.solveObserver() == nil)
        #expect(written.all.isEmpty)
        let options = try? OutputOptions.parse(["--quiet"])
        #expect(options?.quiet == true)
    }

    @Test("A progress line names the step, the detail and the time")
    func line() {
        #expect(Progress.line(title: "Solving", detail: "", elapsed: .milliseconds(1250)) == "Solving… 1.2 s"
                || Progress.line(title: "Solving", detail: "", elapsed: .milliseconds(1250)) == "Solving… 1.3 s")
        #expect(Progress.line(title: "Solving", detail: "3 of 12 components solved", elapsed: .seconds(4), done: true)
                == "✓ Solving 3 of 12 components solved · 4.0 s")
    }

    @Test("The solve tally counts components and keeps the worst gap")
    func tally() {
        let tally = SolveTally()
        #expect(tally.record(.started(component: 0, of: 3, items: 10)) == "0 of 3 components solved, 1 running")
        #expect(tally.record(.finished(component: 0, of: 3, solver: "glpk", status: .withinGap, gap: 0.0012))
                == "1 of 3 components solved · worst gap 0.12%")
        #expect(tally.record(.finished(component: 1, of: 3, solver: "flow", status: .optimal, gap: 0))
                == "2 of 3 components solved · worst gap 0.12%")
    }
}

final class Lines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.lock(); lines.append(line); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return lines }
}
