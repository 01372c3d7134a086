import Foundation

extension DataSet {
    /// Loads a data set and checks every reference between its files.
    ///
    /// The policy is read first (defaults when there is no policy file), then reps, accounts,
    /// activity and return requests. A file named explicitly must exist; a file of the directory
    /// is read when present and must be present when its kind is in `required`. Checks across
    /// files: segments are the policy's; owners, activity and returns name known reps and
    /// accounts; reps' theaters are the policy's or appear in `accounts.csv`; the fields the
    /// scoring rules name are columns of `accounts.csv`.
    ///
    /// - Parameters:
    ///   - files: where the files are.
    ///   - required: the kinds this use needs (default: accounts).
    ///   - knownReps: reps known elsewhere (a workspace's) that accounts and activity may name
    ///     although reps.csv no longer lists them: a rep who left.
    ///   - departures: when true, an owner or an activity's rep that reps.csv does not list is a
    ///     rep who left (listed in ``departedReps``), not an error: its accounts are free to go
    ///     to others.
    /// - Throws: the first ``InputError`` found, as one line naming file, line, column and value.
    public static func load(_ files: InputFiles, required: Set<InputFiles.Kind> = [.accounts],
                            knownReps: Set<RepID> = [], departures: Bool = false) throws(InputError) -> DataSet {
        func present(_ kind: InputFiles.Kind) throws(InputError) -> String? {
            let path = files.path(kind)
            if files.isExplicit(kind) || required.contains(kind) || FileManager.default.fileExists(atPath: path) {
                return path
            }
            return nil
        }
        var data = DataSet()
        var fieldReferences: [PolicyLoader.FieldReference] = []
        var policyName = InputFiles.Kind.policy.fileName
        if let path = try present(.policy) {
            policyName = path
            (data.policy, fieldReferences) = try PolicyLoader.loadWithReferences(path: path, name: path)
        }
        var repLines: [Int] = [], repTheatersColumn: Int?, repSource: CSVSource?
        if let path = try present(.reps) {
            let source = try CSVSource(path: path, name: path)
            let reps = try RepsReader.read(source, policy: data.policy)
            (data.reps, repLines, repTheatersColumn, data.repAttributeColumns) = (reps.reps, reps.lines, reps.theatersColumn, reps.attributeColumns)
            repSource = source
        }
        let listedReps: Set<RepID>? = repSource == nil ? nil : Set(data.reps.map(\.id)).union(knownReps)
        let repIDs = departures ? nil : listedReps
        var accountIDs: Set<AccountID>?
        if let path = try present(.accounts) {
            let source = try CSVSource(path: path, name: path)
            let accounts = try AccountsReader.read(source, policy: data.policy, reps: repIDs)
            (data.accounts, data.accountAttributeColumns) = (accounts.accounts, accounts.attributeColumns)
            accountIDs = accounts.ids
            if departures, let listedReps {
                data.departedReps = Set(data.accounts.compactMap(\.owner)).subtracting(listedReps)
            }
            try checkScoringFields(fieldReferences, policyName: policyName, accountsName: path,
                                   attributes: data.accountAttributeColumns)
        }
        if let source = repSource {
            try data.checkRepTheaters(source: source, lines: repLines, column: repTheatersColumn)
        }
        if let path = try present(.activity) {
            data.activity = try ActivityReader.activity(CSVSource(path: path, name: path), accounts: accountIDs, reps: repIDs)
        }
        if let path = try present(.returns) {
            data.returns = try ActivityReader.returns(CSVSource(path: path, name: path), accounts: accountIDs, reps: repIDs)
        }
        return data
    }

    /// Every field a scoring rule, signal or exclusion names must be a column of the accounts.
    static func checkScoringFields(_ references: [PolicyLoader.FieldReference], policyName: String,
                                   accountsName: String, attributes: [String]) throws(InputError) {
        guard !references.isEmpty else { return }
        var known = Set(AccountColumn.byNormalizedName.keys)
        for name in attributes { known.insert(HeaderName.normalized(name)) }
        let spelled = AccountColumn.allCases.map(\.rawValue) + attributes
        for reference in references where !known.contains(HeaderName.normalized(reference.field)) {
            throw InputError(file: policyName, line: reference.line, column: reference.column,
                             problem: "scoring names the field \"\(reference.field)\", which is not a column of \(accountsName)"
                                + Suggestion.phrase(for: reference.field, in: spelled))
        }
    }

    /// Reps' theaters must be the policy's or appear in the accounts' theater column; a
    /// different spelling of case is corrected to the known one.
    mutating func checkRepTheaters(source: CSVSource, lines: [Int], column: Int?) throws(InputError) {
        guard let column else { return }
        var known: [String: String] = [:]
        for theater in policy.theaters { known[theater.name.lowercased()] = known[theater.name.lowercased()] ?? theater.name }
        for account in accounts {
            if let theater = account.theater, known[theater.lowercased()] == nil { known[theater.lowercased()] = theater }
        }
        for i in reps.indices {
            for (k, theater) in reps[i].theaters.enumerated() {
                guard let name = known[theater.lowercased()] else {
                    throw InputError(file: source.name, line: lines[i], column: column + 1, columnName: source.header[column],
                                     value: theater, problem: "is not a theater of the policy or of the accounts"
                                        + Suggestion.phrase(for: theater, in: known.values.sorted()))
                }
                reps[i].theaters[k] = name
            }
        }
    }
}
