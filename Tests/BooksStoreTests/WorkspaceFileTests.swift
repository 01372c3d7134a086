@testable import BooksStore
import DynamicBooks
import Foundation
import GRDB
import Testing

@Suite("Workspace file: creation, identity, versions, permissions, atomicity")
struct WorkspaceFileTests {
    @Test func createdOnFirstUseWithApplicationIDAndSchemaVersion() throws {
        let path = try Fixture.path()
        #expect(!FileManager.default.fileExists(atPath: path))
        let workspace = try Workspace.open(at: path, create: true)
        #expect(FileManager.default.fileExists(atPath: path))
        let (appID, version) = try workspace.queue.read { db in
            (try Int32.fetchOne(db, sql: "PRAGMA application_id"),
             try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'schema_version'"))
        }
        #expect(appID == Workspace.applicationID)
        #expect(version == String(Workspace.schemaVersion))
        // Reopening an existing workspace, for reading or writing, works.
        _ = try Workspace.open(at: path)
        _ = try Workspace.open(at: path, access: .readOnly)
    }

    @Test func aMissingFileIsNotCreatedByCommandsThatNeedAWorkspace() throws {
        let path = try Fixture.path()
        #expect(throws: WorkspaceError.missing(path: path)) { try Workspace.open(at: path) }
        #expect(throws: WorkspaceError.missing(path: path)) { try Workspace.open(at: path, access: .readOnly) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aMissingDirectoryIsAClearError() throws {
        let path = try Fixture.directory().appendingPathComponent("no/such/books.sqlite").path
        #expect(throws: WorkspaceError.self) { try Workspace.open(at: path, create: true) }
        do { _ = try Workspace.open(at: path, create: true) } catch {
            #expect("\(error)".contains("does not exist"))
        }
    }

    @Test func aTextFileIsRefusedAndLeftAlone() throws {
        let path = try Fixture.path()
        let text = Data("account_id,rep_id\nA1,R1\n".utf8)
        try text.write(to: URL(fileURLWithPath: path))
        for access in [Workspace.Access.readWrite, .readOnly] {
            #expect(throws: WorkspaceError.notAWorkspace(path: path, detail: "not a SQLite database")) {
                try Workspace.open(at: path, access: access, create: true)
            }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == text)
    }

    @Test func anotherApplicationsDatabaseIsRefused() throws {
        let path = try Fixture.path()
        try DatabaseQueue(path: path).write { db in try db.execute(sql: "CREATE TABLE notes (body TEXT)") }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: WorkspaceError.notAWorkspace(path: path, detail: "a SQLite database of another application")) {
            try Workspace.open(at: path, create: true)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        let error = WorkspaceError.notAWorkspace(path: path, detail: "a SQLite database of another application")
        #expect(error.description.contains("is not a DynamicBooks workspace"))
    }

    @Test func aNewerSchemaIsRefusedBeforeAnythingIsWritten() throws {
        let workspace = try Fixture.workspace()
        try workspace.queue.write { db in try db.execute(sql: "UPDATE meta SET value = '99' WHERE key = 'schema_version'") }
        let before = try Data(contentsOf: URL(fileURLWithPath: workspace.path))
        let expected = WorkspaceError.newerSchema(path: workspace.path, found: 99, supported: Workspace.schemaVersion)
        #expect(throws: expected) { try Workspace.open(at: workspace.path) }
        #expect(throws: expected) { try Workspace.open(at: workspace.path, access: .readOnly) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: workspace.path)) == before)
        #expect(expected.description.contains("newer version of books"))
    }

    @Test func aReadOnlyFileIsRefusedForWritingAndStillReadable() throws {
        let workspace = try Fixture.workspace()
        let path = workspace.path
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path) }

        #expect(throws: WorkspaceError.readOnly(path: path)) { try Workspace.open(at: path) }
        let reader = try Workspace.open(at: path, access: .readOnly)
        #expect(try reader.read { try $0.books().count } == 6)
        #expect(throws: WorkspaceError.readOnly(path: path)) {
            try reader.decideReturns([ReturnSubmission(
                ReturnRequest(accountID: "A1", repID: "R1", date: Fixture.asOf, reason: "not_interested"), origin: "test")],
                asOf: Fixture.asOf)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(WorkspaceError.readOnly(path: path).description.contains("read-only"))
    }

    @Test func aThrowInsideARunLeavesTheWorkspaceAsBefore() throws {
        struct Interrupted: Error {}
        let workspace = try Fixture.workspace()
        let before = try Snapshot(workspace)
        #expect(throws: Interrupted.self) {
            try workspace.perform(.plan, asOf: Fixture.asOf) { tx -> Int in
                try tx.apply(changes: [BookChange(account: "A4", from: nil, to: "R2", reason: "plan")], kind: .assigned)
                _ = try tx.decideReturns([ReturnSubmission(
                    ReturnRequest(accountID: "A1", repID: "R1", date: Fixture.asOf, reason: "not_interested"), origin: "t")])
                #expect(try tx.reader.owner(of: "A4")?.rep == "R2")  // visible inside the transaction
                throw Interrupted()
            }
        }
        #expect(try Snapshot(workspace) == before)
    }

    @Test func everyRunIsRecordedWithItsSummary() throws {
        let workspace = try Fixture.workspace()
        let runs = try workspace.read { try $0.runs() }
        #expect(runs.count == 1)
        let run = try #require(runs.first)
        #expect(run.kind == "import" && run.asOf == Fixture.day0)
        #expect(run.started == "2026-11-30T00:53:20Z" && run.finished == run.started)
        #expect(run.summary.contains("\"accountsAdded\":8"))
    }
}

@Suite("Workspace: a full disk")
struct FullDiskTests {
    @Test("a run that fills the disk fails with a clear error and leaves the workspace as it was")
    func fullDiskRollsBack() throws {
        let workspace = try Fixture.workspace()
        let before = try Snapshot(workspace)
        // SQLite's page limit on this connection stands in for a full disk: writes past it fail
        // with SQLITE_FULL, as they do when the file system has no room left.
        try workspace.queue.writeWithoutTransaction { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            try db.execute(sql: "PRAGMA max_page_count = \(pages)")
        }
        let many = (0 ..< 2_000).map { Fixture.scored(AccountID(rawValue: "B\($0)"), name: String(repeating: "x", count: 200)) }
        #expect(throws: WorkspaceError.diskFull(path: workspace.path)) {
            try workspace.importData(Fixture.data(accounts: Fixture.accounts + many), asOf: Fixture.asOf)
        }
        #expect(try Snapshot(workspace) == before)
        #expect(WorkspaceError.diskFull(path: workspace.path).description.contains("disk is full"))
    }
}
