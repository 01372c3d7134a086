/// Reads a file of inbound hand-raisers: a CSV with `accounts.csv`'s columns (SPEC §2).
///
/// Only `id` is required. A row with nothing but its id names an account the workspace already
/// has; a row with more columns is an account as the CRM sends it, added when its id is new.
public enum InboundFile {
    /// One row of the file.
    public struct Row: Sendable, Hashable {
        /// The account as the row describes it (its `owner` column, if any, is kept but routing ignores it).
        public var account: Account
        /// The physical line the row starts on.
        public var line: Int
        /// The row has only its id: it names an account the workspace must have.
        public var idOnly: Bool
    }

    /// Reads `path`; segments must be `policy`'s (the workspace's).
    /// - Throws: ``InputError`` naming file, line, column and value for the first bad value, a
    ///   duplicate id, or a file without rows.
    public static func read(path: String, policy: Policy) throws(InputError) -> [Row] {
        let source = try CSVSource(path: path, name: path)
        let read = try AccountsReader.read(source, policy: policy, reps: nil)
        return zip(read.accounts, read.lines).map { account, line in
            Row(account: account, line: line, idOnly: account == Account(id: account.id))
        }
    }
}
