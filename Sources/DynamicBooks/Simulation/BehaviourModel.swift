/// How reps and accounts behave in a simulated week: the seam an embedding service replaces to
/// simulate with its own model (SPEC §8 "Behaviour model").
///
/// Every chance is drawn by the simulation from streams keyed by the seed and the ids of the
/// account, rep and week, never by the arm, so every arm meets the same behaviour (common random
/// numbers) and differences between arms come from the books, not from noise.
public protocol BehaviourModel: Sendable {
    /// The share of its capacity (in accounts) a rep works in a week, before its diligence.
    var workRate: Double { get }
    /// A rep's diligence, 0…1: the share of ``workRate`` it actually works. `draw` is a uniform
    /// number in 0..<1 fixed for the rep and the run.
    func diligence(of rep: Rep, draw: Double) -> Double
    /// Standard deviation, in score points, of the noise in a rep's view of an account's score
    /// when it picks what to work.
    var viewNoise: Double { get }
    /// The chance that working `account` for a week opens an opportunity.
    func opportunityChance(score: Double, tier: Tier) -> Double
    /// The chance that an opened opportunity converts (the account becomes a customer).
    var conversionChance: Double { get }
    /// The chance, per week, that a rep returns an account that stays unproductive past the
    /// policy's hold (`returns.min_hold_days`, `returns.min_activities`).
    var returnChance: Double { get }
    /// New inbound hand-raisers per week (drawn from the accounts' score distribution).
    var inboundPerWeek: Int { get }
}
