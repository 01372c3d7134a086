import BooksStore
import DynamicBooks
import Foundation

/// The body of `POST /v1/route`: `{"account_id": "…"}` for an account the workspace has, or a
/// new account's fields, which is scored with the workspace's policy and added.
enum RouteRequestBody {
    /// Every field a route request may carry.
    static let fields = [
        "account_id", "name", "segment", "theater", "country", "state", "industry", "employees",
        "annual_revenue", "score", "customer", "locked", "parent_id", "workload", "attributes",
    ]

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
    static let fields = ["account_id", "rep_id", "reason", "date", "note"]

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
