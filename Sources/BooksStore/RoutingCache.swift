import DynamicBooks
import Synchronization

/// The policy and the reps a routing decision needs, decoded once and kept while the workspace
/// says they have not changed (the policy's row id, `meta.reps_version`), so a long-running
/// service does not decode hundreds of reps for every hand-raiser.
///
/// Give one cache to every decision of a service (or of a batch); it is safe to share between
/// threads, and a stale entry is never used: each decision checks both versions inside its own
/// transaction.
public final class RoutingCache: Sendable {
    struct Snapshot: Sendable {
        var policyID: Int64
        var repsVersion: String
        var policy: Policy
        var directory: RepDirectory
    }

    private let snapshot = Mutex<Snapshot?>(nil)

    public init() {}

    /// The cached snapshot when it is still the workspace's, else `load()`'s, which is kept.
    func current(policyID: Int64, repsVersion: String, load: () throws -> (Policy, [Rep])) rethrows -> Snapshot {
        if let cached = snapshot.withLock({ $0 }), cached.policyID == policyID, cached.repsVersion == repsVersion {
            return cached
        }
        let (policy, reps) = try load()
        let fresh = Snapshot(policyID: policyID, repsVersion: repsVersion, policy: policy, directory: RepDirectory(reps))
        snapshot.withLock { $0 = fresh }
        return fresh
    }
}

/// Reps by id and by segment × theater cell (case-insensitive, as eligibility compares them).
struct RepDirectory: Sendable {
    let byID: [RepID: Rep]
    private let bySegment: [String: [Rep]]

    init(_ reps: [Rep]) {
        byID = Dictionary(reps.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        bySegment = Dictionary(grouping: reps.sorted { $0.id < $1.id }, by: { $0.segment.lowercased() })
    }

    /// The reps of `segment` covering `theater` (a rep with no theaters covers all), by id.
    func reps(segment: String, theater: String) -> [Rep] {
        let theater = theater.lowercased()
        return bySegment[segment.lowercased(), default: []].filter { rep in
            rep.theaters.isEmpty || rep.theaters.contains { $0.lowercased() == theater }
        }
    }
}
