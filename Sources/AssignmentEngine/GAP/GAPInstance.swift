/// Whether a GAP instance's costs are minimised (the usual reading) or maximised as profits
/// (how OR-Library lists the optima of gap1–gap12).
public enum GAPSense: String, Sendable, Codable, CaseIterable {
    case max
    case min
}

/// One Generalized Assignment Problem: assign every job to one agent, within each agent's
/// capacity, at the best total cost.
///
/// Read from the OR-Library format (J. E. Beasley, OR-Library, "gapinfo"; instances of
/// Cattrysse et al. 1994, Osman 1995, Chu & Beasley 1997):
///
/// ```
/// P                  number of problems in the file, then P times:
///   m n              agents, jobs
///   c[i][j]          m rows of n costs
///   a[i][j]          m rows of n resource uses
///   b[i]             m capacities
/// ```
/// All whitespace-separated integers; line breaks carry no meaning. Every number is checked
/// against ``Limits`` as it is read, so no later sum overflows.
public struct GAPInstance: Sendable, Equatable {
    /// `file-stem-problem`, e.g. "gap1-3" for the third problem of gap1.txt.
    public var name: String
    /// Number of agents, m.
    public var agents: Int
    /// Number of jobs, n.
    public var jobs: Int
    /// `cost[i][j]`: cost (profit when maximising) of job j on agent i.
    public var cost: [[Int]]
    /// `resource[i][j]`: capacity job j uses on agent i.
    public var resource: [[Int]]
    /// `capacity[i]` of agent i.
    public var capacity: [Int]

    /// The ranges the reader accepts: at most 10⁶ problems, agents and jobs; costs within ±10⁹;
    /// resource uses within 0–10⁹; capacities within 0–10¹².
    public enum Limits {
        public static let problems = 1 ... 1_000_000
        public static let agents = 1 ... 1_000_000
        public static let jobs = 1 ... 1_000_000
        public static let cost = -1_000_000_000 ... 1_000_000_000
        public static let resource = 0 ... 1_000_000_000
        public static let capacity = 0 ... 1_000_000_000_000
    }

    public init(name: String, agents: Int, jobs: Int, cost: [[Int]], resource: [[Int]], capacity: [Int]) {
        self.name = name
        self.agents = agents
        self.jobs = jobs
        self.cost = cost
        self.resource = resource
        self.capacity = capacity
    }

    /// The instance as an assignment model: items are jobs, bins are agents, every job must be
    /// assigned, and every (job, agent) pair is an arc with weight `resource[i][j]` and value
    /// `cost[i][j]` (maximising) or `−cost[i][j]` (minimising). Names count from 1:
    /// "job 1", "agent 1". The arrays must have the shapes `agents × jobs` and `agents`, as
    /// ``parse(_:file:)`` guarantees.
    public func model(sense: GAPSense) -> AssignmentModel {
        let sign: Double = sense == .max ? 1 : -1
        var arcBin: [Int32] = [], arcValue: [Double] = [], arcWeight: [Double] = []
        arcBin.reserveCapacity(jobs * agents)
        arcValue.reserveCapacity(jobs * agents)
        arcWeight.reserveCapacity(jobs * agents)
        for j in 0 ..< jobs {
            for i in 0 ..< agents {
                arcBin.append(Int32(i))
                arcValue.append(sign * Double(cost[i][j]))
                arcWeight.append(Double(resource[i][j]))
            }
        }
        return AssignmentModel(
            itemCount: jobs, capacities: capacity.map(Double.init),
            mustAssign: Array(repeating: true, count: jobs),
            arcStart: (0 ... jobs).map { $0 * agents }, arcBin: arcBin, arcValue: arcValue, arcWeight: arcWeight,
            itemNames: (0 ..< jobs).map { "job \($0 + 1)" },
            binNames: (0 ..< agents).map { "agent \($0 + 1)" })
    }

    /// The total cost of giving job j to agent `agentOfJob[j]`.
    public func totalCost(agentOfJob: [Int]) -> Int {
        agentOfJob.enumerated().reduce(0) { $0 + cost[$1.element][$1.offset] }
    }

    /// Reads every problem of an OR-Library GAP file.
    ///
    /// - Parameters:
    ///   - text: the file's contents.
    ///   - file: the file's name, for messages and instance names.
    /// - Throws: ``GAPParseError`` at the first token that is not the integer expected there
    ///   (with its line, column and meaning), when the file ends early, or when numbers follow
    ///   the last problem.
    public static func parse(_ text: String, file: String) throws -> [GAPInstance] {
        var reader = IntegerReader(text: text, file: file)
        let stem = Self.stem(of: file)
        let L = Limits.self
        let count = try reader.next(in: L.problems, "the number of problems P")
        var instances: [GAPInstance] = []
        for p in 1 ... count {
            let m = try reader.next(in: L.agents, "the number of agents m of problem \(p)")
            let n = try reader.next(in: L.jobs, "the number of jobs n of problem \(p)")
            var cost: [[Int]] = [], resource: [[Int]] = []
            for i in 1 ... m {
                var row: [Int] = []
                for j in 1 ... n { row.append(try reader.next(in: L.cost, "cost c[\(i)][\(j)] of problem \(p)")) }
                cost.append(row)
            }
            for i in 1 ... m {
                var row: [Int] = []
                for j in 1 ... n {
                    row.append(try reader.next(in: L.resource, "resource a[\(i)][\(j)] of problem \(p)"))
                }
                resource.append(row)
            }
            var capacity: [Int] = []
            for i in 1 ... m { capacity.append(try reader.next(in: L.capacity, "capacity b[\(i)] of problem \(p)")) }
            instances.append(GAPInstance(name: "\(stem)-\(p)", agents: m, jobs: n, cost: cost,
                                         resource: resource, capacity: capacity))
        }
        try reader.expectEnd("the end of the file after \(count) problem\(count == 1 ? "" : "s")")
        return instances
    }

    /// "data/gap/gap1.txt" → "gap1".
    static func stem(of file: String) -> String {
        let base = file.split(separator: "/").last.map(String.init) ?? file
        if let dot = base.lastIndex(of: "."), dot != base.startIndex { return String(base[..<dot]) }
        return base
    }
}

/// Whitespace-separated integers with their line and column, for precise errors.
struct IntegerReader {
    private let bytes: [UInt8]
    private let file: String
    private var offset = 0
    private var line = 1
    private var column = 1

    init(text: String, file: String) {
        bytes = Array(text.utf8)
        self.file = file
    }

    /// The next token as an integer within `range`; `meaning` says what it is ("the number of
    /// agents m of problem 2"), and the error names the range.
    mutating func next(in range: ClosedRange<Int>, _ meaning: String) throws -> Int {
        let expected = "an integer in \(range.lowerBound)–\(range.upperBound): \(meaning)"
        guard let (token, line, column) = nextToken() else {
            throw GAPParseError(file: file, line: self.line, column: self.column, found: nil, expected: expected)
        }
        guard let value = Int(token), range.contains(value) else {
            throw GAPParseError(file: file, line: line, column: column, found: token, expected: expected)
        }
        return value
    }

    /// Fails if any token is left.
    mutating func expectEnd(_ expected: String) throws {
        if let (token, line, column) = nextToken() {
            throw GAPParseError(file: file, line: line, column: column, found: token, expected: expected)
        }
    }

    private mutating func nextToken() -> (String, line: Int, column: Int)? {
        while offset < bytes.count, Self.isSpace(bytes[offset]) { advance() }
        guard offset < bytes.count else { return nil }
        let start = offset, startLine = line, startColumn = column
        while offset < bytes.count, !Self.isSpace(bytes[offset]) { advance() }
        return (String(decoding: bytes[start ..< offset], as: UTF8.self), startLine, startColumn)
    }

    private mutating func advance() {
        if bytes[offset] == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if bytes[offset] & 0xC0 != 0x80 {  // count characters, not UTF-8 continuation bytes
            column += 1
        }
        offset += 1
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0B || byte == 0x0C
    }
}
