@testable import BooksService
@testable import BooksStore
import DynamicBooks
import Foundation
import Testing

/// The OpenAPI document is true: it names exactly the routes the router has, and the bodies the
/// service sends validate against the schemas it documents.
@Suite("Service: the OpenAPI document")
struct OpenAPIDocumentTests {
    /// `METHOD /path` of every operation of a served document.
    static func operations(_ document: JSONValue) -> Set<String> {
        guard case let .object(paths)? = document["paths"] else { return [] }
        var out: Set<String> = []
        for (path, item) in paths {
            guard case let .object(methods) = item else { continue }
            for method in methods.keys { out.insert("\(method.uppercased()) \(path)") }
        }
        return out
    }

    @Test func everyRouteIsDocumentedAndEveryDocumentedPathRouted() throws {
        let server = try ServiceFixture.server(try ServiceFixture.workspace())
        let routed = Set(server.router().routes.map { "\($0.method.rawValue) \($0.path)" })
        let document = try JSONDecoder().decode(JSONValue.self, from: OpenAPIDocument.served)
        #expect(routed == Self.operations(document))
        #expect(routed.count == ServiceRoute.all.count)
        #expect(routed.contains("GET /openapi.json") && routed.contains("GET /v1/reps/{id}/book"))
        // Every operation has its handler and one declaration.
        #expect(ServiceRoute.all.map(\.operation.rawValue).sorted() == ServiceRoute.Operation.allCases.map(\.rawValue).sorted())
        // Every path parameter is documented, and only those.
        for route in ServiceRoute.all {
            let captured = route.path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) }
            guard case let .object(operation)? = document["paths"]?[route.path]?[route.method.rawValue.lowercased()] else {
                Issue.record("\(route) is not in the document"); continue
            }
            let documented: [String] = if case let .array(parameters)? = operation["parameters"] {
                parameters.compactMap { if case let .string(name)? = $0["name"] { name } else { nil } }
            } else { [] }
            #expect(documented == captured, "\(route)")
        }
    }

    @Test func theServedDocumentIsOpenAPI31AndTheSameEachTime() async throws {
        let workspace = try ServiceFixture.workspace()
        let (first, second, unauthenticated) = try await ServiceFixture.live(try ServiceFixture.server(workspace)) { client in
            (try await client.request(.get, "/openapi.json"), try await client.request(.get, "/openapi.json"),
             try await client.request(.get, "/openapi.json", auth: .none))
        }
        #expect(first.status == 200 && unauthenticated.status == 200)
        #expect(first.headers[.contentType]?.hasPrefix("application/json") == true)
        #expect(first.body == second.body && first.body == OpenAPIDocument.served)
        let document = try first.decode(JSONValue.self)
        guard case let .string(version)? = document["openapi"] else { Issue.record("no openapi version"); return }
        #expect(version.hasPrefix("3.1."))
        // Every reference names a schema of the components.
        let references = SchemaCheck.references(in: document)
        #expect(!references.isEmpty)
        for reference in references {
            #expect(SchemaCheck.resolve(reference, in: document) != nil, "\(reference)")
        }
        #expect(OpenAPIDocument().data == first.body)
        // The calls that change the books, and only those, need the token.
        for operation in Self.operations(document) {
            let (method, path) = (String(operation.prefix { $0 != " " }), String(operation.drop { $0 != " " }.dropFirst()))
            let secured = document["paths"]?[path]?[method.lowercased()]?["security"] != nil
            #expect(secured == (method == "POST"), "\(operation)")
        }
    }

    /// The schema `document` gives for an answer of `method path` with `status`.
    static func schema(_ document: JSONValue, _ method: String, _ path: String, _ status: Int) -> JSONValue? {
        document["paths"]?[path]?[method]?["responses"]?[String(status)]?["content"]?["application/json"]?["schema"]
    }

    @Test func actualResponsesMatchTheDocumentedSchemas() async throws {
        let workspace = try ServiceFixture.workspace()
        let calls: [(String, String, ServiceFixture.Reply)] = try await ServiceFixture.live(try ServiceFixture.server(workspace)) { client in
            [("post", "/v1/route", try await client.route(#"{"account_id": "A000"}"#)),
             ("post", "/v1/route", try await client.route(#"{"account_id": "O1"}"#)),
             ("post", "/v1/route", try await client.route(#"{"account_id": "N1", "name": "New", "country": "US", "employees": 40, "score": 55, "attributes": {"source": "web"}}"#)),
             ("post", "/v1/route", try await client.route(#"{"account_id": "NOPE"}"#)),
             ("post", "/v1/route", try await client.route(#"{"account_id": "A001", "colour": "red"}"#)),
             ("post", "/v1/route", try await client.request(.post, "/v1/route", body: #"{"account_id": "A001"}"#, auth: .none)),
             ("post", "/v1/returns", try await client.request(.post, "/v1/returns", body: #"{"account_id": "O1", "rep_id": "R1", "reason": "bad_timing"}"#)),
             ("post", "/v1/returns", try await client.request(.post, "/v1/returns", body: #"{"account_id": "O2", "rep_id": "R1", "reason": "no_reason"}"#)),
             ("post", "/v1/returns", try await client.request(.post, "/v1/returns", body: #"{"account_id": "O3", "rep_id": "R2", "reason": "bad_timing"}"#)),
             ("get", "/v1/reps/{id}/book", try await client.request(.get, "/v1/reps/R1/book")),
             ("get", "/v1/reps/{id}/book", try await client.request(.get, "/v1/reps/R2/book")),
             ("get", "/v1/reps/{id}/book", try await client.request(.get, "/v1/reps/R9/book")),
             ("get", "/healthz", try await client.request(.get, "/healthz")),
             ("get", "/openapi.json", try await client.request(.get, "/openapi.json"))]
        }
        let document = try JSONDecoder().decode(JSONValue.self, from: OpenAPIDocument.served)
        #expect(calls.map(\.2.status) == [200, 200, 200, 404, 400, 401, 200, 200, 409, 200, 200, 404, 200, 200])
        var seen: [String: Set<String>] = [:]
        for (method, path, reply) in calls {
            let label = "\(method.uppercased()) \(path) \(reply.status)"
            guard let schema = Self.schema(document, method, path, reply.status) else {
                Issue.record("\(label): status not documented"); continue
            }
            let body = try reply.decode(JSONValue.self)
            #expect(SchemaCheck.problems(body, schema, document: document) == [], "\(label): \(reply.text)")
            if case let .object(fields) = body { seen[label, default: []].formUnion(fields.keys) }
        }
        // The keys the route answer carries when it has them all but the large-team count.
        let routeKeys = try #require(seen["POST /v1/route 200"])
        let documented = RouteResponse.schema.propertyNames.filter { $0 != "unlisted_alternatives" }
        #expect(routeKeys == Set(documented))
        #expect(try #require(seen["GET /v1/reps/{id}/book 200"]) == Set(BookResponse.schema.propertyNames))
        #expect(try #require(seen["POST /v1/returns 200"]) == Set(ReturnResponse.schema.propertyNames))
        #expect(try #require(seen["GET /healthz 200"]) == Set(RoutingService.Health.schema.propertyNames))
    }

    @Test func recordsWithEveryOptionalKeyMatchTheirSchemas() throws {
        let document = try JSONDecoder().decode(JSONValue.self, from: OpenAPIDocument.served)
        let route = RouteOutcome(
            origin: "test", added: true,
            decision: RoutingDecision(account: "A1", from: "R9", rep: "R2", reason: .leastLoaded, detail: "d", load: 2, capacity: 3,
                                      alternatives: [RoutingAlternative(rep: "R2", load: 1, capacity: 3, routingWeight: 1, status: .chosen),
                                                     RoutingAlternative(rep: "R3", load: 0, capacity: 3, routingWeight: 1,
                                                                        status: .ineligible, rule: "barred")],
                                      unlisted: [.full: 3]),
            seq: 7)
        let samples: [(String, Data)] = [
            ("RouteResponse", JSONBody.data(RouteResponse(outcome: route))),
            ("ReturnResponse", JSONBody.data(ReturnResponse(outcome: ReturnOutcome(
                origin: "test", account: "O1", rep: "R1", date: Day(year: 2026, month: 1, day: 2), reason: "r", status: .accepted,
                rules: [], decision: "accepted", effects: ReturnEffects(restUntil: Day(year: 2026, month: 2, day: 1), disqualify: true,
                                                                        dataReview: false, barredUntil: Day(year: 2026, month: 3, day: 1)))))),
        ]
        for (name, data) in samples {
            let body = try JSONDecoder().decode(JSONValue.self, from: data)
            #expect(SchemaCheck.problems(body, .object(["$ref": .string("#/components/schemas/\(name)")]), document: document) == [])
            guard case let .object(fields) = body else { Issue.record("\(name) is not an object"); continue }
            let schema = try #require(OpenAPIDocument.schemas[name])
            #expect(Set(fields.keys) == Set(schema.propertyNames), "\(name)")
        }
    }

    /// Whether `pattern` (as the document writes it) matches `text`, by ICU's regular expressions.
    static func matches(_ pattern: String?, _ text: String) throws -> Bool {
        let regex = try NSRegularExpression(pattern: try #require(pattern))
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    @Test func idAndDatePatternsAreTheRulesTheServiceApplies() throws {
        let ids = ["A1", "R/1", "Ä ü", " x ", "", " ", "\t", "A\nB", "A\u{85}", "A\u{7F}", "\u{2003}", "é", "A\u{1B}[31m", "A\n", "A\r\n"]
        for id in ids + ["\tA ", " \u{3000}B\u{A0}\t", "\u{2028}", "A\u{2028}", "\t", "\t \t"] {
            // As the parsers read them: trimmed, blank = absent, then the id rule.
            let trimmed = id.trimmingCharacters(in: .whitespaces)
            let valid = !trimmed.isEmpty && IdentifierRule.problem(trimmed) == nil
            #expect(try Self.matches(JSONSchema.identifier.pattern, id) == valid, "\(id.debugDescription)")
            #expect(try Self.matches(JSONSchema.optionalIdentifier.pattern, id) == (valid || trimmed.isEmpty), "\(id.debugDescription)")
        }
        let pattern = JSONSchema.inputDate.pattern
        for year in [0, 366, 1899, 1900, 1901, 2026, 8999, 9899, 9900, 9999] {
            let day = Day(year: year, month: 6, day: 1)
            #expect(try Self.matches(pattern, day.description) == day.isInInputRange, "\(day)")
        }
        #expect(try !Self.matches(pattern, "2026-06-01\n"))
        #expect(Day.inputRange.lowerBound.description == "1900-01-01" && Day.inputRange.upperBound.description == "9899-12-31")
    }

    @Test func requestSchemasListTheFieldsTheParsersAllow() throws {
        #expect(RouteRequestBody.fields.count == 15 && RouteRequestBody.fields.first == "account_id")
        // A field the schema does not list is refused by the parser, with the list.
        #expect(throws: APIError.unknownField("colour", allowed: RouteRequestBody.fields)) {
            try RouteRequestBody.parse(Data(#"{"account_id": "A1", "colour": "red"}"#.utf8))
        }
        #expect(throws: APIError.unknownField("when", allowed: ReturnRequestBody.fields)) {
            try ReturnRequestBody.parse(Data(#"{"account_id": "A1", "rep_id": "R1", "reason": "x", "when": 1}"#.utf8), asOf: ServiceFixture.asOf)
        }
        #expect(Set(ReturnRequestBody.fields) == ["account_id", "rep_id", "reason", "date", "note"])
    }
}

extension JSONValue {
    subscript(key: String) -> JSONValue? {
        guard case let .object(fields) = self else { return nil }
        return fields[key]
    }
}

/// Checks a JSON value against a JSON Schema of the document: the keywords the document uses
/// (`$ref`, `type`, `properties`, `required`, `additionalProperties`, `items`, `enum`,
/// `minimum`, `maximum`, `format: date`).
enum SchemaCheck {
    static func references(in value: JSONValue) -> [String] {
        switch value {
        case let .object(fields):
            var out: [String] = []
            if case let .string(reference)? = fields["$ref"] { out.append(reference) }
            for key in fields.keys.sorted() { out += references(in: fields[key]!) }
            return out
        case let .array(items): return items.flatMap(references(in:))
        default: return []
        }
    }

    static func resolve(_ reference: String, in document: JSONValue) -> JSONValue? {
        guard reference.hasPrefix("#/") else { return nil }
        var node: JSONValue? = document
        for part in reference.dropFirst(2).split(separator: "/") { node = node?[String(part)] }
        return node
    }

    static func type(of value: JSONValue) -> [String] {
        switch value {
        case .null: ["null"]
        case .bool: ["boolean"]
        case let .number(x): x == x.rounded() ? ["number", "integer"] : ["number"]
        case .string: ["string"]
        case .array: ["array"]
        case .object: ["object"]
        }
    }

    static func problems(_ value: JSONValue, _ schema: JSONValue, document: JSONValue, at path: String = "$") -> [String] {
        var schema = schema
        if case let .string(reference)? = schema["$ref"] {
            guard let resolved = resolve(reference, in: document) else { return ["\(path): unresolved \(reference)"] }
            schema = resolved
        }
        var out: [String] = []
        let types: [String] = switch schema["type"] {
        case let .string(t)?: [t]
        case let .array(ts)?: ts.compactMap { if case let .string(t) = $0 { t } else { nil } }
        default: []
        }
        if !types.isEmpty, Set(types).isDisjoint(with: type(of: value)) {
            return ["\(path): \(type(of: value)[0]) where the schema says \(types)"]
        }
        if case let .array(allowed)? = schema["enum"], !allowed.contains(value) { out.append("\(path): \(value) not in the enum") }
        if case let .number(x) = value {
            if case let .number(low)? = schema["minimum"], x < low { out.append("\(path): \(x) < \(low)") }
            if case let .number(high)? = schema["maximum"], x > high { out.append("\(path): \(x) > \(high)") }
        }
        if case let .string(text) = value, schema["format"] == .string("date"), Day(iso: text) == nil {
            out.append("\(path): \(text) is not a date")
        }
        if case let .array(items) = value, let itemSchema = schema["items"] {
            for (i, item) in items.enumerated() { out += problems(item, itemSchema, document: document, at: "\(path)[\(i)]") }
        }
        if case let .object(fields) = value {
            if case let .array(required)? = schema["required"] {
                for case let .string(key) in required where fields[key] == nil { out.append("\(path): missing \(key)") }
            }
            let properties: [String: JSONValue] = if case let .object(p)? = schema["properties"] { p } else { [:] }
            for key in fields.keys.sorted() {
                if let property = properties[key] {
                    out += problems(fields[key]!, property, document: document, at: "\(path).\(key)")
                } else if schema["additionalProperties"] == .bool(false) {
                    out.append("\(path): undocumented key \(key)")
                } else if let values = schema["additionalProperties"], case .object = values {
                    out += problems(fields[key]!, values, document: document, at: "\(path).\(key)")
                }
            }
        }
        return out
    }
}
