import BooksStore
import DynamicBooks
import Foundation
import Testing

@Suite("Service: returns, books, health, metrics")
struct ServiceEndpointsTests {
    struct ReturnReply: Decodable {
        var account_id: String
        var rep_id: String
        var status: String
        var rules: [String]
        var decision: String
        var barred_until: String?
    }

    struct BookReply: Decodable {
        struct Entry: Decodable { var account_id: String; var via: String; var owned_since: String }
        var rep_id: String
        var capacity: Double
        var load: Double
        var utilisation: Double
        var accounts: [Entry]
    }

    @Test func returnsAreAcceptedOrRejectedWithTheRule() async throws {
        let workspace = try ServiceFixture.workspace()
        let replies = try await ServiceFixture.live(try ServiceFixture.server(workspace)) { client in
            [try await client.request(.post, "/v1/returns", body: #"{"account_id": "O1", "rep_id": "R1", "reason": "bad_timing", "note": "budget frozen"}"#),
             try await client.request(.post, "/v1/returns", body: #"{"account_id": "O2", "rep_id": "R1", "reason": "no_reason"}"#),
             try await client.request(.post, "/v1/returns", body: #"{"account_id": "O3", "rep_id": "R2", "reason": "bad_timing"}"#),
             try await client.request(.post, "/v1/returns", body: #"{"account_id": "O4", "rep_id": "R1", "reason": "bad_timing", "date": "2027-01-01"}"#),
             try await client.request(.post, "/v1/returns", body: #"{"account_id": "O4", "rep_id": "R1", "reason": "bad_timing", "date": "soon"}"#)]
        }
        let accepted = try replies[0].decode(ReturnReply.self)
        #expect(replies[0].status == 200 && accepted.status == "accepted" && accepted.rules.isEmpty)
        #expect(accepted.barred_until == "2027-05-30")                         // 2026-12-01 + 180 days
        let rejected = try replies[1].decode(ReturnReply.self)
        #expect(replies[1].status == 200 && rejected.status == "rejected" && rejected.rules == ["returns.reasons"])
        #expect(rejected.decision.contains("no_reason"))
        #expect(replies[2].status == 409 && replies[2].error?.code == "not_owner")
        #expect(replies[3].status == 422 && replies[3].error?.code == "invalid_date")
        #expect(replies[4].status == 400 && replies[4].error?.code == "invalid_field")
        let (owner, kinds) = try workspace.read { r in (try r.owner(of: "O1"), try r.ledger.history(of: "O1").map(\.kind)) }
        #expect(owner == nil && kinds == [.imported, .returned, .rested])
    }

    @Test func aRepsBookShowsInboundAndCapacity() async throws {
        let workspace = try ServiceFixture.workspace()
        let (book, unknown) = try await ServiceFixture.live(try ServiceFixture.server(workspace)) { client in
            for id in ["A000", "A001", "A002", "A003"] { _ = try await client.route(#"{"account_id": "\#(id)"}"#) }
            return (try await client.request(.get, "/v1/reps/R2/book"), try await client.request(.get, "/v1/reps/R9/book"))
        }
        let reply = try book.decode(BookReply.self)
        #expect(reply.rep_id == "R2" && reply.capacity == 25 && reply.load == 2 && reply.utilisation == 0.08)
        #expect(reply.accounts.map(\.account_id) == ["A000", "A003"])
        #expect(reply.accounts.allSatisfy { $0.via == "routed" && $0.owned_since == "2026-12-01" })
        #expect(unknown.status == 404 && unknown.error?.code == "unknown_rep")
    }

    @Test func healthAndMetrics() async throws {
        let workspace = try ServiceFixture.workspace()
        let (health, metrics) = try await ServiceFixture.live(try ServiceFixture.server(workspace)) { client in
            _ = try await client.route(#"{"account_id": "A000"}"#)
            _ = try await client.route(#"{"account_id": "A000"}"#)
            _ = try await client.route(#"{"account_id": "NOPE"}"#)
            return (try await client.request(.get, "/healthz"), try await client.request(.get, "/metrics"))
        }
        #expect(health.status == 200 && health.text.contains(#""status":"ok""#) && health.text.contains(#""reps":5"#))
        #expect(metrics.status == 200)
        #expect(metrics.headers[.contentType]?.hasPrefix("text/plain") == true)
        let text = metrics.text
        #expect(text.contains(#"books_routing_decisions_total{reason="least_loaded"} 1"#))
        #expect(text.contains(#"books_routing_decisions_total{reason="owner"} 1"#))
        #expect(text.contains(#"books_routing_decisions_total{reason="overflow_pool"} 0"#))
        #expect(text.contains(#"books_http_requests_total{method="POST",path="/v1/route",status="200"} 2"#))
        #expect(text.contains(#"books_http_requests_total{method="POST",path="/v1/route",status="404"} 1"#))
        #expect(text.contains("books_http_request_duration_seconds_bucket{method=\"POST\",path=\"/v1/route\",le=\"0.005\"}"))
        #expect(text.contains(#"books_book_utilisation_ratio{rep="R1"} 0.2"#))
        #expect(text.contains(#"books_book_load_units{rep="R2"} 1"#))
        #expect(text.contains(#"books_book_capacity_units{rep="R5"} 25"#))
    }
}
