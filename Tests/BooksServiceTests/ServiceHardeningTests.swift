import BooksService
import BooksStore
import DynamicBooks
import Foundation
import Logging
import Testing

/// The service on a shared host: tokenless writes only for JSON from a loopback name, idle and
/// slow connections closed, new accounts checked as the import checks them, ids percent-decoded.
@Suite("Service hardening")
struct ServiceHardeningTests {
    /// A raw HTTP/1.1 POST of `body` with the given `Host` and `Content-Type`.
    static func post(_ path: String, body: String, host: String, type: String?, token: String? = nil) -> String {
        var head = "POST \(path) HTTP/1.1\r\nHost: \(host)\r\nContent-Length: \(body.utf8.count)\r\n"
        if let type { head += "Content-Type: \(type)\r\n" }
        if let token { head += "Authorization: Bearer \(token)\r\n" }
        return head + "\r\n" + body
    }

    static func exchange(_ port: Int, _ request: String) async throws -> RawHTTPConnection.Response {
        let connection = try RawHTTPConnection(port: port)
        defer { connection.close() }
        try await connection.send(request)
        return try await connection.readResponse()
    }

    @Test("without a token, a write must be JSON and name a loopback Host; anything else writes nothing")
    func tokenlessWrites() async throws {
        let workspace = try ServiceFixture.workspace()
        let before = try WorkspaceCounts(workspace)
        let route = #"{"account_id": "A003"}"#
        let refused = try await ServiceFixture.live(try ServiceFixture.server(workspace, token: nil)) { client in
            let port = client.port
            return [try await Self.exchange(port, Self.post("/v1/route", body: route, host: "127.0.0.1:\(port)", type: "text/plain")),
                    try await Self.exchange(port, Self.post("/v1/route", body: route, host: "127.0.0.1:\(port)", type: nil)),
                    try await Self.exchange(port, Self.post("/v1/route", body: route, host: "evil.example:\(port)", type: "application/json")),
                    try await Self.exchange(port, Self.post("/v1/returns", body: #"{"account_id": "O1", "rep_id": "R1", "reason": "bad_timing"}"#,
                                                            host: "127.0.0.1.evil.example", type: "application/json"))]
        }
        #expect(refused.map(\.status) == [415, 415, 403, 403])
        #expect(refused.allSatisfy { String(decoding: $0.body, as: UTF8.self).contains(#""code":"#) })
        #expect(try WorkspaceCounts(workspace) == before)

        let accepted = try await ServiceFixture.live(try ServiceFixture.server(workspace, token: nil)) { client in
            let port = client.port
            return [try await Self.exchange(port, Self.post("/v1/route", body: route, host: "localhost:\(port)", type: "application/json; charset=utf-8")),
                    try await Self.exchange(port, Self.post("/v1/route", body: #"{"account_id": "A004"}"#, host: "[::1]:\(port)", type: "application/json"))]
        }
        #expect(accepted.map(\.status) == [200, 200])
    }

    @Test("with a token (behind a TLS-terminating proxy), any Host passes once the token is right")
    func tokenBehindAProxy() async throws {
        let workspace = try ServiceFixture.workspace()
        let replies = try await ServiceFixture.live(try ServiceFixture.server(workspace)) { client in
            let port = client.port
            return [try await Self.exchange(port, Self.post("/v1/route", body: #"{"account_id": "A003"}"#, host: "books.example.com",
                                                            type: "application/json", token: ServiceFixture.token)),
                    try await Self.exchange(port, Self.post("/v1/route", body: #"{"account_id": "A004"}"#, host: "books.example.com",
                                                            type: "application/json"))]
        }
        #expect(replies.map(\.status) == [200, 401])
    }

    @Test("rep ids in paths are percent-decoded")
    func percentDecodedIDs() async throws {
        let workspace = try ServiceFixture.workspace()
        let replies = try await ServiceFixture.live(try ServiceFixture.server(workspace)) { client in
            [try await client.request(.get, "/v1/reps/R%31/book"), try await client.request(.get, "/v1/reps/R1/book"),
             try await client.request(.get, "/v1/reps/%ZZ/book"), try await client.request(.get, "/v1/reps/R%2F1/book")]
        }
        #expect(replies.map(\.status) == [200, 200, 400, 404])
        #expect(replies[0].text == replies[1].text)
        #expect(replies[3].error?.message.contains("R/1") == true)
    }

    @Test("new accounts over HTTP are checked as the import checks them")
    func newAccountsValidated() async throws {
        let workspace = try ServiceFixture.workspace()
        let before = try WorkspaceCounts(workspace)
        let longID = String(repeating: "x", count: 60_000)
        let replies = try await ServiceFixture.live(try ServiceFixture.server(workspace)) { client in
            [try await client.route(#"{"account_id": "N1", "segment": "XXL", "country": "US", "score": 70}"#),
             try await client.route(#"{"account_id": "N\u0007\u001b[2J", "country": "US", "score": 70}"#),
             try await client.route(#"{"account_id": "\#(longID)", "country": "US", "score": 70}"#),
             try await client.route(#"{"account_id": "N2", "parent_id": "P\n1", "country": "US", "score": 70}"#),
             try await client.route(#"{"account_id": "N3", "workload": 1e-20, "country": "US", "score": 70}"#)]
        }
        #expect(replies.map(\.status) == [400, 400, 400, 400, 400])
        #expect(replies.map { $0.error?.code } == Array(repeating: "invalid_field", count: 5))
        #expect(replies[0].error?.message.contains(#"segment "XXL" is not a segment of the policy"#) == true)
        #expect(replies[1].error?.message.contains("control character") == true)
        #expect(replies[1].error?.message.contains("\u{1b}") == false)
        #expect(replies[2].error?.message.contains("longer than 200 characters") == true)
        #expect(try WorkspaceCounts(workspace) == before)

        let selfParent = try await ServiceFixture.live(try ServiceFixture.server(workspace)) { client in
            try await client.route(#"{"account_id": "SELF", "parent_id": "SELF", "segment": "smb", "country": "US", "score": 70}"#)
        }
        #expect(selfParent.status == 200)
        let stored = try #require(try workspace.read { try $0.account("SELF") })
        #expect(stored.account.parentID == nil && stored.segment == "SMB")
    }

    @Test("a connection that sends no complete request head is closed after the idle timeout")
    func slowAndIdleConnectionsClosed() async throws {
        let workspace = try ServiceFixture.workspace()
        var logger = Logger(label: "books.serve.tests")
        logger.logLevel = .critical
        let server = BooksServer(
            service: try RoutingService(workspace: workspace, scorer: InboundScoring.scorer, asOf: ServiceFixture.asOf),
            configuration: ServiceConfiguration(host: "127.0.0.1", port: 0, token: ServiceFixture.token, durability: .normal,
                                                idleTimeout: .milliseconds(300)),
            logger: logger)
        let (slow, idle, served) = try await ServiceFixture.live(server) { client in
            let slow = try RawHTTPConnection(port: client.port, timeoutSeconds: 30)
            try await slow.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: a")
            let idle = try RawHTTPConnection(port: client.port, timeoutSeconds: 30)
            let served = try await client.request(.get, "/healthz")
            return (try await slow.isClosedByServer(), try await idle.isClosedByServer(), served.status)
        }
        #expect(slow && idle)
        #expect(served == 200)
    }

    @Test("the idle timeout is checked before the service starts")
    func idleTimeoutValidated() {
        #expect(throws: ServiceConfigurationError.badIdleTimeout(.zero)) { try ServiceConfiguration(idleTimeout: .zero).validate() }
        #expect(throws: ServiceConfigurationError.badIdleTimeout(.seconds(7200))) {
            try ServiceConfiguration(idleTimeout: .seconds(7200)).validate()
        }
    }
}
