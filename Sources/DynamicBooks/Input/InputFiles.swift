/// Where the input files are: a directory holding the standard names, and per-file overrides.
///
/// ```swift
/// let files = InputFiles(directory: "data/sample")                      // data/sample/accounts.csv, …
/// let other = InputFiles(directory: "data/sample", policy: "strict.yaml") // another policy
/// ```
public struct InputFiles: Sendable, Hashable {
    /// The input files DynamicBooks knows.
    public enum Kind: String, CaseIterable, Sendable, Hashable {
        case accounts, reps, policy, activity, returns

        /// The file's name inside a data directory.
        public var fileName: String {
            switch self {
            case .policy: "policy.yaml"
            default: "\(rawValue).csv"
            }
        }
    }

    /// The data directory; `nil` = the working directory.
    public var directory: String?
    /// Files named one by one; they take precedence over the directory's.
    public var overrides: [Kind: String]

    public init(directory: String? = nil, accounts: String? = nil, reps: String? = nil, policy: String? = nil,
                activity: String? = nil, returns: String? = nil) {
        self.directory = directory
        var overrides: [Kind: String] = [:]
        overrides[.accounts] = accounts
        overrides[.reps] = reps
        overrides[.policy] = policy
        overrides[.activity] = activity
        overrides[.returns] = returns
        self.overrides = overrides
    }

    /// The path of `kind`'s file, as messages show it.
    public func path(_ kind: Kind) -> String {
        if let file = overrides[kind] { return file }
        guard let directory, !directory.isEmpty, directory != "." else { return kind.fileName }
        return directory.hasSuffix("/") ? directory + kind.fileName : directory + "/" + kind.fileName
    }

    /// Whether `kind`'s file was named explicitly (so it must exist).
    public func isExplicit(_ kind: Kind) -> Bool { overrides[kind] != nil }
}
