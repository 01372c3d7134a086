import BooksStore
import DynamicBooks

/// How the service and `books route` score a new inbound account: with the workspace's policy,
/// as `books score` does (``Scorer``).
public enum InboundScoring {
    public static let scorer: InboundScorer = { account, policy in Scorer(policy: policy).score(account) }
}
