import DynamicBooks
import Foundation
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

/// Reps by id and by segment × theater cell (case-insensitive, as eligibility compares them),
/// indexed once per snapshot.
struct RepDirectory: Sendable {
    let byID: [RepID: Rep]
    /// Reps by "segment/theater", lowercased, by id; reps covering every theater are in each.
    private let byCell: [String: [Rep]]
    /// Reps covering every theater, by lowercased segment: the cell of a theater no rep names.
    private let everywhere: [String: [Rep]]

    init(_ reps: [Rep]) {
        byID = Dictionary(reps.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let sorted = reps.sorted { $0.id < $1.id }
        var byCell: [String: [Rep]] = [:]
        var everywhere: [String: [Rep]] = [:]
        var theaters: [String: Set<String>] = [:]
        for rep in sorted {
            let segment = rep.segment.lowercased()
            if rep.theaters.isEmpty { everywhere[segment, default: []].append(rep) }
            for theater in Set(rep.theaters.map { $0.lowercased() }) { theaters[segment, default: []].insert(theater) }
        }
        for rep in sorted {
            let segment = rep.segment.lowercased()
            let covered = rep.theaters.isEmpty ? theaters[segment, default: []] : Set(rep.theaters.map { $0.lowercased() })
            for theater in covered { byCell[RoutingRule.rotationKey(segment: segment, theater: theater), default: []].append(rep) }
        }
        self.byCell = byCell
        self.everywhere = everywhere
    }

    /// The reps of `segment` covering `theater` (a rep with no theaters covers all), by id.
    func reps(segment: String, theater: String) -> [Rep] {
        byCell[RoutingRule.rotationKey(segment: segment, theater: theater)] ?? everywhere[segment.lowercased(), default: []]
    }
}

extension Array where Element == RepID {
    /// The ids as a JSON array of strings, for `json_each(?)`: one statement whatever their number.
    var jsonArray: String {
        var text = "["
        for (i, id) in enumerated() {
            if i > 0 { text += "," }
            text += "\""
            for scalar in id.rawValue.unicodeScalars {
                switch scalar {
                case "\"": text += "\\\""
                case "\\": text += "\\\\"
                case _ where scalar.value < 0x20: text += String(format: "\\u%04x", scalar.value)
                default: text.unicodeScalars.append(scalar)
                }
            }
            text += "\""
        }
        return text + "]"
    }
}
