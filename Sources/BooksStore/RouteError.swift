import DynamicBooks

/// An inbound request that cannot be routed as given. Nothing of it is recorded.
public struct RouteError: Error, Equatable, CustomStringConvertible, Sendable {
    public enum Problem: Equatable, Sendable {
        /// Routing by id, but no account has that id.
        case unknownAccount
        /// A new account's fields were given for an id the workspace already has.
        case accountExists
        /// A new account without an id.
        case missingID
        /// A new account's fields could not be scored with the workspace's policy.
        case unscorable(String)
        /// A new account's field breaks a rule of the accounts.csv import (an id with control
        /// characters or too long, a segment the policy does not have).
        case invalidField(field: String, value: String, problem: String)
    }

    /// Where the request came from: `inbound.csv:4`, `--account`, `POST /v1/route`.
    public var origin: String
    public var account: AccountID
    public var problem: Problem

    public init(origin: String, account: AccountID, problem: Problem) {
        self.origin = origin; self.account = account; self.problem = problem
    }

    public var description: String {
        let account = IdentifierRule.shown(self.account.rawValue)
        let what: String
        switch problem {
        case .unknownAccount:
            what = "unknown account \(account): not in the workspace; give the new account's fields (segment or employees, country or theater, score…) to add it"
        case .accountExists:
            what = "account \(account) is already in the workspace; route it by id alone"
        case .missingID:
            what = "a new account needs an id"
        case let .unscorable(detail):
            what = "account \(account) cannot be scored: \(detail)"
        case let .invalidField(field, value, problem):
            what = "\(field) \"\(IdentifierRule.shown(value))\" \(problem)"
        }
        return "\(origin): \(what)"
    }
}
