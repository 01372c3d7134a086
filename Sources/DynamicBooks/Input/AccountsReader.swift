/// Reads `accounts.csv` (SPEC §2).
enum AccountsReader {
    /// - Parameters:
    ///   - policy: segment names in the file must be the policy's (matched ignoring case; the
    ///     policy's spelling is kept).
    ///   - reps: when given, every owner must be one of these.
    /// - Returns: the accounts in file order, the line each starts on, their ids, and the
    ///   attribute columns as written.
    /// - Throws: ``InputError`` for the first bad value (in file order), a duplicate id, or a
    ///   file with no accounts.
    static func read(_ source: CSVSource, policy: Policy, reps: Set<RepID>?) throws(InputError)
        -> (accounts: [Account], lines: [Int], ids: Set<AccountID>, attributeColumns: [String]) {
        let layout = try CSVLayout<AccountColumn>(source, known: AccountColumn.byNormalizedName, required: [.id])
        let f = FieldReader(source)
        let segments = Dictionary(policy.segments.map { ($0.name.lowercased(), $0.name) }, uniquingKeysWith: { a, _ in a })
        let segmentList = policy.segments.map(\.name).joined(separator: ", ")
        let attributes = layout.attributes
        let c = (id: layout[.id], name: layout[.name], segment: layout[.segment], theater: layout[.theater],
                 country: layout[.country], state: layout[.state], industry: layout[.industry],
                 employees: layout[.employees], revenue: layout[.annualRevenue], score: layout[.score],
                 owner: layout[.owner], ownedSince: layout[.ownedSince], lastActivity: layout[.lastActivity],
                 customer: layout[.customer], locked: layout[.locked], parent: layout[.parentID],
                 workload: layout[.workload])

        let (accounts, lines) = try source.mapRows { (row) throws(InputError) -> Account in
            try f.checkWidth(row)
            let id = f.text(row, c.id)
            guard !id.isEmpty, let idColumn = c.id else {
                throw f.error(row, c.id ?? 0, nil, "the id is empty")
            }
            if let problem = IdentifierRule.problem(id) { throw f.error(row, idColumn, id, problem) }
            var account = Account(id: AccountID(id))
            account.name = f.text(row, c.name)
            if let segment = f.optionalText(row, c.segment) {
                guard let known = segments[segment.lowercased()] else {
                    throw f.error(row, c.segment ?? idColumn, segment,
                                  "is not a segment of the policy (\(segmentList))"
                                  + Suggestion.phrase(for: segment, in: policy.segments.map(\.name)))
                }
                account.segment = known
            }
            account.theater = f.optionalText(row, c.theater)
            account.country = f.optionalText(row, c.country)
            account.state = f.optionalText(row, c.state)
            account.industry = f.optionalText(row, c.industry)
            account.employees = try f.number(row, c.employees, in: InputLimits.employees)
            account.annualRevenue = try f.number(row, c.revenue, in: InputLimits.magnitude)
            if let score = try f.number(row, c.score), let column = c.score {
                guard (0 ... 100).contains(score) else { throw f.error(row, column, f.text(row, column), "is outside 0–100") }
                account.score = score
            }
            if let owner = f.optionalText(row, c.owner), let column = c.owner {
                if let problem = IdentifierRule.problem(owner) { throw f.error(row, column, owner, problem) }
                if let reps, !reps.contains(RepID(owner)) {
                    throw f.error(row, column, owner, "is not a rep in reps.csv")
                }
                account.owner = RepID(owner)
            }
            account.ownedSince = try f.day(row, c.ownedSince)
            account.lastActivity = try f.day(row, c.lastActivity)
            account.customer = try f.bool(row, c.customer) ?? false
            account.locked = try f.bool(row, c.locked) ?? false
            if let parent = f.optionalText(row, c.parent), let column = c.parent {
                if let problem = IdentifierRule.problem(parent) { throw f.error(row, column, parent, problem) }
                if parent != id { account.parentID = AccountID(parent) }
            }
            account.workload = try f.number(row, c.workload, in: InputLimits.workload)
            if !attributes.isEmpty {
                var values: [String: String] = [:]
                values.reserveCapacity(attributes.count)
                for attribute in attributes {
                    let value = f.text(row, attribute.index)
                    if !value.isEmpty { values[attribute.name] = value }
                }
                account.attributes = values
            }
            return account
        }
        guard !accounts.isEmpty else { throw InputError(file: source.name, problem: "has no accounts after the header") }

        var ids = Set<AccountID>(minimumCapacity: accounts.count)
        for index in accounts.indices where !ids.insert(accounts[index].id).inserted {
            let id = accounts[index].id
            let first = accounts.firstIndex { $0.id == id } ?? index
            throw InputError(file: source.name, line: lines[index], column: (c.id ?? 0) + 1,
                             columnName: source.header[c.id ?? 0], value: id.rawValue,
                             problem: "is a duplicate id (first on line \(lines[first]))")
        }
        return (accounts, lines, ids, attributes.map(\.name))
    }
}
