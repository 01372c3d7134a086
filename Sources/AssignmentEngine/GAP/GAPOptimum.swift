/// The best known (usually proven optimal) objective of one GAP problem, from `optima.tsv`.
public struct GAPOptimum: Sendable, Hashable, Codable {
    /// The instance file, e.g. "gap1.txt".
    public var file: String
    /// 1-based position of the problem in its file.
    public var problem: Int
    /// The problem's usual name, e.g. "gap1-1" or "c10200".
    public var name: String
    public var sense: GAPSense
    /// The best known total cost (profit when maximising).
    public var bestKnown: Int
    /// Whether `bestKnown` is proven optimal.
    public var provenOptimal: Bool

    public init(file: String, problem: Int, name: String, sense: GAPSense, bestKnown: Int, provenOptimal: Bool) {
        self.file = file
        self.problem = problem
        self.name = name
        self.sense = sense
        self.bestKnown = bestKnown
        self.provenOptimal = provenOptimal
    }

    /// The column names `optima.tsv` starts with, in order.
    public static let header = ["file", "problem", "name", "sense", "best_known", "proven_optimal"]

    /// Reads a tab-separated optima table: the ``header`` line, then one line per problem.
    /// Blank lines are skipped.
    /// - Throws: ``GAPParseError`` naming the line, column and field at fault.
    public static func parseTable(_ text: String, file: String) throws -> [GAPOptimum] {
        var rows: [GAPOptimum] = []
        var sawHeader = false
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            // Field k starts at column 1 + Σ (length + 1) of the fields before it.
            func fail(_ k: Int, _ expected: String) -> GAPParseError {
                GAPParseError(file: file, line: lineNumber, column: fields.prefix(k).reduce(1) { $0 + $1.count + 1 },
                              found: fields[k], expected: expected)
            }
            if !sawHeader {
                guard fields == header else {
                    throw GAPParseError(file: file, line: lineNumber, column: 1, found: String(line),
                                        expected: "the header \"\(header.joined(separator: "\\t"))\"")
                }
                sawHeader = true
                continue
            }
            guard fields.count == header.count else {
                throw GAPParseError(
                    file: file, line: lineNumber, column: 1, found: String(line),
                    expected: "\(header.count) tab-separated fields (\(header.joined(separator: ", "))), got \(fields.count)")
            }
            guard !fields[0].isEmpty else { throw fail(0, "a file name") }
            guard let problem = Int(fields[1]), problem >= 1 else { throw fail(1, "an integer ≥ 1: the problem number") }
            guard !fields[2].isEmpty else { throw fail(2, "a problem name") }
            guard let sense = GAPSense(rawValue: fields[3]) else { throw fail(3, "\"max\" or \"min\"") }
            guard let best = Int(fields[4]) else { throw fail(4, "an integer: the best known objective") }
            let proven: Bool
            switch fields[5] {
            case "yes": proven = true
            case "no": proven = false
            default: throw fail(5, "\"yes\" or \"no\"")
            }
            rows.append(GAPOptimum(file: fields[0], problem: problem, name: fields[2], sense: sense,
                                   bestKnown: best, provenOptimal: proven))
        }
        guard sawHeader else {
            throw GAPParseError(file: file, line: 1, column: 1, found: nil,
                                expected: "the header \"\(header.joined(separator: "\\t"))\"")
        }
        return rows
    }
}
