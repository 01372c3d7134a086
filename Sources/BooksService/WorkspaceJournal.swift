import BooksStore
import Logging
import ServiceLifecycle

/// Keeps the workspace in write-ahead-log mode while the server runs, and puts it back to the
/// rollback journal once the server has stopped (ServiceLifecycle shuts services down in reverse
/// order, so the HTTP server, started after this, finishes its requests first).
struct WorkspaceJournal: Service {
    let service: RoutingService
    let logger: Logger

    func run() async throws {
        try? await gracefulShutdown()
        do {
            try await service.closeReader()
            try await service.onWorkspace { try $0.useRollbackJournal() }
        } catch {
            logger.warning("the workspace stays in write-ahead-log mode: \(error)")
        }
    }
}
