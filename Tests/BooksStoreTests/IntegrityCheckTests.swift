@testable import BooksStore
import DynamicBooks
import Foundation
import GRDB
import Testing

/// A workspace opened for writing is checked with `PRAGMA quick_check` first: a damaged file is
/// refused with what to do, and nothing is written to it.
@Suite("Workspace integrity check")
struct IntegrityCheckTests {
    /// A workspace with the fixture imported, closed; its path and page size, and the root
    /// page of its largest index.
    static func workspace() throws -> (path: String, pageSize: Int, indexPage: Int) {
        let path = try Fixture.path()
        do {
            let workspace = try Workspace.open(at: path, create: true, clock: Fixture.clock)
            _ = try workspace.importData(Fixture.data(), asOf: Fixture.day0)
        }
        let queue = try DatabaseQueue(path: path)
        let (pageSize, indexPage) = try queue.read { db in
            (try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096,
             try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_master WHERE type = 'index' AND rootpage > 1 ORDER BY rootpage DESC LIMIT 1") ?? 2)
        }
        try queue.close()
        return (path, pageSize, indexPage)
    }

    /// Overwrites `count` bytes of page `page` (1-based) from `offset` within it (the page
    /// header and cell pointers are at its start).
    static func scribble(_ path: String, page: Int, pageSize: Int, offset: Int = 0, count: Int = 64) throws {
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64((page - 1) * pageSize + offset))
        var rng = SeededGenerator(seed: 5)
        try handle.write(contentsOf: Data((0 ..< count).map { _ in UInt8(truncatingIfNeeded: rng.next()) }))
    }

    @Test("an intact workspace passes and opens for writing")
    func intact() throws {
        let (path, _, _) = try Self.workspace()
        let workspace = try Workspace.open(at: path)
        try workspace.checkIntegrity()
    }

    @Test("an index page with random bytes over its header: opening for writing is refused with what to do; the file is untouched")
    func damagedIndexPage() throws {
        let (path, pageSize, indexPage) = try Self.workspace()
        try Self.scribble(path, page: indexPage, pageSize: pageSize, offset: 0, count: 200)
        let damaged = try Data(contentsOf: URL(fileURLWithPath: path))
        let error = try #require(throws: WorkspaceError.self) { try Workspace.open(at: path) }
        guard case .damaged = error else { Issue.record("expected .damaged, got \(error)"); return }
        #expect(error.description.contains("is damaged") && error.description.contains(".recover"))
        #expect(!error.description.contains("\n"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == damaged)
    }
}
