import Foundation

extension ScoredAccount {
    /// The standard columns of a scored accounts file, before the attributes.
    public static let csvLeadingColumns: [AccountColumn] = [
        .id, .name, .segment, .theater, .country, .state, .industry, .employees, .annualRevenue, .owner,
        .ownedSince, .lastActivity, .customer, .locked, .parentID,
    ]
    /// The derived columns, after the attributes.
    public static let csvTrailingColumns = ["score", "tier", "workload", "excluded_by"]

    /// Scored accounts as CSV: the standard columns (segment and theater as derived), the
    /// attribute columns, then score, tier, workload and the exclusion rule matched.
    ///
    /// Rows keep the order of `accounts`; the text is built in parallel over the machine's cores.
    /// An attribute whose header is the name of a derived column (a CRM's own "Tier") is
    /// written as `input_<header>`, so the file can be read back.
    public static func csv(_ accounts: [ScoredAccount], attributeColumns: [String]) -> [UInt8] {
        let reserved = Set(csvTrailingColumns.map { HeaderName.normalized($0) })
        let header = csvLeadingColumns.map(\.rawValue)
            + attributeColumns.map { reserved.contains(HeaderName.normalized($0)) ? "input_\($0)" : $0 }
            + csvTrailingColumns
        let chunk = 32_768
        let chunks = max(1, (accounts.count + chunk - 1) / chunk)
        var parts = [[UInt8]](repeating: [], count: chunks)
        parts.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                var csv = c == 0 ? CSVBuffer(header: header) : CSVBuffer()
                let range = c * chunk ..< min(accounts.count, (c + 1) * chunk)
                csv.reserveCapacity(range.count * 160)
                for i in range { accounts[i].appendCSVRow(to: &csv, attributeColumns: attributeColumns) }
                out[c] = csv.bytes
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for part in parts { bytes.append(contentsOf: part) }
        return bytes
    }

    func appendCSVRow(to csv: inout CSVBuffer, attributeColumns: [String]) {
        for column in ScoredAccount.csvLeadingColumns {
            switch column {
            case .segment: csv.append(segment)
            case .theater: csv.append(theater ?? "")
            default: DataSet.append(column, of: account, to: &csv)
            }
        }
        for column in attributeColumns { csv.append(account.attributes[column] ?? "") }
        csv.append(number: score)
        csv.append(tier.rawValue)
        csv.append(number: workload)
        csv.append(excludedBy ?? "")
        csv.endRow()
    }
}
