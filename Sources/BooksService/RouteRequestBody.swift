import BooksStore
import DynamicBooks
import Foundation

/// The body of `POST /v1/route`: `{"account_id": "…"}` for an account the workspace has, or a
/// new account's fields, which is scored with the workspace's policy and added.
enum RouteRequestBody {
    /// Every field a route request may carry, and what it may hold (`null` is the same as absent).
    static let schema = JSONSchema.object([
        "account_id": JSONSchema.identifier.described("an account of the workspace, or a new account's id"),
        "name": JSONSchema.string.orNull,
        "segment": JSONSchema.string.orNull.described("one of the policy's segments; absent: by employees, as the policy's segments say"),
        "theater": JSONSchema.string.orNull,
        "country": JSONSchema.string.orNull,
        "state": JSONSchema.string.orNull,
        "industry": JSONSchema.string.orNull,
        "employees": JSONSchema.number(in: InputLimits.employees).orNull,
        "annual_revenue": JSONSchema.number(in: InputLimits.magnitude).orNull,
        "score": JSONSchema.number(in: 0 ... 100).orNull.described("given: used as is; absent: scored with the workspace's policy"),
        "customer": JSONSchema.boolean.orNull,
        "locked": JSONSchema.boolean.orNull,
        "parent_id": JSONSchema.optionalIdentifier.orNull.described("blank: none"),
        "workload": JSONSchema.number(in: InputLimits.workload).orNull,
        "attributes": JSONSchema.map(of: JSONSchema(types: ["string", "number", "boolean", "null"])).orNull
            .described("custom attributes for the policy's rules"),
    ], required: ["account_id"]).described("an account of the workspace (`account_id` alone) or a new account's fields")

    /// Every field a route request may carry.
    static let fields = schema.propertyNames

    /// Parses a body into the inbound account it asks to route.
    /// - Throws: ``APIError`` with code `malformed_json`, `unknown_field`, `missing_field` or `invalid_field`.
    static func parse(_ body: Data) throws -> InboundAccount {
        let object = try JSONObject(body, allowed: fields)
        let id = AccountID(try object.requiredString("account_id"))
        let origin = "POST /v1/route \(IdentifierRule.shown(id.rawValue))"
        if object.present(except: ["account_id"]).isEmpty { return .existing(id, origin: origin) }
        let account = Account(
            id: id,
            name: try object.string("name") ?? "",
            segment: try object.optionalText("segment"),
            theater: try object.optionalText("theater"),
            country: try object.optionalText("country")?.uppercased(),
            state: try object.optionalText("state")?.uppercased(),
            industry: try object.optionalText("industry"),
            employees: try object.number("employees", in: InputLimits.employees),
            annualRevenue: try object.number("annual_revenue", in: InputLimits.magnitude),
            score: try object.number("score", in: 0 ... 100),
            customer: try object.bool("customer") ?? false,
            locked: try object.bool("locked") ?? false,
            parentID: try object.optionalText("parent_id").map { AccountID($0) },
            workload: try object.number("workload", in: InputLimits.workload),
            attributes: try object.attributes("attributes"))
        return .new(account, origin: origin)
    }
}

/// The body of `POST /v1/returns`: `{"account_id", "rep_id", "reason", "date"?, "note"?}`.
enum ReturnRequestBody {
    /// Every field a return request may carry, and what it may hold.
    static let schema = JSONSchema.object([
        "account_id": .identifier,
        "rep_id": JSONSchema.identifier.described("the account's owner"),
        "reason": JSONSchema.nonBlank.described("a return reason of the policy (any other is rejected by the `returns.reasons` rule)"),
        "date": JSONSchema.inputDate.orNull.described("default: the service's as-of day"),
        "note": JSONSchema.string.orNull,
    ], required: ["account_id", "reason", "rep_id"])

    static let fields = schema.propertyNames

    /// Parses a body into a return request dated `date`, or the as-of day when it has none.
    static func parse(_ body: Data, asOf: Day) throws -> ReturnSubmission {
        let object = try JSONObject(body, allowed: fields)
        let account = AccountID(try object.requiredString("account_id"))
        let rep = RepID(try object.requiredString("rep_id"))
        let reason = try object.requiredString("reason")
        var date = asOf
        if let text = try object.optionalText("date") {
            guard let day = Day(iso: text) else { throw APIError.invalidField("date", "expected a date YYYY-MM-DD, got \"\(text)\"") }
            guard day.isInInputRange else { throw APIError.invalidField("date", "\"\(text)\" \(Day.outOfInputRange)") }
            date = day
        }
        let request = ReturnRequest(accountID: account, repID: rep, date: date, reason: reason, note: try object.string("note") ?? "")
        return ReturnSubmission(request, origin: "POST /v1/returns \(IdentifierRule.shown(account.rawValue))")
    }
}
