/// Why a scenario (a comparison, a simulation, an adoption) could not be made, saying what to fix.
public enum ScenarioError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A plan folder without the named file.
    case missingFile(path: String)
    /// A file that could not be read or parsed.
    case unreadable(path: String, detail: String)
    /// A CSV row that breaks a rule: the file, line and column, the value and the rule.
    case badRow(path: String, line: Int, column: String, value: String, rule: String)
    /// The two sides do not hold the same accounts: they were made from different data.
    case differentData(a: String, b: String, onlyInA: Int, onlyInB: Int, example: AccountID)
    /// A parameter out of its range (`--weeks 0`, a negative rate…).
    case badParameter(name: String, value: String, rule: String)

    public var description: String {
        switch self {
        case let .missingFile(path):
            "\(path): no such file; a plan folder is what `books plan --out` wrote (books.csv, pool.csv, changes.csv, summary.json)"
        case let .unreadable(path, detail): "\(path): \(detail)"
        case let .badRow(path, line, column, value, rule): "\(path):\(line): column \(column): \"\(value)\" \(rule)"
        case let .differentData(a, b, onlyInA, onlyInB, example):
            "\(a) and \(b) were made from different data: \(onlyInA) accounts only in the first, \(onlyInB) only in the second "
                + "(e.g. \(example)); compare plans of the same accounts"
        case let .badParameter(name, value, rule): "\(name): \"\(value)\" \(rule)"
        }
    }
}
