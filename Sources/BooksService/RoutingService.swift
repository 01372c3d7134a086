import BooksStore
import Dispatch
import DynamicBooks
import Foundation

/// What the HTTP endpoints do, without HTTP: route, return, show a book, check health.
///
/// Every call runs on one serial queue of its own, off Swift's cooperative threads (SQLite
/// calls block), and each routing decision is one write transaction: it reads the books, decides
/// and writes the ledger before the next decision reads anything. So concurrent requests can
/// neither push a book over capacity nor route one account twice, and a decision the caller has
/// been told about is in the ledger (SQLite commits before the answer is sent).
public final class RoutingService: Sendable {
    public let workspace: Workspace
    public let metrics: ServiceMetrics
    let scorer: InboundScorer
    /// The day decisions are made as of; nil = today (UTC) at each request.
    let asOf: Day?
    private let queue = DispatchQueue(label: "books.workspace")

    public init(workspace: Workspace, scorer: @escaping InboundScorer, asOf: Day? = nil, metrics: ServiceMetrics = ServiceMetrics()) {
        self.workspace = workspace; self.scorer = scorer; self.asOf = asOf; self.metrics = metrics
    }

    var day: Day { asOf ?? .today }

    /// Runs `body` on the workspace queue.
    func onWorkspace<T: Sendable>(_ body: @escaping @Sendable (Workspace) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { [workspace] in continuation.resume(with: Result { try body(workspace) }) }
        }
    }

    /// Routes one inbound account in a run and a transaction of its own.
    /// - Throws: ``RouteError`` (unknown account, existing id with new fields, unscorable), ``WorkspaceError``.
    public func route(_ inbound: InboundAccount) async throws -> RouteOutcome {
        let day = self.day
        let scorer = self.scorer
        let outcome = try await onWorkspace { workspace in
            try workspace.perform(.route, asOf: day) { tx in
                try tx.route(inbound, policy: try tx.reader.policy(), scorer: scorer)
            }
        }
        metrics.recordDecision(outcome.decision)
        return outcome
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
        try await onWorkspace { workspace in try workspace.read { try $0.book(of: rep) } }
    }

    /// Whether the workspace answers, and its policy is loaded.
    public func health() async throws -> Health {
        try await onWorkspace { workspace in
            try workspace.read { r in
                Health(status: "ok", workspace: workspace.path, reps: try r.reps().count, policyLoaded: (try? r.policy()) != nil)
            }
        }
    }

    /// Refreshes every rep's book gauges from the workspace (books may change in other processes).
    public func refreshBookMetrics() async throws {
        let books = try await onWorkspace { workspace in try workspace.read { try $0.utilisation() } }
        for book in books { metrics.recordBook(book) }
    }

    /// The answer of `GET /healthz`.
    public struct Health: Sendable, Codable {
        public var status: String
        public var workspace: String
        public var reps: Int
        public var policyLoaded: Bool
    }
}
