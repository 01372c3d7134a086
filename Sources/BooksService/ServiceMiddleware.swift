import Foundation
import Hummingbird

/// Answers every error as `{"error": {"code", "message"}}` and counts every request with its
/// latency: the outermost middleware, so it sees the final status.
struct ObservingMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServiceMetrics
    let bodyLimit: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && context.endpointPath == "NotFound" {
            response = try APIError.noEndpoint(request.method, request.uri.path).response(from: request, context: context)
        } catch {
            let apiError = APIError.from(error, bodyLimit: bodyLimit)
            if apiError.status == .internalServerError {
                context.logger.error("\(request.method) \(request.uri.path): \(error)")
            }
            response = try apiError.response(from: request, context: context)
        }
        let path = context.endpointPath.flatMap { $0 == "NotFound" ? nil : $0 } ?? "unmatched"
        metrics.recordRequest(method: request.method.rawValue, path: path, status: response.status.code,
                              duration: ContinuousClock.now - start)
        return response
    }
}

/// Lets a request through only with `Authorization: Bearer <token>`, before its body is read.
///
/// Without a configured token (the service then listens on loopback only), a request passes
/// only when it is JSON (`Content-Type: application/json`) and names a loopback `Host`: a web
/// page's form or `text/plain` POST cannot send JSON across origins without a preflight the
/// service never answers, and a DNS-rebound name (`evil.example` resolving to 127.0.0.1) is
/// refused by its `Host`.
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: String?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token else {
            try Self.checkTokenless(request)
            return try await next(request, context)
        }
        guard let header = request.headers[.authorization] else { throw APIError.missingToken }
        let prefix = "bearer "
        guard header.count > prefix.count, header.prefix(prefix.count).lowercased() == prefix else { throw APIError.missingToken }
        let given = header.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
        guard Self.constantTimeEqual(Array(given.utf8), Array(token.utf8)) else { throw APIError.wrongToken }
        return try await next(request, context)
    }

    /// The tokenless mode's rules: a JSON body and a loopback `Host`.
    static func checkTokenless(_ request: Request) throws {
        let type = request.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        guard type == "application/json" else { throw APIError.notJSON(type) }
        // HTTP/1's Host header arrives as the request's authority.
        guard let host = request.head.authority, isLoopback(host: host) else { throw APIError.notLoopbackHost(request.head.authority) }
    }

    /// Whether a `Host` header (with or without a port) names this machine: `localhost`,
    /// `127.0.0.0/8` or `[::1]`.
    static func isLoopback(host: String) -> Bool {
        var name = Substring(host.lowercased())
        if name.hasPrefix("[") {
            guard let close = name.firstIndex(of: "]") else { return false }
            name = name[name.index(after: name.startIndex) ..< close]
        } else if let colon = name.lastIndex(of: ":") {
            name = name[..<colon]
        }
        return ServiceConfiguration(host: String(name)).isLoopback
    }

    /// Compares without stopping at the first difference, so the time taken does not tell how
    /// much of a guessed token was right.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference: UInt8 = a.count == b.count ? 0 : 1
        for i in 0 ..< max(a.count, b.count) {
            difference |= (i < a.count ? a[i] : 0) ^ (i < b.count ? b[i] : 0)
        }
        return difference == 0
    }
}
