import BooksService
import BooksStore
import DynamicBooks
import Foundation
import Testing
import TestSupport

/// Mutated request bodies and paths never make the service fail (500) or break a book.
@Suite("Fuzzing the HTTP bodies")
struct HTTPFuzzTests {
    static let bodies = [
        #"{"account_id": "A001"}"#,
        #"{"account_id": "NEW", "name": "Acme", "country": "US", "state": "NY", "employees": 40, "annual_revenue": 1000000, "score": 70, "customer": false, "locked": false, "workload": 1, "attributes": {"intent": "50"}}"#,
        #"{"account_id": "NEW", "segment": "SMB", "theater": "NA", "industry": "Software", "parent_id": "A002", "score": 60}"#,
        #"{"account_id": "O1", "rep_id": "R1", "reason": "bad_timing", "date": "2026-11-30", "note": "later"}"#,
    ]

    static let values = [
        "1e19", "9223372036854775807", "-1", "1e-300", "1e308", "0", "true", "null", "[]", "{}", #""""#, #""SMB""#, #""XXL""#,
        #""9999-12-31""#, #""10007-11-30""#, #""2026-02-30""#, #""\u0000""#, #""a\nb""#, #""\u001b[2J""#, #""%2F..%2F""#,
        "\"" + String(repeating: "x", count: 300) + "\"", #""A001""#, #""NEW""#, #""R1""#, "1" + String(repeating: "0", count: 400),
    ]

    /// A body with one to three values replaced, a field renamed or dropped, or bytes edited.
    static func mutate(_ body: String, using rng: inout SplitMix64) -> String {
        var text = body
        for _ in 0 ..< Int.random(in: 1 ... 3, using: &rng) {
            let colons = text.indices.filter { text[$0] == ":" }
            switch Int.random(in: 0 ..< 5, using: &rng) {
            case 0, 1, 2:
                guard let colon = colons.randomElement(using: &rng) else { continue }
                let start = text.index(after: colon)
                var end = start, depth = 0, quoted = false
                while end < text.endIndex {
                    let c = text[end]
                    if c == "\"" { quoted.toggle() }
                    if !quoted { if c == "{" || c == "[" { depth += 1 } else if c == "}" || c == "]" { if depth == 0 { break }; depth -= 1 } else if c == "," && depth == 0 { break } }
                    end = text.index(after: end)
                }
                text.replaceSubrange(start ..< end, with: " " + (values.randomElement(using: &rng) ?? "0"))
            case 3:
                text = text.replacingOccurrences(of: ["\"name\"", "\"score\"", "\"date\"", "\"account_id\""].randomElement(using: &rng) ?? "",
                                                 with: ["\"nmae\"", "\"Score\"", "\"\"", "\"account_id\""].randomElement(using: &rng) ?? "")
            default:
                var bytes = Array(text.utf8)
                let at = Int.random(in: 0 ..< bytes.count, using: &rng)
                bytes[at] = Array("{}[]\",:\\ 0a".utf8).randomElement(using: &rng) ?? 0
                text = String(decoding: bytes, as: UTF8.self)
            }
        }
        return text
    }

    @Test("Mutated route and return bodies, and rep ids in paths: answered 2xx or 4xx, books within capacity")
    func mutatedBodies() async throws {
        let workspace = try ServiceFixture.workspace()
        var rng = SplitMix64(seed: 1919)
        var requests: [(path: String, body: String?)] = []
        let run = FuzzRun("http", base: 300)
        for _ in 0 ..< run.iterations {
            if Int.random(in: 0 ..< 6, using: &rng) == 0 {
                let id = ["R1", "R%31", "R%201", "%00", "..%2F", "R1%", String(repeating: "R", count: 3000), "%E2%80%A8"].randomElement(using: &rng) ?? "R1"
                requests.append(("/v1/reps/\(id)/book", nil))
            } else {
                let base = Self.bodies.randomElement(using: &rng) ?? Self.bodies[0]
                let body = Self.mutate(base, using: &rng).replacingOccurrences(of: "NEW", with: "NEW\(requests.count)")
                requests.append((base.contains("reason") ? "/v1/returns" : "/v1/route", body))
            }
        }
        let batch = requests, planned = run
        let (statuses, measured) = try await ServiceFixture.live(try ServiceFixture.server(workspace)) { client in
            var statuses: [Int] = []
            var measured = planned
            for request in batch {
                let start = ContinuousClock.now
                let reply = try await client.request(request.body == nil ? .get : .post, request.path, body: request.body)
                measured.record(ContinuousClock.now - start, accepted: reply.status < 400)
                statuses.append(reply.status)
                if reply.status >= 400 { #expect(reply.error != nil, "\(request.path) \(request.body ?? ""): \(reply.text)") }
            }
            return (statuses, measured)
        }
        for (request, status) in zip(batch, statuses) {
            #expect([200, 400, 404, 405, 409, 413, 422].contains(status), "\(status) for \(request.path) \(request.body ?? "")")
        }
        measured.report()
        for rep in ServiceFixture.reps {
            let book = try #require(try workspace.read { try $0.book(of: rep.id) })
            #expect(book.load <= book.capacity + 1e-9, "\(rep.id) over capacity")
            #expect(abs(book.accounts.reduce(0) { $0 + $1.workload } - book.load) < 1e-9)
        }
        #expect(statuses.contains(200) && statuses.contains(400))
    }
}

/// A seeded generator (SplitMix64), so the fuzz inputs are reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
