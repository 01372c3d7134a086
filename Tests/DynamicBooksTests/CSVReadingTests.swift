import Foundation
import Testing
@testable import DynamicBooks

@Suite("Reading CSV")
struct CSVReadingTests {
    /// Loads accounts (and the fixture reps) from `accounts` text.
    func loadAccounts(_ accounts: String, bytes: [UInt8]? = nil) throws -> DataSet {
        let dir = try TestDirectory()
        defer { dir.remove() }
        if let bytes { try dir.write("accounts.csv", bytes: bytes) } else { try dir.write("accounts.csv", accounts) }
        try dir.write("reps.csv", Fixture.reps)
        return try DataSet.load(InputFiles(directory: dir.path))
    }

    @Test("Headers match ignoring case, spaces and underscores", arguments: [
        "Annual Revenue", "AnnualRevenue", "annual_revenue", "ANNUAL_REVENUE", " annual revenue ",
    ])
    func headerMatching(header: String) throws {
        let data = try loadAccounts("ID,\(header),Owned Since,PARENT_ID\nA1,1500000,2026-01-02,P9\n")
        let account = try #require(data.accounts.first)
        #expect(account.id == "A1")
        #expect(account.annualRevenue == 1_500_000)
        #expect(account.ownedSince == Day(year: 2026, month: 1, day: 2))
        #expect(account.parentID == "P9")
        #expect(account.attributes.isEmpty)
    }

    @Test("Unknown columns are attributes keyed by the header as written")
    func attributes() throws {
        let data = try loadAccounts("id,Intent Score,web_visits_30d\nA1,88,12\nA2,,3\n")
        #expect(data.accountAttributeColumns == ["Intent Score", "web_visits_30d"])
        #expect(data.accounts[0].attributes == ["Intent Score": "88", "web_visits_30d": "12"])
        #expect(data.accounts[1].attributes == ["web_visits_30d": "3"])
    }

    @Test("A UTF-8 BOM, CRLF line ends and quoted fields with commas, quotes and newlines")
    func bomCRLFQuotes() throws {
        let text = "id,name,industry\r\nA1,\"Acme, Inc.\",Software\r\nA2,\"Say \"\"hi\"\"\",\"Multi\r\nline\"\r\nA3,Plain,Retail\r\n"
        let data = try loadAccounts("", bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8))
        #expect(data.accounts.map(\.id) == ["A1", "A2", "A3"])
        #expect(data.accounts[0].name == "Acme, Inc.")
        #expect(data.accounts[1].name == "Say \"hi\"")
        #expect(data.accounts[1].industry == "Multi\r\nline")
        #expect(data.accounts[2].industry == "Retail")
    }

    @Test("Blank lines are skipped; a missing final newline is fine")
    func blankLines() throws {
        let data = try loadAccounts("id,name\n\nA1,One\n\n\nA2,Two")
        #expect(data.accounts.map(\.name) == ["One", "Two"])
    }

    @Test("Booleans accept true/false/yes/no/1/0 in any case", arguments: [
        ("true", true), ("TRUE", true), ("Yes", true), ("1", true), ("false", false), ("No", false), ("0", false), ("", false),
    ])
    func booleans(text: String, value: Bool) throws {
        let data = try loadAccounts("id,customer,locked\nA1,\(text),\(text)\n")
        #expect(data.accounts[0].customer == value)
        #expect(data.accounts[0].locked == value)
    }

    @Test("Line numbers are physical lines: quoted newlines count")
    func physicalLines() throws {
        let text = "id,name,employees\nA1,\"two\nlines\",10\nA2,\"three\r\nphysical\r\nlines\",20\nA3,ok,12a\n"
        let error = try #require(throws: InputError.self) { try loadAccounts(text) }
        #expect(error.line == 7)
        #expect(error.column == 3)
        #expect(error.columnName == "employees")
        #expect(error.value == "12a")
    }

    @Test("Rows parsed in parallel parts keep order and line numbers")
    func parallelParts() throws {
        // Over 1 MiB, so the body is split; every tenth name holds a quoted newline and a comma.
        let padding = String(repeating: "x", count: 20)
        var text = "id,name,employees\n"
        var line = 2, lineOfLast = 0
        for i in 0 ..< 40_000 {
            if i == 39_999 { lineOfLast = line }
            if i % 10 == 0 {
                text += "A\(i),\"Name \(i),\nsecond line\",\(i)\(padding)\n"
                line += 2
            } else {
                text += "A\(i),Name \(i),\(i)\(padding)\n"
                line += 1
            }
        }
        let source = try CSVSource(bytes: Array(text.utf8), name: "big.csv")
        #expect(source.parts(4).count > 1)
        let rows = try source.mapRows { (row) throws(InputError) in (row.fields, row.line) }.values
        #expect(rows.count == 40_000)
        #expect(rows.map { $0.0[0] } == (0 ..< 40_000).map { "A\($0)" })
        #expect(rows[10].0[1] == "Name 10,\nsecond line")
        #expect(rows.last?.1 == lineOfLast)
    }

    @Test("Parts split at row boundaries under CSV.swift's quoting rules")
    func scannerMatchesReader() throws {
        // Quotes in the middle of unquoted fields are literal; a stray quote after a closing one keeps the field open.
        let text = "id,name\nA1,5\" screen\nA2,\"a\"b,c\nstill A2\"\nA3,x\n"
        let source = try CSVSource(bytes: Array(text.utf8), name: "q.csv")
        let whole = try source.mapRows { (row) throws(InputError) in row.fields }.values
        var scanner = RowScanner()
        var i = source.body.startIndex, ends: [Int] = []
        while i < source.body.endIndex { if scanner.consume(source.body, at: &i) { ends.append(i) } }
        #expect(ends.count == whole.count)
        #expect(whole.map { $0[0] } == ["A1", "A2", "A3"])
    }
}
