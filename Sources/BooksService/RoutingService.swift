import BooksStore
import Dispatch
import DynamicBooks
import Foundation

/// What the HTTP endpoints do, without HTTP: route, return, show a book, check health.
///
/// Every change runs on one serial queue, off Swift's cooperative threads (SQLite calls block),
/// and each routing decision is one write transaction: it reads the books, decides and writes
/// the ledger before the next decision reads anything. So concurrent requests can neither push a
/// book over capacity nor route one account twice, and a decision the caller has been told about
/// is in the ledger (SQLite commits before the answer is sent). Reads — books, health, metrics —
/// go through a read-only connection of their own, so with the write-ahead log they never hold
/// up a decision.
public final class RoutingService: Sendable {
    public let workspace: Workspace
    public let metrics: ServiceMetrics
    let scorer: InboundScorer
    /// The day decisions are made as of; nil = today (UTC) at each request.
    let asOf: Day?
    /// The policy and reps, decoded once while they do not change.
    private let cache = RoutingCache()
    /// A read-only connection to the same file, for the endpoints that only read.
    private let reader: Workspace
    private let writeQueue = DispatchQueue(label: "books.workspace.write")
    private let readQueue = DispatchQueue(label: "books.workspace.read")

    /// - Throws: ``WorkspaceError`` when the workspace cannot be opened a second time for reading.
    public init(workspace: Workspace, scorer: @escaping InboundScorer, asOf: Day? = nil,
                metrics: ServiceMetrics = ServiceMetrics()) throws {
        self.workspace = workspace; self.scorer = scorer; self.asOf = asOf; self.metrics = metrics
        reader = try Workspace.open(at: workspace.path, access: .readOnly)
    }

    var day: Day { asOf ?? .today }

    /// Runs `body` on the write queue, with the read-write workspace.
    func onWorkspace<T: Sendable>(_ body: @escaping @Sendable (Workspace) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            writeQueue.async { [workspace] in continuation.resume(with: Result { try body(workspace) }) }
        }
    }

    /// Runs `body` on the read queue, with the read-only connection.
    func reading<T: Sendable>(_ body: @escaping @Sendable (WorkspaceReader) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            readQueue.async { [reader] in continuation.resume(with: Result { try reader.read(body) }) }
        }
    }

    /// Closes the read-only connection (when the server has stopped), so the read-write one can
    /// leave the write-ahead log.
    func closeReader() async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            readQueue.async { [reader] in continuation.resume(with: Result { try reader.close() }) }
        }
    }

    /// Routes one inbound account in a run and a transaction of its own.
    /// - Throws: ``RouteError`` (unknown account, existing id with new fields, unscorable), ``WorkspaceError``.
    public func route(_ inbound: InboundAccount) async throws -> RouteOutcome {
        let day = self.day
        let (scorer, cache) = (self.scorer, self.cache)
        let run = try await onWorkspace { workspace in
            try workspace.perform(.route, asOf: day) { tx in RoutedRun(outcome: try tx.route(inbound, scorer: scorer, cache: cache)) }
        }
        metrics.recordDecision(run.outcome.decision)
        return run.outcome
    }

    /// A service run's summary in the runs table: the decision in brief (the ledger row has the
    /// detail), so a run costs little to record.
    struct RoutedRun: Encodable, Sendable {
        var outcome: RouteOutcome

        enum Key: String, CodingKey { case account, rep, reason, seq, added }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(outcome.decision.account, forKey: .account)
            try c.encode(outcome.decision.rep, forKey: .rep)
            try c.encode(outcome.decision.reason, forKey: .reason)
            try c.encode(outcome.seq, forKey: .seq)
            try c.encode(outcome.added, forKey: .added)
        }
    }

    /// Decides one return request against the guardrails, in a run of its own.
    /// - Throws: ``ReturnRequestError`` for a malformed request, ``WorkspaceError``.
    public func decideReturn(_ submission: ReturnSubmission) async throws -> ReturnOutcome {
        let day = self.day
        let report = try await onWorkspace { workspace in
            try workspace.perform(.return, asOf: day) { tx in try tx.decideReturns([submission]) }
        }
        guard let outcome = report.outcomes.first else {
            throw APIError.internalError("the return request was not decided")
        }
        return outcome
    }

    /// One rep's book, nil for an unknown rep.
    public func book(of rep: RepID) async throws -> RepBook? {
        try await reading { try $0.book(of: rep) }
    }

    /// Whether the workspace answers, and its policy is loaded.
    public func health() async throws -> Health {
        try await reading { r in
            Health(status: "ok", workspace: r.path, reps: try r.reps().count, policyLoaded: (try? r.policy()) != nil)
        }
    }

    /// Refreshes every rep's book gauges from the workspace (books may change in other processes).
    public func refreshBookMetrics() async throws {
        let books = try await reading { try $0.utilisation() }
        for book in books { metrics.recordBook(book) }
    }

    /// The answer of `GET /healthz` (in snake_case: `policy_loaded`).
    public struct Health: Sendable, Codable {
        public var status: String
        public var workspace: String
        public var reps: Int
        public var policyLoaded: Bool
    }
}

extension RoutingService.Health {
    static let schema = JSONSchema.object([
        "status": .string(oneOf: ["ok"]),
        "workspace": JSONSchema.string.described("the workspace's path"),
        "reps": .integer,
        "policy_loaded": .boolean,
    ], required: ["policy_loaded", "reps", "status", "workspace"])
}
