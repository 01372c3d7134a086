/// A problem with an input file, located as precisely as the file allows.
///
/// Printed as one line a user can act on:
/// `accounts.csv:12:7 (employees): "12a" is not a number`,
/// `policy.yaml:14:3: unknown key "fairnes" in assignment (did you mean "fairness"?)`,
/// `reps.csv: no such file`.
public struct InputError: Error, Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The file as the user named it.
    public var file: String
    /// Physical line in the file, 1-based (quoted newlines count); `nil` for whole-file problems.
    public var line: Int?
    /// Column number, 1-based (CSV field index, or YAML character column).
    public var column: Int?
    /// The column's header as written, for CSV files.
    public var columnName: String?
    /// The offending value, when there is one.
    public var value: String?
    /// What is wrong, phrased to follow the value: "is not a number", "is outside 0–1".
    public var problem: String

    public init(file: String, line: Int? = nil, column: Int? = nil, columnName: String? = nil,
                value: String? = nil, problem: String) {
        self.file = file; self.line = line; self.column = column
        self.columnName = columnName; self.value = value; self.problem = problem
    }

    public var description: String {
        var text = file
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        if let columnName { text += " (\(columnName))" }
        text += ": "
        if let value { text += "\"\(InputError.shorten(value))\" " }
        return text + problem
    }

    /// Long or multi-line values are cut so the message stays on one line.
    static func shorten(_ value: String) -> String {
        var v = value.replacingNewlines()
        if v.count > 60 { v = String(v.prefix(57)) + "..." }
        return v
    }
}

extension String {
    /// The string with CR and LF shown as `\r` and `\n`, and other control characters (which
    /// could move a terminal's cursor or ring its bell) as `\u{1b}`.
    func replacingNewlines() -> String {
        guard unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return self }
        var out = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case _ where scalar.properties.generalCategory == .control: out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
