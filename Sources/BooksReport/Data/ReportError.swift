/// Why a report could not be made, saying what to fix.
public enum ReportError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A plan folder without the named file.
    case missingFile(path: String, hint: String)
    /// A file that could not be read or parsed.
    case unreadable(path: String, detail: String)
    /// A CSV row that breaks a rule: the file, line and column, the value and the rule.
    case badRow(path: String, line: Int, column: String, value: String, rule: String)
    /// The workspace has nothing to report yet.
    case emptyWorkspace(path: String)
    /// Writing the report failed.
    case cannotWrite(path: String, detail: String)

    public var description: String {
        switch self {
        case let .missingFile(path, hint): "\(path): no such file; \(hint)"
        case let .unreadable(path, detail): "\(path): \(detail)"
        case let .badRow(path, line, column, value, rule): "\(path):\(line): column \(column): \"\(value)\" \(rule)"
        case let .emptyWorkspace(path): "\(path): the workspace has no accounts or reps yet; run `books import` first"
        case let .cannotWrite(path, detail): "\(path): cannot write the report (\(detail))"
        }
    }
}
