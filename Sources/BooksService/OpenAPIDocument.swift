import Foundation
import Hummingbird

/// The service's OpenAPI 3.1 document, served at `GET /openapi.json`: every route of
/// ``ServiceRoute/all`` with its parameters, bodies, answers and who may call it.
///
/// Codable records of our own rather than an OpenAPI library: the document is small, its
/// schemas are written next to the records they describe, and the package builds no more for it.
/// Keys are OpenAPI's own (camelCase), written sorted, so the document is the same bytes on
/// every run.
struct OpenAPIDocument: Encodable, Sendable {
    var openapi = "3.1.0"
    var info: Info
    var paths: [String: [String: Operation]]
    var components: Components

    struct Info: Encodable, Sendable {
        var title: String
        var version: String
        var description: String
    }

    struct Operation: Encodable, Sendable {
        var operationId: String
        var summary: String
        var parameters: [Parameter]?
        var requestBody: RequestBody?
        var responses: [String: Response]
        var security: [[String: [String]]]?
    }

    struct Parameter: Encodable, Sendable {
        var name: String
        var `in` = "path"
        var required = true
        var description: String
        var schema: JSONSchema
    }

    struct RequestBody: Encodable, Sendable {
        var required = true
        var content: [String: MediaType]
    }

    struct Response: Encodable, Sendable {
        var description: String
        var content: [String: MediaType]?
    }

    struct MediaType: Encodable, Sendable {
        var schema: JSONSchema
    }

    struct Components: Encodable, Sendable {
        var schemas: [String: JSONSchema]
        var securitySchemes: [String: SecurityScheme]
    }

    struct SecurityScheme: Encodable, Sendable {
        var type = "http"
        var scheme = "bearer"
        var description: String
    }

    /// The request and response bodies, by the names the routes use.
    static let schemas: [String: JSONSchema] = [
        "RouteRequest": RouteRequestBody.schema,
        "RouteResponse": RouteResponse.schema,
        "ReturnRequest": ReturnRequestBody.schema,
        "ReturnResponse": ReturnResponse.schema,
        "BookResponse": BookResponse.schema,
        "Health": RoutingService.Health.schema,
        "Error": APIError.ErrorEnvelope.schema,
    ]

    /// The document of `routes`.
    init(routes: [ServiceRoute] = ServiceRoute.all) {
        info = Info(
            title: "DynamicBooks routing service",
            version: "1",
            description: "Routes inbound accounts to reps, decides returns, and shows books (`books serve`). "
                + "The calls that change the books need `Authorization: Bearer <token>` when a token is configured; "
                + "without one the service listens on loopback only and takes them only with `Content-Type: application/json` "
                + "and a loopback `Host`. Errors are `{\"error\": {\"code\", \"message\"}}`; a path the service has with the "
                + "wrong method is answered 405 with `Allow`, any other path 404.")
        var paths: [String: [String: Operation]] = [:]
        for route in routes {
            paths[route.path, default: [:]][route.method.rawValue.lowercased()] = Self.operation(route)
        }
        self.paths = paths
        components = Components(
            schemas: Self.schemas,
            securitySchemes: ["bearer": SecurityScheme(description: "the service's API token (BOOKS_API_TOKEN or --token-file)")])
    }

    static func operation(_ route: ServiceRoute) -> Operation {
        let parameters = route.parameters.keys.sorted().map { name in
            Parameter(name: name, description: route.parameters[name] ?? "", schema: .identifier)
        }
        var responses: [String: Response] = [:]
        for answer in route.answers {
            responses[String(answer.status.code)] = Response(description: answer.description, content: content(answer.content))
        }
        return Operation(
            operationId: route.operation.rawValue,
            summary: route.summary,
            parameters: parameters.isEmpty ? nil : parameters,
            requestBody: route.request.map { RequestBody(content: ["application/json": MediaType(schema: .named($0))]) },
            responses: responses,
            security: route.access == .token ? [["bearer": []]] : nil)
    }

    static func content(_ content: ServiceRoute.Content) -> [String: MediaType] {
        switch content {
        case let .json(schema): ["application/json": MediaType(schema: .named(schema))]
        case let .text(mediaType): [mediaType: MediaType(schema: .string)]
        case .openAPI: ["application/json": MediaType(schema: JSONSchema(types: ["object"], required: ["info", "openapi", "paths"]))]
        }
    }

    /// The document's bytes: pretty-printed, keys sorted.
    var data: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Every value is a string, number, array or object of those: encoding cannot fail.
        return (try? encoder.encode(self)) ?? Data()
    }

    /// The document the service serves, encoded once.
    static let served = OpenAPIDocument().data
}
