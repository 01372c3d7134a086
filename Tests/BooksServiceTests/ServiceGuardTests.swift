import BooksService
import BooksStore
import DynamicBooks
import Foundation
import Testing

@Suite("Service: tokens, validation and limits")
struct ServiceGuardTests {
    let newAccount = #"{"account_id": "NEW1", "country": "US", "employees": 20, "score": 80}"#

    @Test func mutatingCallsWithoutTheRightTokenAre401AndWriteNothing() async throws {
        let workspace = try ServiceFixture.workspace()
        let before = try WorkspaceCounts(workspace)
        let body = newAccount
        let replies = try await ServiceFixture.live(try ServiceFixture.server(workspace)) { client in
            [try await client.request(.post, "/v1/route", body: body, auth: .none),
             try await client.request(.post, "/v1/route", body: body, auth: .header("Bearer wrong-token")),
             try await client.request(.post, "/v1/route", body: body, auth: .header("Bearer \(ServiceFixture.token)x")),
             try await client.request(.post, "/v1/route", body: body, auth: .header("Basic \(ServiceFixture.token)")),
             try await client.request(.post, "/v1/returns", body: #"{"account_id": "O1", "rep_id": "R1", "reason": "bad_timing"}"#,
                                      auth: .none)]
        }
        for reply in replies {
            #expect(reply.status == 401)
            #expect(reply.error?.code == "unauthorized")
            #expect(reply.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
        }
        #expect(try WorkspaceCounts(workspace) == before)

        let ok = try await ServiceFixture.live(try ServiceFixture.server(workspace)) { client in try await client.route(body) }
        #expect(ok.status == 200 && ok.route?.added == true)
    }

    @Test func readsNeedNoTokenWritesDo() async throws {
        let workspace = try ServiceFixture.workspace()
        let (reads, writes) = try await ServiceFixture.live(try ServiceFixture.server(workspace)) { client in
            ([try await client.request(.get, "/healthz", auth: .none),
              try await client.request(.get, "/v1/reps/R1/book", auth: .none),
              try await client.request(.get, "/metrics", auth: .none),
              try await client.request(.get, "/v1/reps/R1/book", auth: .header("Bearer not-the-token"))],   // ignored on reads
             [try await client.request(.post, "/v1/route", body: #"{"account_id": "A000"}"#, auth: .none),
              try await client.request(.post, "/v1/returns", body: #"{"account_id": "O1", "rep_id": "R1", "reason": "bad_timing"}"#,
                                       auth: .none),
              try await client.request(.post, "/v1/route", body: #"{"account_id": "A000"}"#)])
        }
        for reply in reads { #expect(reply.status == 200, "\(reply.text)") }
        #expect(reads[0].text.contains(#""status":"ok""#))
        #expect(reads[1].text.contains(#""rep_id":"R1""#) && reads[3].text == reads[1].text)
        #expect(reads[2].text.contains("books_http_requests_total"))
        #expect(writes.map(\.status) == [401, 401, 200])
        #expect(try workspace.read { try $0.ledger.entries().filter { $0.kind != .imported }.map(\.kind) } == [.routed])
    }

    @Test func aChunkedBodyPastTheLimitIs413AndTheConnectionKeepsServing() async throws {
        let workspace = try ServiceFixture.workspace()
        let before = try WorkspaceCounts(workspace)
        let huge = #"{"account_id": "BIG", "name": ""# + String(repeating: "x", count: 64 * 1024) + #""}"#
        let token = ServiceFixture.token
        let (tooLarge, next, health) = try await ServiceFixture.live(try ServiceFixture.server(workspace, maxBodyBytes: 4096)) { client in
            // No Content-Length to refuse it by: the limit must hold while the body streams in.
            let connection = try RawHTTPConnection(port: client.port)
            try await connection.send("POST /v1/route HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\n"
                                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
            try await connection.sendChunked(huge, size: 1000)
            let tooLarge = try await connection.readResponse()
            // The same connection answers the next request.
            let body = #"{"account_id": "A001"}"#
            try await connection.send("POST /v1/route HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\n"
                                + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
            let next = try await connection.readResponse()
            connection.close()
            return (tooLarge, next, try await client.request(.get, "/healthz"))
        }
        #expect(tooLarge.status == 413, "\(tooLarge.text)")
        #expect(tooLarge.error?.code == "body_too_large")
        #expect(tooLarge.error?.message.contains("larger than the limit of 4096 bytes") == true)
        #expect(next.status == 200 && next.route?.account_id == "A001" && next.route?.rep_id == "R2", "\(next.text)")
        #expect(health.status == 200)
        let after = try WorkspaceCounts(workspace)
        #expect(after.accounts == before.accounts && after.ledger == before.ledger + 1)
        #expect(try workspace.read { try $0.account("BIG") } == nil)
    }

    @Test func badBodiesAre4xxWithAMessageAndTheServerKeepsServing() async throws {
        let workspace = try ServiceFixture.workspace()
        let before = try WorkspaceCounts(workspace)
        let huge = #"{"account_id": "BIG", "name": ""# + String(repeating: "x", count: 200_000) + #""}"#
        let (replies, healthAfter, routedAfter) = try await ServiceFixture.live(try ServiceFixture.server(workspace, maxBodyBytes: 4096)) { client in
            let replies = [
                try await client.route(#"{"account_id": "A001""#),                         // truncated
                try await client.route("not json at all"),
                try await client.route(#"["A001"]"#),                                      // not an object
                try await client.route(#"{"acount_id": "A001"}"#),                         // misspelt
                try await client.route(#"{"account_id": "A001", "owner": "R2"}"#),         // not a route field
                try await client.route(#"{"account_id": ""}"#),
                try await client.route(#"{"name": "no id"}"#),
                try await client.route(#"{"account_id": "N2", "employees": "ten"}"#),
                try await client.route(#"{"account_id": "N3", "score": 150}"#),
                try await client.route(#"{"account_id": "N4", "customer": 1}"#),
                try await client.route(#"{"account_id": "N5", "attributes": {"intent": [1, 2]}}"#),
                try await client.route(#"{"account_id": "NOPE"}"#),                        // unknown account
                try await client.route(#"{"account_id": "A001", "country": "US"}"#),       // exists, with fields
            ]
            let big = try await ServiceFixture.connection(port: client.port, token: ServiceFixture.token).route(huge)
            return (replies + [big], try await client.request(.get, "/healthz"), try await client.route(#"{"account_id": "A001"}"#))
        }
        let expected: [(Int, String, String)] = [
            (400, "malformed_json", "not valid JSON"), (400, "malformed_json", "not valid JSON"),
            (400, "malformed_json", "expected a JSON object, got an array"),
            (400, "unknown_field", "unknown field \"acount_id\""), (400, "unknown_field", "unknown field \"owner\""),
            (400, "invalid_field", "field \"account_id\": must not be empty"),
            (400, "missing_field", "field \"account_id\" is required"),
            (400, "invalid_field", "field \"employees\": expected a number, got a string"),
            (400, "invalid_field", "field \"score\": 150.0 is outside 0.0…100.0"),
            (400, "invalid_field", "field \"customer\": expected true or false, got a number"),
            (400, "invalid_field", "field \"attributes.intent\""),
            (404, "unknown_account", "unknown account NOPE"),
            (409, "account_exists", "account A001 is already in the workspace"),
            (413, "body_too_large", "larger than the limit of 4096 bytes"),
        ]
        #expect(replies.count == expected.count)
        for (reply, (status, code, message)) in zip(replies, expected) {
            #expect(reply.status == status, "\(reply.text)")
            #expect(reply.error?.code == code, "\(reply.text)")
            #expect(reply.error?.message.contains(message) == true, "\(reply.text)")
        }
        #expect(try WorkspaceCounts(workspace).accounts == before.accounts)
        #expect(try WorkspaceCounts(workspace).ledger == before.ledger + 1)   // only the last, valid request
        #expect(healthAfter.status == 200)
        #expect(routedAfter.status == 200 && routedAfter.route?.rep_id == "R2")
    }

    @Test func unknownEndpointsAre404AndWrongMethods405InJSON() async throws {
        let workspace = try ServiceFixture.workspace()
        let before = try WorkspaceCounts(workspace)
        let (unknown, wrong, after) = try await ServiceFixture.live(try ServiceFixture.server(workspace)) { client in
            ([try await client.request(.get, "/v2/route"), try await client.request(.post, "/v1/reps/R1")],
             [try await client.request(.get, "/v1/route"), try await client.request(.delete, "/healthz"),
              try await client.request(.put, "/v1/returns", body: "{}"), try await client.request(.post, "/v1/reps/R1/book", body: "{}"),
              try await client.request(.post, "/metrics", body: "{}", auth: .none)],
             try await client.request(.get, "/healthz"))
        }
        for reply in unknown {
            #expect(reply.status == 404)
            #expect(reply.error?.code == "not_found")
            #expect(reply.headers[.allow] == nil)
        }
        #expect(unknown[0].error?.message == "no endpoint GET /v2/route; the service answers POST /v1/route, POST /v1/returns, "
                + "GET /v1/reps/{id}/book, GET /healthz, GET /metrics and GET /openapi.json")
        let allowed = ["POST", "GET", "POST", "GET", "GET"]
        for (reply, allow) in zip(wrong, allowed) {
            #expect(reply.status == 405, "\(reply.text)")
            #expect(reply.error?.code == "method_not_allowed")
            #expect(reply.headers[.allow] == allow)
            #expect(reply.headers[.contentType]?.hasPrefix("application/json") == true)
        }
        #expect(wrong[0].error?.message == "/v1/route answers POST, not GET")
        #expect(wrong[3].error?.message == "/v1/reps/R1/book answers GET, not POST")
        #expect(after.status == 200)
        #expect(try WorkspaceCounts(workspace) == before)
    }

    @Test func noTokenIsRefusedOffLoopback() throws {
        #expect(throws: ServiceConfigurationError.tokenRequired(host: "0.0.0.0")) {
            try ServiceConfiguration(host: "0.0.0.0", port: 8080).validate()
        }
        try ServiceConfiguration(host: "0.0.0.0", port: 8080, token: "t0ken").validate()
        for host in ["127.0.0.1", "localhost", "::1", "127.3.2.1"] {
            try ServiceConfiguration(host: host, port: 8080).validate()
        }
        #expect(throws: ServiceConfigurationError.tokenRequired(host: "192.168.1.5")) {
            try ServiceConfiguration(host: "192.168.1.5").validate()
        }
        #expect(throws: ServiceConfigurationError.badToken) { try ServiceConfiguration(token: "two words").validate() }
        #expect(throws: ServiceConfigurationError.badPort(70_000)) { try ServiceConfiguration(port: 70_000).validate() }
    }

    @Test func withoutATokenLoopbackCallsNeedNone() async throws {
        let workspace = try ServiceFixture.workspace()
        let reply = try await ServiceFixture.live(try ServiceFixture.server(workspace, token: nil)) { client in
            try await client.route(#"{"account_id": "A003"}"#)
        }
        #expect(reply.status == 200 && reply.route?.rep_id == "R2")
    }
}
