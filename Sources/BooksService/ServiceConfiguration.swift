import BooksStore
import DynamicBooks

/// How `books serve` listens and whom it lets change the books.
public struct ServiceConfiguration: Sendable, Hashable {
    /// The address to bind; loopback by default.
    public var host: String
    /// The TCP port; 0 picks a free one.
    public var port: Int
    /// The bearer token mutating calls must send; nil = none (allowed on loopback only).
    public var token: String?
    /// Requests with a larger body are refused with 413.
    public var maxBodyBytes: Int
    /// The day every decision is made as of; nil = the current UTC day of each request.
    public var asOf: Day?
    /// Whether each decision waits for the disk before it is answered (see ``Workspace/Durability``).
    public var durability: Workspace.Durability
    /// A connection that sends no complete request head (or nothing at all) for this long is
    /// closed: a header timeout and an idle timeout in one, so slow or idle clients cannot hold
    /// connections open.
    public var idleTimeout: Duration

    public init(host: String = "127.0.0.1", port: Int = 8080, token: String? = nil,
                maxBodyBytes: Int = 64 * 1024, asOf: Day? = nil, durability: Workspace.Durability = .full,
                idleTimeout: Duration = .seconds(30)) {
        self.host = host; self.port = port; self.token = token; self.maxBodyBytes = maxBodyBytes; self.asOf = asOf
        self.durability = durability; self.idleTimeout = idleTimeout
    }

    /// Whether `host` names this machine only: `localhost`, `127.0.0.0/8` or `::1`.
    public var isLoopback: Bool {
        let h = host.lowercased().trimmingCharacters(in: ["[", "]"])
        if h == "localhost" || h == "::1" || h == "0:0:0:0:0:0:0:1" { return true }
        let parts = h.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// Checks the configuration before anything is bound.
    /// - Throws: ``ServiceConfigurationError``.
    public func validate() throws {
        guard (0 ... 65_535).contains(port) else { throw ServiceConfigurationError.badPort(port) }
        guard maxBodyBytes >= 256 else { throw ServiceConfigurationError.bodyLimitTooSmall(maxBodyBytes) }
        guard idleTimeout > .zero, idleTimeout <= .seconds(3600) else { throw ServiceConfigurationError.badIdleTimeout(idleTimeout) }
        if let token, token.isEmpty || token.contains(where: \.isWhitespace) {
            throw ServiceConfigurationError.badToken
        }
        if token == nil, !isLoopback { throw ServiceConfigurationError.tokenRequired(host: host) }
    }
}

/// Why the service refuses to start. Every case says what to do.
public enum ServiceConfigurationError: Error, Equatable, CustomStringConvertible, Sendable {
    case badPort(Int)
    case bodyLimitTooSmall(Int)
    /// Not above 0, or above an hour.
    case badIdleTimeout(Duration)
    /// Empty, or containing whitespace.
    case badToken
    /// Binding a non-loopback address without a token would let anyone change the books.
    case tokenRequired(host: String)
    /// `--token-file` could not be read.
    case tokenFile(path: String, detail: String)

    public var description: String {
        switch self {
        case let .badPort(port): "--port \(port) is not a TCP port (0–65535)"
        case let .bodyLimitTooSmall(bytes): "--max-body-bytes \(bytes) is too small; give at least 256"
        case let .badIdleTimeout(duration): "--idle-timeout \(duration) must be above 0 and at most 3600 seconds"
        case .badToken: "the API token must be one word: non-empty, without spaces or line breaks"
        case let .tokenRequired(host):
            "refusing to listen on \(host) without an API token: set BOOKS_API_TOKEN or pass --token-file, or listen on 127.0.0.1"
        case let .tokenFile(path, detail): "--token-file \(path): \(detail)"
        }
    }
}
