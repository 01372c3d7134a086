import Hummingbird

/// One endpoint of the service, declared once: the router registers it, an unmatched request is
/// told what the service answers (405 with `Allow` when only the method is wrong, 404 otherwise),
/// and the OpenAPI document (`GET /openapi.json`) describes it — all from ``all``.
struct ServiceRoute: Sendable, CustomStringConvertible {
    /// What the route does; ``BooksServer`` has one handler for each.
    enum Operation: String, Sendable, CaseIterable {
        case route, returns, book, health, metrics, openAPI
    }

    /// Who may call the route.
    enum Access: Sendable {
        /// Anyone who reaches the service: the calls that only read.
        case open
        /// The calls that change the books: `Authorization: Bearer <token>` when a token is
        /// configured; without one, a JSON body and a loopback `Host`.
        case token
    }

    /// What a body holds.
    enum Content: Sendable {
        /// `application/json`, described by the components' schema of that name.
        case json(schema: String)
        /// `text/plain` in the given flavour.
        case text(mediaType: String)
        /// The OpenAPI document itself.
        case openAPI
    }

    /// One answer the route may give.
    struct Answer: Sendable {
        var status: HTTPResponse.Status
        var description: String
        var content: Content
    }

    var operation: Operation
    var method: HTTPRequest.Method
    /// The path, `{name}` standing for one segment (the router's syntax and OpenAPI's).
    var path: String
    var access: Access
    var summary: String
    /// The path parameters' descriptions, by name.
    var parameters: [String: String] = [:]
    /// The request body's schema in the document's components (a body is always JSON).
    var request: String?
    var success: Answer
    /// The errors the route itself answers with: codes, then when each is sent. The errors of the
    /// token check and of the request body (400, 413) are added by ``answers``.
    var errors: [(HTTPResponse.Status, String)] = []

    var description: String { "\(method) \(path)" }

    /// The workspace is busy, read-only or out of disk: 503.
    static let undecidable = (HTTPResponse.Status.serviceUnavailable, "unavailable, read_only or disk_full: the workspace cannot take the decision")
    /// The workspace cannot be read: 503.
    static let unreadable = (HTTPResponse.Status.serviceUnavailable, "unavailable: the workspace cannot be read")

    /// Every endpoint, in the order the 404 message lists them.
    static let all: [ServiceRoute] = [
        ServiceRoute(
            operation: .route, method: .post, path: "/v1/route", access: .token,
            summary: "Route an inbound account: the workspace's account by id, or a new account's fields (scored and added)",
            request: "RouteRequest",
            success: Answer(status: .ok, description: "where the account went and why; the decision is in the ledger",
                            content: .json(schema: "RouteResponse")),
            errors: [(.notFound, "unknown_account: an id alone that the workspace does not have"),
                     (.conflict, "account_exists: a new account's id is already the workspace's"),
                     (.unprocessableContent, "unscorable: the policy cannot score the new account"),
                     undecidable]),
        ServiceRoute(
            operation: .returns, method: .post, path: "/v1/returns", access: .token,
            summary: "Return an account to the pool: accepted, or rejected with the guardrails broken",
            request: "ReturnRequest",
            success: Answer(status: .ok, description: "the decision (a rejection is an answer, not an error)",
                            content: .json(schema: "ReturnResponse")),
            errors: [(.notFound, "unknown_account or unknown_rep"),
                     (.conflict, "not_owner, duplicate, back_dated or refused"),
                     (.unprocessableContent, "invalid_date: in the future, or before the rep got the account"),
                     undecidable]),
        ServiceRoute(
            operation: .book, method: .get, path: "/v1/reps/{id}/book", access: .open,
            summary: "A rep's book: load against capacity, and its accounts with how each got there",
            parameters: ["id": "the rep's id, percent-encoded (`R%2F1` is the rep `R/1`)"],
            success: Answer(status: .ok, description: "the rep's book", content: .json(schema: "BookResponse")),
            errors: [(.badRequest, "invalid_path: the id is not percent-encoded"),
                     (.notFound, "unknown_rep"),
                     unreadable]),
        ServiceRoute(
            operation: .health, method: .get, path: "/healthz", access: .open,
            summary: "Whether the workspace answers and its policy is loaded",
            success: Answer(status: .ok, description: "the workspace answers", content: .json(schema: "Health")),
            errors: [unreadable]),
        ServiceRoute(
            operation: .metrics, method: .get, path: "/metrics", access: .open,
            summary: "Prometheus metrics: requests, latency, routing decisions, books' load and capacity",
            success: Answer(status: .ok, description: "Prometheus exposition text",
                            content: .text(mediaType: "text/plain; version=0.0.4")),
            errors: [unreadable]),
        ServiceRoute(
            operation: .openAPI, method: .get, path: "/openapi.json", access: .open,
            summary: "This document: the service's endpoints and bodies, OpenAPI 3.1",
            success: Answer(status: .ok, description: "the OpenAPI document", content: .openAPI)),
    ]

    /// Every answer the route may give, by status: its success, its own errors, and those of the
    /// token check and the body limit.
    var answers: [Answer] {
        var answers = [success] + errors.map { Answer(status: $0.0, description: $0.1, content: .json(schema: "Error")) }
        if access == .token {
            answers += [
                Answer(status: .unauthorized, description: "unauthorized: the bearer token is missing or not valid (a token is configured)",
                       content: .json(schema: "Error")),
                Answer(status: .forbidden, description: "host_not_allowed: without a token, the Host is not a loopback name",
                       content: .json(schema: "Error")),
                Answer(status: .unsupportedMediaType, description: "unsupported_media_type: without a token, the body is not sent as application/json",
                       content: .json(schema: "Error")),
            ]
        }
        if request != nil {
            answers += [
                Answer(status: .badRequest, description: "malformed_json, unknown_field, missing_field or invalid_field",
                       content: .json(schema: "Error")),
                Answer(status: .contentTooLarge, description: "body_too_large: the body is larger than --max-body-bytes",
                       content: .json(schema: "Error")),
            ]
        }
        return answers.sorted { $0.status.code < $1.status.code }
    }

    /// Whether `path` (without its query) is this route's path.
    func matches(_ path: String) -> Bool {
        let pattern = self.path.split(separator: "/", omittingEmptySubsequences: false)
        let given = path.split(separator: "/", omittingEmptySubsequences: false)
        guard pattern.count == given.count else { return false }
        return zip(pattern, given).allSatisfy { p, g in
            p.hasPrefix("{") && p.hasSuffix("}") ? !g.isEmpty : p == g
        }
    }

    /// The methods the service answers on `path`; empty when it has no such path.
    static func methods(on path: String) -> [HTTPRequest.Method] {
        all.filter { $0.matches(path) }.map(\.method)
    }
}

/// The service's endpoints for texts outside this module (`books serve --help`), from the same
/// declaration as the router and the OpenAPI document.
package enum ServiceEndpoints {
    /// Every endpoint as `METHOD /path`, in the order the 404 message lists them.
    package static var names: [String] { ServiceRoute.all.map(\.description) }
}
