import Foundation

extension DataSet {
    /// Writes `accounts.csv`, `reps.csv`, `activity.csv` (when there is activity), `returns.csv`
    /// and `policy.yaml` into `directory`, creating it when missing. Each file is written atomically.
    ///
    /// Account columns that no account uses are left out; the rest keep the standard order,
    /// followed by the attribute columns.
    public func write(to directory: URL) throws {
        try AtomicFile.makeDirectory(directory)
        try AtomicFile.write(accountsCSV().bytes, to: directory.appendingPathComponent("accounts.csv"))
        try AtomicFile.write(repsCSV().bytes, to: directory.appendingPathComponent("reps.csv"))
        if !activity.isEmpty {
            var csv = CSVBuffer(header: ["account_id", "rep_id", "date", "type"])
            csv.reserveCapacity(activity.count * 36)
            for a in activity {
                csv.append(a.accountID.rawValue); csv.append(a.repID.rawValue); csv.append(day: a.date); csv.append(a.type)
                csv.endRow()
            }
            try AtomicFile.write(csv.bytes, to: directory.appendingPathComponent("activity.csv"))
        }
        var csv = CSVBuffer(header: ["account_id", "rep_id", "date", "reason", "note"])
        for r in returns { csv.appendRow([r.accountID.rawValue, r.repID.rawValue, r.date.description, r.reason, r.note]) }
        try AtomicFile.write(csv.bytes, to: directory.appendingPathComponent("returns.csv"))
        try AtomicFile.write(policy.yaml, to: directory.appendingPathComponent("policy.yaml"))
    }

    /// `accounts.csv` as written by ``write(to:)``.
    public func accountsCSV() -> CSVBuffer {
        let used = AccountColumn.allCases.filter { column in
            column == .id || accounts.contains { Self.hasValue(column, account: $0) }
        }
        var csv = CSVBuffer(header: used.map(\.rawValue) + accountAttributeColumns)
        csv.reserveCapacity(accounts.count * 24 * (used.count + accountAttributeColumns.count) / 4)
        for account in accounts {
            for column in used { Self.append(column, of: account, to: &csv) }
            for column in accountAttributeColumns { csv.append(account.attributes[column] ?? "") }
            csv.endRow()
        }
        return csv
    }

    /// `reps.csv` as written by ``write(to:)``.
    public func repsCSV() -> CSVBuffer {
        let dayTwo = reps.contains { $0.startDate != nil || $0.endDate != nil || $0.status != .active }
        let columns = RepColumn.allCases.filter { dayTwo || !RepColumn.dayTwo.contains($0) }
        var csv = CSVBuffer(header: columns.map(\.rawValue) + repAttributeColumns)
        for rep in reps {
            var row = [rep.id.rawValue, rep.name, rep.segment, rep.theaters.joined(separator: ";"),
                       CSVBuffer.number(rep.capacity), CSVBuffer.number(rep.ramp),
                       rep.specialties.joined(separator: ";"), rep.unavailableUntil?.description ?? "",
                       CSVBuffer.number(rep.routingWeight)]
            if dayTwo { row += [rep.startDate?.description ?? "", rep.endDate?.description ?? "", rep.status.rawValue] }
            csv.appendRow(row + repAttributeColumns.map { rep.attributes[$0] ?? "" })
        }
        return csv
    }

    /// Whether `account` has a value (other than the default) in a standard column.
    static func hasValue(_ column: AccountColumn, account a: Account) -> Bool {
        switch column {
        case .id: true
        case .name: !a.name.isEmpty
        case .segment: !(a.segment ?? "").isEmpty
        case .theater: !(a.theater ?? "").isEmpty
        case .country: !(a.country ?? "").isEmpty
        case .state: !(a.state ?? "").isEmpty
        case .industry: !(a.industry ?? "").isEmpty
        case .employees: a.employees != nil
        case .annualRevenue: a.annualRevenue != nil
        case .score: a.score != nil
        case .owner: a.owner != nil
        case .ownedSince: a.ownedSince != nil
        case .lastActivity: a.lastActivity != nil
        case .customer: a.customer
        case .locked: a.locked
        case .parentID: a.parentID != nil
        case .workload: a.workload != nil
        }
    }

    /// Appends a standard column of `account` to a row, numbers and days without building strings.
    static func append(_ column: AccountColumn, of account: Account, to csv: inout CSVBuffer) {
        switch column {
        case .employees: csv.append(number: account.employees)
        case .annualRevenue: csv.append(number: account.annualRevenue)
        case .score: csv.append(number: account.score)
        case .workload: csv.append(number: account.workload)
        case .ownedSince: csv.append(day: account.ownedSince)
        case .lastActivity: csv.append(day: account.lastActivity)
        default: csv.append(field(column, of: account))
        }
    }

    /// The text of a standard column of `account`, as CSV writes it.
    static func field(_ column: AccountColumn, of account: Account) -> String {
        switch column {
        case .id: account.id.rawValue
        case .name: account.name
        case .segment: account.segment ?? ""
        case .theater: account.theater ?? ""
        case .country: account.country ?? ""
        case .state: account.state ?? ""
        case .industry: account.industry ?? ""
        case .employees: CSVBuffer.number(account.employees)
        case .annualRevenue: CSVBuffer.number(account.annualRevenue)
        case .score: CSVBuffer.number(account.score)
        case .owner: account.owner?.rawValue ?? ""
        case .ownedSince: account.ownedSince?.description ?? ""
        case .lastActivity: account.lastActivity?.description ?? ""
        case .customer: CSVBuffer.bool(account.customer)
        case .locked: CSVBuffer.bool(account.locked)
        case .parentID: account.parentID?.rawValue ?? ""
        case .workload: CSVBuffer.number(account.workload)
        }
    }
}
