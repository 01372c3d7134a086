import HTTPTypes

/// One endpoint of the service: its method and its path, `{…}` standing for one path segment.
///
/// The router has the endpoints themselves; this list lets an unmatched request be told what
/// the service answers — 405 with `Allow` when only the method is wrong, 404 otherwise.
struct ServiceEndpoint: Sendable, Hashable, CustomStringConvertible {
    var method: HTTPRequest.Method
    var path: String

    static let all: [ServiceEndpoint] = [
        ServiceEndpoint(method: .post, path: "/v1/route"),
        ServiceEndpoint(method: .post, path: "/v1/returns"),
        ServiceEndpoint(method: .get, path: "/v1/reps/{id}/book"),
        ServiceEndpoint(method: .get, path: "/healthz"),
        ServiceEndpoint(method: .get, path: "/metrics"),
    ]

    var description: String { "\(method) \(path)" }

    /// Whether `path` (without its query) is this endpoint's path.
    func matches(_ path: String) -> Bool {
        let pattern = self.path.split(separator: "/", omittingEmptySubsequences: false)
        let given = path.split(separator: "/", omittingEmptySubsequences: false)
        guard pattern.count == given.count else { return false }
        return zip(pattern, given).allSatisfy { p, g in
            p.hasPrefix("{") && p.hasSuffix("}") ? !g.isEmpty : p == g
        }
    }

    /// The methods the service answers on `path`; empty when it has no such path.
    static func methods(on path: String) -> [HTTPRequest.Method] {
        all.filter { $0.matches(path) }.map(\.method)
    }
}
