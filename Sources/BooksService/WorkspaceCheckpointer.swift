import BooksStore
import Dispatch
import Logging
import ServiceLifecycle

/// Checkpoints the workspace's write-ahead log a few times a second on a connection of its own,
/// so that no routing decision pays for copying the log back into the file (with SQLite's
/// automatic checkpoint, every few hundred decisions one would, fsync included).
///
/// A passive checkpoint never waits for the writer. Under a steady stream of decisions the log is
/// copied back as it grows but rarely starts over (SQLite restarts it only when a write begins
/// with every frame copied), so it grows to the writer's automatic-checkpoint size; the commit
/// that reaches it then finds all but the last fraction of a second copied already, and restarts
/// the log at little cost. Without these checkpoints that commit would copy, and with
/// `--sync normal` first sync, the whole log: hundreds of milliseconds.
struct WorkspaceCheckpointer: Service {
    /// Opens the checkpointing connection (when the server starts, after the log is in use).
    let open: @Sendable () throws -> Workspace
    let interval: Duration
    let logger: Logger

    func run() async throws {
        let workspace: Workspace
        do { workspace = try open() } catch {
            logger.warning("no background checkpoints: \(error)")
            try? await gracefulShutdown()
            return
        }
        let queue = DispatchQueue(label: "books.workspace.checkpoint")
        @Sendable func checkpoint() async {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                queue.async {
                    do { try workspace.checkpoint() } catch { logger.debug("checkpoint: \(error)") }
                    continuation.resume()
                }
            }
        }
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                await checkpoint()
            }
        }
        await checkpoint()
        try? workspace.close()
    }
}
