@testable import BooksService
@testable import BooksStore
import DynamicBooks
import Foundation
import Testing

/// The service's JSON bodies byte for byte, for values that use every key (and leave out or
/// null the optional ones): what clients parse must not change when the types do.
@Suite("Service: response bodies byte for byte")
struct ResponseEncodingTests {
    static func body(_ value: some Encodable) -> String {
        String(decoding: JSONBody.data(value), as: UTF8.self)
    }

    static let day = Day(year: 2026, month: 12, day: 1)

    @Test func routeResponses() {
        let full = RouteOutcome(
            origin: "POST /v1/route A1", added: true,
            decision: RoutingDecision(
                account: "A1", from: "R9", rep: "R2", reason: .leastLoaded, detail: "load 12/150 → 13/150",
                load: 13, capacity: 150.5,
                alternatives: [RoutingAlternative(rep: "R2", load: 12, capacity: 150.5, routingWeight: 1, status: .chosen),
                               RoutingAlternative(rep: "R3/x", load: 0, capacity: 10, routingWeight: 0.5, status: .ineligible,
                                                  rule: "unavailable until 2026-12-10")],
                unlisted: [.full: 2, .zeroWeight: 1]),
            seq: 42)
        #expect(Self.body(RouteResponse(outcome: full)) == #"""
            {"account_id":"A1","added":true,"alternatives":[{"capacity":150.5,"load":12,"rep_id":"R2","routing_weight":1,"status":"chosen"},{"capacity":10,"load":0,"rep_id":"R3/x","routing_weight":0.5,"rule":"unavailable until 2026-12-10","status":"ineligible"}],"capacity":150.5,"detail":"load 12/150 → 13/150","ledger_seq":42,"load":13,"previous_owner":"R9","reason":"least_loaded","rep_id":"R2","unlisted_alternatives":{"full":2,"zero_weight":1}}
            """#)
        let pooled = RouteOutcome(
            origin: "POST /v1/route A2", added: false,
            decision: RoutingDecision(account: "A2", from: nil, rep: nil, reason: .noEligibleRep, detail: "",
                                      load: nil, capacity: nil, alternatives: []),
            seq: nil)
        #expect(Self.body(RouteResponse(outcome: pooled)) == #"""
            {"account_id":"A2","added":false,"alternatives":[],"capacity":null,"detail":"","load":null,"previous_owner":null,"reason":"no_eligible_rep","rep_id":null}
            """#)
    }

    @Test func returnResponses() {
        let accepted = ReturnOutcome(
            origin: "POST /v1/returns O1", account: "O1", rep: "R1", date: Self.day, reason: "bad_timing", status: .accepted,
            rules: [], decision: "accepted: rests until 2027-02-27",
            effects: ReturnEffects(restUntil: Self.day + 88, disqualify: false, dataReview: true, barredUntil: Self.day + 180))
        #expect(Self.body(ReturnResponse(outcome: accepted)) == #"""
            {"account_id":"O1","barred_until":"2027-05-30","data_review":true,"date":"2026-12-01","decision":"accepted: rests until 2027-02-27","disqualified":false,"reason":"bad_timing","rep_id":"R1","rest_until":"2027-02-27","rules":[],"status":"accepted"}
            """#)
        let rejected = ReturnOutcome(
            origin: "POST /v1/returns O2", account: "O2", rep: "R1", date: Self.day, reason: "no_reason", status: .rejected,
            rules: ["returns.reasons", "returns.min_hold_days"], decision: "rejected: reason no_reason is not in the policy",
            effects: nil)
        #expect(Self.body(ReturnResponse(outcome: rejected)) == #"""
            {"account_id":"O2","date":"2026-12-01","decision":"rejected: reason no_reason is not in the policy","reason":"no_reason","rep_id":"R1","rules":["returns.reasons","returns.min_hold_days"],"status":"rejected"}
            """#)
    }

    @Test func bookHealthAndErrorResponses() {
        let book = RepBook(
            rep: "R1", name: "Rep \"One\"", segment: "SMB", theaters: ["EMEA", "NA"], capacity: 25, load: 2.5, routingWeight: 1,
            unavailableUntil: nil,
            accounts: [RepBook.BookAccount(account: "A1", name: "Acme", score: 71.25, tier: .a, theater: "NA", workload: 1.5,
                                           ownedSince: Self.day, via: .routed),
                       RepBook.BookAccount(account: "A2", name: "", score: 0, tier: .d, theater: nil, workload: 1,
                                           ownedSince: Self.day, via: .imported)])
        #expect(Self.body(BookResponse(book: book)) == #"""
            {"accounts":[{"account_id":"A1","name":"Acme","owned_since":"2026-12-01","score":71.25,"theater":"NA","tier":"A","via":"routed","workload":1.5},{"account_id":"A2","name":"","owned_since":"2026-12-01","score":0,"theater":null,"tier":"D","via":"imported","workload":1}],"capacity":25,"load":2.5,"name":"Rep \"One\"","rep_id":"R1","routing_weight":1,"segment":"SMB","theaters":["EMEA","NA"],"unavailable_until":null,"utilisation":0.1}
            """#)
        var away = book
        away.capacity = 0
        away.unavailableUntil = Self.day
        away.accounts = []
        #expect(Self.body(BookResponse(book: away)) == #"""
            {"accounts":[],"capacity":0,"load":2.5,"name":"Rep \"One\"","rep_id":"R1","routing_weight":1,"segment":"SMB","theaters":["EMEA","NA"],"unavailable_until":"2026-12-01","utilisation":0}
            """#)
        let health = RoutingService.Health(status: "ok", workspace: "/tmp/books.sqlite", reps: 5, policyLoaded: true)
        #expect(Self.body(health) == #"""
            {"policy_loaded":true,"reps":5,"status":"ok","workspace":"/tmp/books.sqlite"}
            """#)
        let error = APIError.missingField("account_id")
        #expect(Self.body(APIError.ErrorEnvelope(error: .init(code: error.code, message: error.message))) == #"""
            {"error":{"code":"missing_field","message":"field \"account_id\" is required"}}
            """#)
    }
}
