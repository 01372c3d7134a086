import BooksStore
import DynamicBooks
import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// The routing service over HTTP (SPEC §6), on Hummingbird 2.
///
/// | endpoint | does |
/// |---|---|
/// | `POST /v1/route` | routes `{"account_id": …}` or a new account's fields → `{"account_id", "rep_id", "reason", "load", "capacity", …}` |
/// | `POST /v1/returns` | `{"account_id", "rep_id", "reason", "date"?, "note"?}` → accepted, or rejected with the rules broken |
/// | `GET /v1/reps/{id}/book` | the rep's book: load, capacity, accounts |
/// | `GET /healthz` | the workspace answers |
/// | `GET /metrics` | Prometheus text |
/// | `GET /openapi.json` | the OpenAPI 3.1 document of all of these |
///
/// The routes are declared once, in ``ServiceRoute/all``: the router and the document are built
/// from that list.
///
/// The `POST` calls need `Authorization: Bearer <token>` when a token is configured; the
/// configuration refuses a non-loopback address without one. Bodies are limited in size, must
/// be one JSON object, and unknown fields are refused. Errors are `{"error": {"code", "message"}}`.
///
/// ```swift
/// let server = BooksServer(service: try RoutingService(workspace: workspace, scorer: InboundScoring.scorer),
///                          configuration: ServiceConfiguration(port: 8080, token: token))
/// try await server.run()   // until SIGTERM or SIGINT; in-flight requests finish first
/// ```
public struct BooksServer: Sendable {
    public let service: RoutingService
    public let configuration: ServiceConfiguration
    public let logger: Logger

    public init(service: RoutingService, configuration: ServiceConfiguration,
                logger: Logger = Logger(label: "books.serve")) {
        self.service = service; self.configuration = configuration; self.logger = logger
    }

    /// A route's handler.
    typealias Handler = @Sendable (Request, BasicRequestContext) async throws -> Response

    /// Every route of ``ServiceRoute/all`` at its method and path, behind the error/metrics
    /// middleware; those that change the books also behind the token check.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: ObservingMiddleware(metrics: service.metrics, bodyLimit: configuration.maxBodyBytes))
        let withToken = router.group().add(middleware: BearerTokenMiddleware(token: configuration.token))
        for route in ServiceRoute.all {
            let handler = self.handler(route.operation)
            switch route.access {
            case .open: router.on(RouterPath(route.path), method: route.method, use: handler)
            case .token: withToken.on(RouterPath(route.path), method: route.method, use: handler)
            }
        }
        return router
    }

    /// What each route does.
    func handler(_ operation: ServiceRoute.Operation) -> Handler {
        let (service, limit) = (self.service, configuration.maxBodyBytes)
        switch operation {
        case .route:
            return { request, _ in
                let inbound = try RouteRequestBody.parse(try await Self.body(of: request, limit: limit))
                return JSONBody.response(RouteResponse(outcome: try await service.route(inbound)))
            }
        case .returns:
            return { request, _ in
                let submission = try ReturnRequestBody.parse(try await Self.body(of: request, limit: limit), asOf: service.day)
                return JSONBody.response(ReturnResponse(outcome: try await service.decideReturn(submission)))
            }
        case .book:
            return { _, context in
                // The path segment as sent: "R%2F1" is the rep "R/1".
                let raw = try context.parameters.require("id")
                guard let id = raw.removingPercentEncoding else {
                    throw APIError(.badRequest, code: "invalid_path", message: "\"\(IdentifierRule.shown(raw))\" is not a percent-encoded rep id")
                }
                guard let book = try await service.book(of: RepID(id)) else {
                    throw APIError(.notFound, code: "unknown_rep", message: "unknown rep \(IdentifierRule.shown(id)): not in the workspace")
                }
                return JSONBody.response(BookResponse(book: book))
            }
        case .health:
            return { _, _ in JSONBody.response(try await service.health()) }
        case .metrics:
            return { _, _ in
                try await service.refreshBookMetrics()
                var headers = HTTPFields()
                headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
                return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: service.metrics.text())))
            }
        case .openAPI:
            return { _, _ in
                var headers = HTTPFields()
                headers[.contentType] = "application/json; charset=utf-8"
                return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: OpenAPIDocument.served)))
            }
        }
    }

    /// NIO's time amount for a duration (nanoseconds, saturating).
    static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        let nanoseconds = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return .nanoseconds(nanoseconds.overflow ? .max : nanoseconds.partialValue &+ attoseconds / 1_000_000_000)
    }

    /// The request body, refused past `limit` bytes — by its declared length before reading anything.
    static func body(of request: Request, limit: Int) async throws -> Data {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            throw APIError.tooLarge(limit: limit)
        }
        var request = request
        let buffer = try await request.collectBody(upTo: limit)
        return Data(buffer.readableBytesView)
    }

    /// The Hummingbird application.
    /// - Parameter onRunning: called once the server listens, with the port it listens on (useful with port 0).
    ///
    /// Before it listens, the workspace switches to the write-ahead log with the configured
    /// durability, checkpointed in the background; after it has stopped, back to the rollback journal.
    public func application(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        var app = Application(
            router: router(),
            server: .http1(configuration: .init(idleTimeout: Self.timeAmount(configuration.idleTimeout))),
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port),
                                                    serverName: "books"),
            services: [WorkspaceJournal(service: service, logger: logger),
                       WorkspaceCheckpointer(open: { [path = service.workspace.path] in try Workspace.open(checkedAlready: path) },
                                             interval: .milliseconds(200), logger: logger)],
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
        let (service, durability) = (self.service, configuration.durability)
        app.beforeServerStarts {
            // Checkpoints run in the background (WorkspaceCheckpointer); at 100,000 pages a commit
            // restarts the log, copying only what the background has not copied yet.
            try await service.onWorkspace { try $0.useWriteAheadLog(durability: durability, autoCheckpointPages: 100_000) }
        }
        return app
    }

    /// Validates the configuration, then serves until SIGTERM or SIGINT; requests in flight finish first.
    /// - Throws: ``ServiceConfigurationError`` before binding; the server's errors (e.g. the port is taken).
    public func run(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        try configuration.validate()
        if configuration.token == nil {
            logger.warning("no API token configured: mutating calls are open to any process on this machine (JSON bodies naming a loopback Host only)")
        }
        let group = ServiceGroup(configuration: .init(
            services: [application(onRunning: onRunning)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        try await group.run()
    }
}
