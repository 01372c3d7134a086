@testable import BooksStore
import DynamicBooks
import Foundation
import Testing

/// The workspace while a service writes to it: the write-ahead log and its checkpoints.
@Suite("Workspace: write-ahead log")
struct WriteAheadLogTests {
    /// Log and file sizes, in bytes.
    func sizes(_ path: String) throws -> (log: Int, file: Int) {
        let files = FileManager.default
        let log = (try? files.attributesOfItem(atPath: path + "-wal"))?[.size] as? Int ?? 0
        return (log, try files.attributesOfItem(atPath: path)[.size] as? Int ?? 0)
    }

    @Test func aCheckpointingConnectionOpenedBeforeTheSwitchStillCheckpoints() throws {
        let writer = try Fixture.workspace()
        // Opened while the file still uses the rollback journal, as a service's checkpointer may be.
        let checkpointer = try Workspace.open(at: writer.path)
        try writer.useWriteAheadLog(durability: .normal, autoCheckpointPages: 100_000)
        for i in 0 ..< 6 { try writer.perform(.route, asOf: Fixture.asOf) { _ in i } }   // a run each
        let before = try sizes(writer.path)
        #expect(before.log > 0)

        let (logPages, copied) = try checkpointer.checkpoint()
        #expect(logPages > 0 && copied == logPages)
        // The next commit starts the log over instead of growing it.
        try writer.perform(.route, asOf: Fixture.asOf) { _ in 0 }
        #expect(try sizes(writer.path).log == before.log)
        #expect(try checkpointer.checkpoint().logPages < logPages)
    }

    @Test func checkpointingAFileWithoutTheLogDoesNothing() throws {
        let workspace = try Fixture.workspace()
        let result = try workspace.checkpoint()
        #expect(result.logPages == -1 && result.checkpointedPages == -1)
    }
}
