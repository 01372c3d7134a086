/// Realistic synthetic data for DynamicBooks: accounts, reps, activity, return requests and a
/// matching policy, of any size, reproducible from a seed.
///
/// What it models, so that every part of the operating model has something to chew on:
/// - company sizes are long-tailed (log-normal employees) and revenue follows size, per industry;
/// - countries spread over the theaters, with a few accounts in unmapped places or with no
///   country at all; the regulated variant puts accounts in US states and maps a few of them;
/// - numeric signals (`intent`, `web_visits_30d`) that the policy scores, some of them missing;
/// - a share of accounts already owned by a rep of their segment and theater, some worked
///   recently (activity history), some left untouched; customers; a few locked accounts;
/// - parent/child families sharing one owner and one segment;
/// - reps with segments, theaters, specialties, ramp, leave and routing weights, sized so
///   every segment × theater cell is covered in proportion to its demand;
/// - a handful of return requests.
///
/// Same configuration and same generator state give the same data, and ``write(_:to:)`` the
/// same bytes.
///
/// ```swift
/// var rng = SeededGenerator(seed: 42)
/// let data = Generator(.init(accounts: 5_000, reps: 40)).generate(using: &rng)
/// ```
public struct Generator: Sendable {
    /// What to generate.
    public struct Configuration: Sendable, Hashable, Codable {
        public var accounts: Int
        public var reps: Int
        /// 1 (`ALL`), 2 (`SMB`, `ENT`) or 3 (`SMB`, `MM`, `ENT`).
        public var segments: Int
        /// How many theaters the policy maps: 1–4 of NA, EMEA, APAC, LATAM; or, with `states`,
        /// 1–8 US states a regulated seller is licensed in (NY, NJ, PA, CT, MA, IL, TX, CA).
        public var theaters: Int
        /// The regulated variant: every account is in the US and theaters are states.
        public var states: Bool
        /// The day the data describes; dates in the data fall before it (leave after it).
        public var asOf: Day
        /// Write an activity history for owned accounts.
        public var activity: Bool
        /// Share of accounts already owned (limited by the reps' capacity).
        public var ownedShare: Double

        public init(accounts: Int = 5_000, reps: Int = 40, segments: Int = 3, theaters: Int = 3,
                    states: Bool = false, asOf: Day = Day(year: 2026, month: 11, day: 30),
                    activity: Bool = true, ownedShare: Double = 0.35) {
            self.accounts = accounts; self.reps = reps; self.segments = segments
            self.theaters = theaters; self.states = states; self.asOf = asOf
            self.activity = activity; self.ownedShare = ownedShare
        }

        /// The configuration of `data/sample`: 5,000 accounts, 40 reps, SMB/MM/ENT, NA/EMEA/APAC.
        ///
        /// ```swift
        /// var rng = SeededGenerator(seed: Generator.sampleSeed)
        /// let sample = Generator(.sample).generate(using: &rng)   // the data in data/sample
        /// ```
        public static let sample = Configuration(accounts: 5_000, reps: 40, segments: 3, theaters: 3)

        /// The configuration of `data/sample-states`: a health insurer licensed in NY, NJ and PA,
        /// selling to small and large employers.
        public static let sampleStates = Configuration(accounts: 3_000, reps: 24, segments: 2, theaters: 3, states: true)

        /// Problems with the configuration, phrased for a command line; empty when valid.
        public var problems: [String] {
            var out: [String] = []
            if accounts < 1 { out.append("accounts must be at least 1") }
            if reps < 1 { out.append("reps must be at least 1") }
            if !(1 ... 3).contains(segments) { out.append("segments must be 1, 2 or 3") }
            let maxTheaters = states ? Vocabulary.licensedStates.count : Vocabulary.theaters.count
            if !(1 ... maxTheaters).contains(theaters) {
                out.append("theaters must be between 1 and \(maxTheaters)\(states ? " with states" : "")")
            }
            if !(0 ... 1).contains(ownedShare) { out.append("owned share must be between 0 and 1") }
            return out
        }
    }

    public var configuration: Configuration

    /// The seed `data/sample` and `data/sample-states` were generated with.
    public static let sampleSeed: UInt64 = 42

    public init(_ configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Generates a data set.
    ///
    /// - Parameter rng: the source of randomness; a ``SeededGenerator`` makes the result reproducible.
    /// - Returns: accounts (in id order), reps, activity (by account, then date), return requests
    ///   and the policy that scores them. The attribute columns are `intent` and `web_visits_30d`.
    /// - Complexity: O(accounts + reps + activity rows).
    public func generate(using rng: inout some RandomNumberGenerator) -> DataSet {
        let policy = self.policy()
        let plan = SegmentPlan(policy: policy)
        var accounts = makeAccounts(plan: plan, using: &rng)
        let reps = makeReps(accounts: accounts, plan: plan, policy: policy, using: &rng)
        let parentOf = makeFamilies(&accounts, plan: plan, using: &rng)
        var activity: [Activity] = []
        assignOwners(&accounts, parentOf: parentOf, reps: reps, plan: plan, policy: policy, activity: &activity, using: &rng)
        let returns = makeReturns(accounts: accounts, policy: policy, using: &rng)
        return DataSet(policy: policy, accounts: accounts, reps: reps,
                       activity: configuration.activity ? activity : [], returns: returns,
                       accountAttributeColumns: Vocabulary.attributeColumns, repAttributeColumns: [])
    }
}
