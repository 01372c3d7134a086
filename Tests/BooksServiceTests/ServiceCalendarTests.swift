@testable import BooksService
import BooksStore
import DynamicBooks
import Foundation
import Testing

/// The service keeps the workspace's calendar: a decision dated before its latest run is refused.
@Suite("service: the calendar only moves forward")
struct ServiceCalendarTests {
    @Test("a route or a return dated before the latest run is refused with 409 back_dated and both dates")
    func backDatedDecisionsAreRefused() async throws {
        let workspace = try ServiceFixture.workspace()
        // A retrieval on 2026-12-15, after the service's day (2026-12-01).
        _ = try workspace.retrieve(asOf: Day(year: 2026, month: 12, day: 15))
        let before = try workspace.read { try $0.runs().count }
        let (route, returned) = try await ServiceFixture.live(try ServiceFixture.server(workspace)) { client in
            (try await client.route(#"{"account_id": "A000"}"#),
             try await client.request(.post, "/v1/returns", body: #"{"account_id": "O1", "rep_id": "R1", "reason": "bad_timing"}"#))
        }
        for reply in [route, returned] {
            #expect(reply.status == 409)
            #expect(reply.error?.code == "back_dated")
            #expect(reply.error?.message.contains("2026-12-01") == true && reply.error?.message.contains("2026-12-15") == true)
        }
        #expect(try workspace.read { try $0.runs().count } == before)
        #expect(try workspace.read { try $0.owner(of: "A000") } == nil)
    }
}
