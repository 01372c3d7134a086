/// One arm of a simulation: how books are made and kept.
public struct Scenario: Sendable {
    public enum Kind: Sendable {
        /// Dynamic books under a policy: a rebalance to start, then every week retrieval of
        /// unworked accounts, returns within the guardrails, inbound routing and a top-off.
        case dynamic(Policy)
        /// Fixed territories: every account of a rep's segment and theater split evenly (or the
        /// given territories), no pool, no returns, no retrieval, no top-off.
        case territories([AccountID: RepID]?)
    }

    /// The arm's name in tables and files (`static`, or the policy file's name).
    public var name: String
    public var kind: Kind

    public init(name: String, kind: Kind) { self.name = name; self.kind = kind }

    /// The static baseline: territories split evenly.
    public static let staticBaseline = Scenario(name: "static", kind: .territories(nil))

    /// Dynamic books under `policy`.
    public static func dynamic(_ name: String, policy: Policy) -> Scenario { Scenario(name: name, kind: .dynamic(policy)) }
}
