@testable import BooksService
import BooksStore
import DynamicBooks
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore

/// A workspace and a live server on loopback for the service tests.
///
/// The workspace: five SMB reps — R1…R4 in NA with 25 units each, R5 in EMEA — five accounts
/// R1 already holds (O1…O5, since 2026-09-01), and 150 unowned NA accounts A000…A149, all as of
/// 2026-09-01. Decisions are made as of 2026-12-01.
enum ServiceFixture {
    static let day0 = Day(year: 2026, month: 9, day: 1)
    static let asOf = Day(year: 2026, month: 12, day: 1)
    static let token = "s3cret-token"

    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("books-service-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func scored(_ id: String, owner: RepID? = nil, theater: String = "NA") -> ScoredAccount {
        ScoredAccount(account: Account(id: AccountID(id), name: "Account \(id)", country: theater == "NA" ? "US" : "GB",
                                       industry: "Software", employees: 40, score: 70, owner: owner,
                                       ownedSince: owner == nil ? nil : day0),
                      score: 70, tier: .b, segment: "SMB", theater: theater, workload: 1)
    }

    static let reps: [Rep] = (1 ... 4).map { Rep(id: RepID("R\($0)"), name: "Rep \($0)", segment: "SMB", theaters: ["NA"], capacity: 25) }
        + [Rep(id: "R5", name: "Rep 5", segment: "SMB", theaters: ["EMEA"], capacity: 25)]

    static let unowned: [AccountID] = (0 ..< 150).map { AccountID(String(format: "A%03d", $0)) }

    /// A fresh workspace with the fixture imported.
    static func workspace(policy: Policy = defaultPolicy) throws -> Workspace {
        let path = try directory().appendingPathComponent("books.sqlite").path
        let workspace = try Workspace.open(at: path, create: true)
        let accounts = (1 ... 5).map { scored("O\($0)", owner: "R1") } + unowned.map { scored($0.rawValue) }
        _ = try workspace.importData(ImportData(accounts: accounts, reps: reps, policy: policy), asOf: day0)
        return workspace
    }

    /// Least loaded, full books overflow to the pool, returns need no activity.
    static var defaultPolicy: Policy {
        var policy = Policy()
        policy.routing.overflow = .pool
        policy.returns.minActivities = 0
        return policy
    }

    /// A server on a free loopback port. Commits skip the fsync (`--sync normal`) unless a test
    /// asks for full durability: the tests check what is decided and written, not the disk.
    static func server(_ workspace: Workspace, token: String? = ServiceFixture.token, maxBodyBytes: Int = 64 * 1024,
                       durability: Workspace.Durability = .normal) throws -> BooksServer {
        var logger = Logger(label: "books.serve.tests")
        logger.logLevel = .critical
        return BooksServer(
            service: try RoutingService(workspace: workspace, scorer: InboundScoring.scorer, asOf: asOf),
            configuration: ServiceConfiguration(host: "127.0.0.1", port: 0, token: token, maxBodyBytes: maxBodyBytes,
                                                durability: durability),
            logger: logger)
    }

    /// Runs `body` against a live server on loopback.
    static func live<T: Sendable>(_ server: BooksServer, _ body: @escaping @Sendable (Client) async throws -> T) async throws -> T {
        try await server.application().test(.live) { client in
            guard let port = client.port else { throw CocoaError(.featureUnsupported) }
            return try await body(Client(base: client, port: port, token: server.configuration.token))
        }
    }

    /// A thin JSON client over HummingbirdTesting's live client.
    struct Client: Sendable {
        let base: any TestClientProtocol
        let port: Int
        let token: String?

        /// The `Authorization` header to send.
        enum Auth: Sendable { case configured, none, header(String) }

        func request(_ method: HTTPRequest.Method, _ uri: String, body: String? = nil, auth: Auth = .configured) async throws -> Reply {
            var headers = HTTPFields()
            switch auth {
            case .configured: if let token { headers[.authorization] = "Bearer \(token)" }
            case .none: break
            case let .header(value): headers[.authorization] = value
            }
            if body != nil { headers[.contentType] = "application/json" }
            let response = try await base.executeRequest(uri: uri, method: method, headers: headers,
                                                         body: body.map { ByteBuffer(string: $0) })
            return Reply(status: Int(response.status.code), body: Data(response.body.readableBytesView), headers: response.headers)
        }

        func route(_ json: String) async throws -> Reply { try await request(.post, "/v1/route", body: json) }
    }

    /// One connection of its own to the server, for concurrent load.
    static func connection(port: Int, token: String?) -> Connection { Connection(port: port, token: token) }

    struct Connection: Sendable {
        let client: TestClient
        let token: String?

        init(port: Int, token: String?) {
            client = TestClient(host: "127.0.0.1", port: port)
            self.token = token
            client.connect()
        }

        func route(_ json: String) async throws -> Reply {
            var headers = HTTPFields()
            if let token { headers[.authorization] = "Bearer \(token)" }
            headers[.contentType] = "application/json"
            let response = try await client.execute(.init("/v1/route", method: .post, headers: headers, body: ByteBuffer(string: json)))
            return Reply(status: Int(response.status.code), body: Data((response.body ?? ByteBuffer()).readableBytesView),
                         headers: response.headers)
        }

        func close() async throws { try await client.shutdown() }
    }

    struct Reply: Sendable {
        var status: Int
        var body: Data
        var headers: HTTPFields

        func decode<T: Decodable>(_ type: T.Type) throws -> T { try JSONDecoder().decode(type, from: body) }
        var text: String { String(decoding: body, as: UTF8.self) }
        var route: RouteReply? { try? decode(RouteReply.self) }
        var error: ErrorReply.Detail? { (try? decode(ErrorReply.self))?.error }
    }

    struct RouteReply: Decodable, Sendable, Hashable {
        var account_id: String
        var rep_id: String?
        var reason: String
        var load: Double?
        var capacity: Double?
        var added: Bool
        var ledger_seq: Int64?
        var previous_owner: String?
    }

    struct ErrorReply: Decodable {
        struct Detail: Decodable, Sendable { var code: String; var message: String }
        var error: Detail
    }
}

/// What a failed call must not have changed.
struct WorkspaceCounts: Equatable {
    var accounts: Int
    var ledger: Int
    var runs: Int
    var books: Int

    init(_ workspace: Workspace) throws {
        (accounts, ledger, runs, books) = try workspace.read { r in
            (try r.accounts().count, try r.ledger.entries().count, try r.runs().count, try r.books().count)
        }
    }
}
