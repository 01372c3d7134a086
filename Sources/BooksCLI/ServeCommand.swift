import ArgumentParser
import BooksService
import BooksStore
import Dispatch
import DynamicBooks
import Foundation
import Logging
import Synchronization

extension Workspace.Durability: ExpressibleByArgument {}

/// `books serve`: the routing service over HTTP (SPEC §6).
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve inbound routing, returns and books over HTTP (JSON).",
        discussion: """
        Endpoints: \(ServiceEndpoints.names.joined(separator: ", ")) (GET /openapi.json describes \
        each with its bodies and answers). The POST calls need Authorization: Bearer <token> when a token is \
        set — from BOOKS_API_TOKEN or --token-file; without one the service only listens on a \
        loopback address. Each routing decision is one SQLite transaction, committed before the \
        answer is sent; while serving, the workspace uses SQLite's write-ahead log (back to the \
        rollback journal on exit). SIGTERM or SIGINT stops the service after the requests in flight.
        """)

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: "The address to listen on (loopback by default).")
    var host = "127.0.0.1"

    @Option(help: "The TCP port (0 picks a free one).")
    var port = 8080

    @Option(name: .customLong("token-file"), help: ArgumentHelp(
        "A file holding the API token (wins over BOOKS_API_TOKEN).", valueName: "FILE"))
    var tokenFile: String?

    @Option(name: .customLong("max-body-bytes"), help: "Requests with a larger body are refused (413).")
    var maxBodyBytes = 64 * 1024

    @Option(name: .customLong("idle-timeout"), help: ArgumentHelp(
        "Close a connection that sends no complete request head for this many seconds (1–3600).", valueName: "seconds"))
    var idleTimeout = 30

    @Option(help: ArgumentHelp(
        "full: each decision is synced to disk before it is answered (survives a power loss); normal: it is in the write-ahead log (survives a crash of the service, not of the machine).",
        valueName: "full|normal"))
    var sync: Workspace.Durability = .full

    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "Decide every request as of this day (default: the current UTC day of each request).", valueName: "YYYY-MM-DD"),
            transform: WorkspaceDay.parse)
    var asOf: Day?

    func run() throws {
        let configuration = ServiceConfiguration(host: host, port: port, token: try token(),
                                                 maxBodyBytes: maxBodyBytes, asOf: asOf, durability: sync,
                                                 idleTimeout: .seconds(min(max(idleTimeout, 0), 86_400)))
        do { try configuration.validate() } catch { throw CLIError("\(error)") }
        let workspace = try self.workspace.open(.readWrite)
        _ = try workspace.read { try $0.policy() }
        var logger = Logger(label: "books.serve")
        logger.logLevel = .info
        let server = BooksServer(service: try RoutingService(workspace: workspace, scorer: InboundScoring.scorer, asOf: asOf),
                                 configuration: configuration, logger: logger)
        let host = self.host
        try Self.runBlocking {
            try await server.run { port in
                // Unbuffered, so a supervisor reading a pipe sees the port at once.
                let line = "books serve: listening on http://\(host.contains(":") ? "[\(host)]" : host):\(port)\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            }
        }
    }

    /// The token from `--token-file`, else `BOOKS_API_TOKEN`; nil when neither is set.
    func token() throws -> String? {
        if let tokenFile {
            let text: String
            do { text = try String(contentsOfFile: tokenFile, encoding: .utf8) } catch {
                throw CLIError("\(ServiceConfigurationError.tokenFile(path: tokenFile, detail: "cannot read it (\(error.localizedDescription))"))")
            }
            let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !token.isEmpty else { throw CLIError("\(ServiceConfigurationError.tokenFile(path: tokenFile, detail: "the file is empty"))") }
            return token
        }
        let fromEnvironment = ProcessInfo.processInfo.environment["BOOKS_API_TOKEN"]?.trimmingCharacters(in: .whitespacesAndNewlines)
        return fromEnvironment?.isEmpty == false ? fromEnvironment : nil
    }

    /// Runs async work to completion from this synchronous command (the root command is
    /// synchronous, so `serve` blocks its thread while the server runs on the concurrency pool).
    static func runBlocking(_ work: @escaping @Sendable () async throws -> Void) throws {
        let failure = Mutex<(any Error)?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            do { try await work() } catch { failure.withLock { $0 = error } }
            done.signal()
        }
        done.wait()
        if let error = failure.withLock({ $0 }) { throw error }
    }
}
