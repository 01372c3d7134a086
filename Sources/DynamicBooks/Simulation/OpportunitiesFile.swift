/// Reads `opportunities.csv` (`account_id, rep_id, opened_on`): the opportunities a team opened,
/// the outcome `books simulate --db` calibrates its conversion rates on.
public enum OpportunitiesFile {
    /// One opportunity.
    public struct Entry: Sendable, Hashable {
        public var accountID: AccountID
        public var repID: RepID
        public var openedOn: Day
    }

    enum Column: String, CaseIterable, Hashable, Sendable {
        case accountID = "account_id", repID = "rep_id", openedOn = "opened_on"
        static let byNormalizedName = Dictionary(uniqueKeysWithValues: allCases.map { (HeaderName.normalized($0.rawValue), $0) })
    }

    /// - Throws: ``InputError`` naming file, line, column and value for the first bad row.
    public static func read(path: String, name: String? = nil) throws(InputError) -> [Entry] {
        let source = try CSVSource(path: path, name: name ?? path)
        let layout = try CSVLayout<Column>(source, known: Column.byNormalizedName, required: [.accountID, .repID, .openedOn])
        let f = FieldReader(source)
        let accountColumn = layout[.accountID] ?? 0, repColumn = layout[.repID] ?? 0, dateColumn = layout[.openedOn] ?? 0
        return try source.mapRows { (row) throws(InputError) -> Entry in
            try f.checkWidth(row)
            let account = f.text(row, accountColumn), rep = f.text(row, repColumn)
            guard !account.isEmpty else { throw f.error(row, accountColumn, nil, "the account id is empty") }
            guard !rep.isEmpty else { throw f.error(row, repColumn, nil, "the rep id is empty") }
            guard let date = try f.day(row, dateColumn) else { throw f.error(row, dateColumn, nil, "the date is empty") }
            return Entry(accountID: AccountID(account), repID: RepID(rep), openedOn: date)
        }.values
    }
}

/// The chance per worked account-week that an account of each tier opens an opportunity,
/// estimated from the activity log and the opportunities opened over the same weeks:
/// opportunities on accounts of the tier ÷ distinct (account, week) pairs of the tier worked.
public struct OpportunityRateEstimate: Sendable, Equatable {
    /// Per tier with at least one worked account-week.
    public var rates: [Tier: Double]
    public var opportunities: Int
    public var workedWeeks: [Tier: Int]

    public init(activity: [Activity], opportunities: [OpportunitiesFile.Entry], tiers: [AccountID: Tier],
                policy: Policy, through end: Day, weeks: Int = 26) {
        let first = end - 7 * weeks + 1
        let types = Set(policy.coverage.activityTypes.map { $0.lowercased() })
        var pairs = Set<String>()
        var worked: [Tier: Int] = [:]
        for entry in activity where entry.date >= first && entry.date <= end
            && (types.isEmpty || types.contains(entry.type.lowercased())) {
            guard let tier = tiers[entry.accountID],
                  pairs.insert("\(entry.accountID.rawValue)\u{1}\((entry.date - first) / 7)").inserted else { continue }
            worked[tier, default: 0] += 1
        }
        var opened: [Tier: Int] = [:]
        var count = 0
        for entry in opportunities where entry.openedOn >= first && entry.openedOn <= end {
            guard let tier = tiers[entry.accountID] else { continue }
            opened[tier, default: 0] += 1
            count += 1
        }
        var rates: [Tier: Double] = [:]
        for (tier, weeks) in worked where weeks > 0 { rates[tier] = min(1, Double(opened[tier] ?? 0) / Double(weeks)) }
        self.rates = rates; self.opportunities = count; workedWeeks = worked
    }

    /// One line for the terminal.
    public var text: String {
        let parts = Tier.allCases.sorted(by: >).compactMap { tier in
            rates[tier].map { "\(tier) \(String(format: "%.2f%%", $0 * 100)) of \(workedWeeks[tier] ?? 0) worked weeks" }
        }
        return "calibration: \(opportunities) opportunities; chance per worked week " + (parts.isEmpty ? "(no worked weeks)" : parts.joined(separator: ", "))
    }
}
