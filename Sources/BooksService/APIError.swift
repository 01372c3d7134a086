import Foundation
import Hummingbird

/// An error the service answers with: an HTTP status and `{"error": {"code", "message"}}`.
///
/// The code is stable (clients switch on it); the message says what to fix.
public struct APIError: Error, HTTPResponseError, Equatable, CustomStringConvertible, Sendable {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: String
    /// The methods the path answers, sent as `Allow` with a 405.
    public var allowed: [HTTPRequest.Method]

    public init(_ status: HTTPResponse.Status, code: String, message: String, allowed: [HTTPRequest.Method] = []) {
        self.status = status; self.code = code; self.message = message; self.allowed = allowed
    }

    public var description: String { "\(status.code) \(code): \(message)" }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = JSONBody.response(ErrorEnvelope(error: .init(code: code, message: message)), status: status)
        if status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer realm=\"books\"" }
        if !allowed.isEmpty { response.headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ") }
        return response
    }

    /// The body of every error.
    struct ErrorEnvelope: Encodable {
        struct Detail: Encodable { var code: String; var message: String }
        var error: Detail

        static let schema = JSONSchema.object([
            "error": .object([
                "code": JSONSchema.string.described("stable: clients switch on it"),
                "message": JSONSchema.string.described("what to fix, in words"),
            ], required: ["code", "message"]),
        ], required: ["error"])
    }

    // MARK: - The errors of the API

    static func malformedJSON(_ detail: String) -> APIError {
        APIError(.badRequest, code: "malformed_json", message: "the body is not valid JSON: \(detail)")
    }
    static func invalidField(_ field: String, _ detail: String) -> APIError {
        APIError(.badRequest, code: "invalid_field", message: "field \"\(field)\": \(detail)")
    }
    static func unknownField(_ field: String, allowed: [String]) -> APIError {
        APIError(.badRequest, code: "unknown_field",
                 message: "unknown field \"\(field)\"; allowed fields: \(allowed.joined(separator: ", "))")
    }
    static func missingField(_ field: String) -> APIError {
        APIError(.badRequest, code: "missing_field", message: "field \"\(field)\" is required")
    }
    static func tooLarge(limit: Int) -> APIError {
        APIError(.contentTooLarge, code: "body_too_large", message: "the body is larger than the limit of \(limit) bytes")
    }
    static let missingToken = APIError(
        .unauthorized, code: "unauthorized", message: "this call changes the books: send Authorization: Bearer <token>")
    static func notJSON(_ type: String?) -> APIError {
        APIError(.unsupportedMediaType, code: "unsupported_media_type",
                 message: "this call takes a JSON body: send Content-Type: application/json (got \(type.map { "\"\($0)\"" } ?? "none"))")
    }
    static func notLoopbackHost(_ host: String?) -> APIError {
        APIError(.forbidden, code: "host_not_allowed",
                 message: "without an API token, calls that change the books must name a loopback Host (localhost, 127.0.0.1 or [::1]), got \(host.map { "\"\($0)\"" } ?? "none"); configure a token to serve other names")
    }
    static let wrongToken = APIError(
        .unauthorized, code: "unauthorized", message: "the bearer token is not valid")
    /// A request the router has no endpoint for: 405 when the path is one of the service's and
    /// only the method is wrong, else 404; both say what the service answers.
    static func noEndpoint(_ method: HTTPRequest.Method, _ path: String) -> APIError {
        let allowed = ServiceRoute.methods(on: path)
        if !allowed.isEmpty {
            let methods = allowed.map(\.rawValue).joined(separator: " or ")
            return APIError(.methodNotAllowed, code: "method_not_allowed",
                            message: "\(path) answers \(methods), not \(method)", allowed: allowed)
        }
        let all = ServiceRoute.all.map(\.description)
        return APIError(.notFound, code: "not_found", message: "no endpoint \(method) \(path); the service answers "
                        + all.dropLast().joined(separator: ", ") + " and " + (all.last ?? ""))
    }
    static func internalError(_ detail: String) -> APIError {
        APIError(.internalServerError, code: "internal", message: detail)
    }
}

/// JSON bodies as the service writes them: the records' camelCase names in snake_case, keys
/// sorted, one encoder for every answer.
enum JSONBody {
    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data(value))))
    }

    /// The bytes of `value`'s body.
    static func data(_ value: some Encodable) -> Data {
        (try? encoder.encode(value)) ?? Data(#"{"error":{"code":"internal","message":"response not encodable"}}"#.utf8)
    }

    /// The encoder of every answer: `accountID` → `account_id`, `ledgerSeq` → `ledger_seq`; map
    /// keys (the counts by status) are snake_case already and stay as they are. Configured once,
    /// never changed, so requests share it.
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }()
}
