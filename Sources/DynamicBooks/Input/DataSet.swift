/// Everything DynamicBooks reads: the policy, accounts, reps, activity and return requests.
///
/// Load one from files with ``load(_:)`` (every cross-file reference is checked), or make one
/// with the ``Generator``. Accounts keep the order of the file.
public struct DataSet: Sendable {
    public var policy: Policy
    public var accounts: [Account]
    public var reps: [Rep]
    public var activity: [Activity]
    public var returns: [ReturnRequest]
    /// The attribute (non-standard) columns of `accounts.csv`, as written, in file order.
    public var accountAttributeColumns: [String]
    /// The attribute columns of `reps.csv`, as written, in file order.
    public var repAttributeColumns: [String]
    /// Owners that reps.csv does not list, when loaded with `departures` (reps who left).
    public var departedReps: Set<RepID> = []

    public init(policy: Policy = Policy(), accounts: [Account] = [], reps: [Rep] = [],
                activity: [Activity] = [], returns: [ReturnRequest] = [],
                accountAttributeColumns: [String] = [], repAttributeColumns: [String] = []) {
        self.policy = policy; self.accounts = accounts; self.reps = reps
        self.activity = activity; self.returns = returns
        self.accountAttributeColumns = accountAttributeColumns
        self.repAttributeColumns = repAttributeColumns
    }
}
