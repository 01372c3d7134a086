/// A GAP data file (instances or optima table) that does not follow its format.
public struct GAPParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file, as given to the parser.
    public var file: String
    /// 1-based line and column of the offending token (or of the end of the file).
    public var line: Int
    public var column: Int
    /// The offending token (or line), or `nil` when the file ended too early.
    public var found: String?
    /// What was expected there, e.g. "an integer ≥ 1: number of agents m of problem 2".
    public var expected: String

    public init(file: String, line: Int, column: Int, found: String?, expected: String) {
        self.file = file
        self.line = line
        self.column = column
        self.found = found
        self.expected = expected
    }

    public var description: String {
        let what = found.map { "found \"\($0)\"" } ?? "the file ends here"
        return "\(file):\(line):\(column): \(what); expected \(expected)"
    }
}
