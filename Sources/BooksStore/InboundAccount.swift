import DynamicBooks

/// One inbound hand-raiser to route: an account the workspace has, or a new one.
public struct InboundAccount: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// An account already in the workspace, by id.
        case existing(AccountID)
        /// A new account's fields as received (its `owner` is ignored: routing gives it one).
        /// It is scored with the workspace's policy and added.
        case new(Account)
        /// The workspace's account with this id when it has one (the fields given are then
        /// ignored: the workspace's data stands), else this new account — a CRM export of hand-raisers.
        case existingOrNew(Account)
    }

    public var kind: Kind
    /// Where it came from, for messages: `inbound.csv:4`, `--account ACME`, `POST /v1/route`.
    public var origin: String

    public init(_ kind: Kind, origin: String) { self.kind = kind; self.origin = origin }

    public static func existing(_ id: AccountID, origin: String) -> InboundAccount { InboundAccount(.existing(id), origin: origin) }
    public static func new(_ account: Account, origin: String) -> InboundAccount { InboundAccount(.new(account), origin: origin) }
    public static func existingOrNew(_ account: Account, origin: String) -> InboundAccount {
        InboundAccount(.existingOrNew(account), origin: origin)
    }

    public var id: AccountID {
        switch kind {
        case let .existing(id): id
        case let .new(account), let .existingOrNew(account): account.id
        }
    }
}

/// Scores a new inbound account with the workspace's policy: score, tier, segment, theater,
/// workload and exclusion, as `books score` would.
public typealias InboundScorer = @Sendable (Account, Policy) throws -> ScoredAccount
