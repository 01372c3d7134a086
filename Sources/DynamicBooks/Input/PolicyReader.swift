import Yams

/// Walks a composed YAML tree and builds a ``Policy``, checking keys and types as it goes.
struct PolicyReader {
    let file: String
    /// Fields named by scoring conditions and signals, with their place in the file.
    var fields: [PolicyLoader.FieldReference] = []

    init(file: String) { self.file = file }

    // MARK: - Errors

    func error(_ node: Node?, _ path: String?, value: String? = nil, _ problem: String) -> InputError {
        InputError(file: file, line: node?.mark?.line, column: node?.mark?.column,
                   columnName: path, value: value, problem: problem)
    }

    // MARK: - Node shapes

    /// A mapping's entries as (key text, key node, value), checked against `allowed`.
    ///
    /// - Parameters:
    ///   - section: how messages name the mapping ("assignment", "the policy").
    ///   - allowed: the keys it may have; `nil` for maps keyed by the user's names.
    func entries(_ node: Node, _ path: String, section: String, allowed: [String]?) throws(InputError)
        -> [(key: String, keyNode: Node, value: Node)] {
        guard let mapping = node.mapping else {
            throw error(node, path.isEmpty ? nil : path, value: node.scalar?.string,
                        "must be a mapping of keys to values\(allowed.map { " (keys: \($0.joined(separator: ", ")))" } ?? "")")
        }
        var out: [(String, Node, Node)] = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string, !key.isEmpty else {
                throw error(keyNode, path.isEmpty ? nil : path, "keys must be plain names")
            }
            if let allowed, !allowed.contains(key) {
                let suggestion = Suggestion.phrase(for: key, in: allowed)
                let hint = suggestion.isEmpty ? " (known keys: \(allowed.joined(separator: ", ")))" : suggestion
                throw InputError(file: file, line: keyNode.mark?.line, column: keyNode.mark?.column,
                                 problem: "unknown key \"\(key)\" in \(section)\(hint)")
            }
            out.append((key, keyNode, value))
        }
        return out
    }

    /// Whether the node is YAML null (`null`, `~`, or nothing), which means "the default".
    func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar, scalar.style == .plain else { return false }
        return ["", "null", "~", "Null", "NULL"].contains(scalar.string)
    }

    func scalarText(_ node: Node, _ path: String) throws(InputError) -> String {
        guard let scalar = node.scalar else {
            throw error(node, path, node.sequence != nil ? "must be a single value, not a list" : "must be a single value, not a mapping")
        }
        return scalar.string
    }

    func string(_ node: Node, _ path: String) throws(InputError) -> String {
        let text = try scalarText(node, path).trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { throw error(node, path, "must not be empty") }
        return text
    }

    func number(_ node: Node, _ path: String) throws(InputError) -> Double {
        let text = try scalarText(node, path).trimmingCharacters(in: .whitespaces)
        guard node.scalar?.style == .plain, let value = FieldReader.number(text) else {
            throw error(node, path, value: text, "is not a number")
        }
        return value
    }

    func number(_ node: Node, _ path: String, in range: ClosedRange<Double>, _ rule: String) throws(InputError) -> Double {
        let value = try number(node, path)
        guard range.contains(value) else { throw error(node, path, value: node.scalar?.string, rule) }
        return value
    }

    /// A number within `range` (one of ``InputLimits``); above 0 too when `positive`.
    func number(_ node: Node, _ path: String, in range: ClosedRange<Double>, positive: Bool = false) throws(InputError) -> Double {
        let value = try number(node, path)
        guard range.contains(value) else { throw error(node, path, value: node.scalar?.string, InputLimits.rule(value, range)) }
        if positive && value <= 0 {
            throw error(node, path, value: node.scalar?.string, "must be greater than 0 (at most \(CSVBuffer.number(range.upperBound)))")
        }
        return value
    }

    /// A whole number of at least `minimum` and at most `limit` (``InputLimits/count`` or ``InputLimits/days``).
    func count(_ node: Node, _ path: String, minimum: Int = 0, limit: ClosedRange<Int> = InputLimits.count) throws(InputError) -> Int {
        let value = try number(node, path)
        guard value == value.rounded(), value >= Double(minimum) else {
            throw error(node, path, value: node.scalar?.string,
                        minimum == 0 ? "is not a whole number of 0 or more" : "is not a whole number of \(minimum) or more")
        }
        guard value <= Double(limit.upperBound) else {
            throw error(node, path, value: node.scalar?.string, "is outside \(minimum)–\(limit.upperBound)")
        }
        return Int(value)
    }

    /// A number of days, at least `minimum`, at most ``InputLimits/days`` (100 years).
    func days(_ node: Node, _ path: String, minimum: Int = 0) throws(InputError) -> Int {
        try count(node, path, minimum: minimum, limit: InputLimits.days)
    }

    func bool(_ node: Node, _ path: String) throws(InputError) -> Bool {
        let text = try scalarText(node, path)
        guard node.scalar?.style == .plain, let value = PolicyReader.plainBool(text) else {
            throw error(node, path, value: text, "is not true or false")
        }
        return value
    }

    static func plainBool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: return nil
        }
    }

    /// A list of strings; a single value is a list of one.
    func strings(_ node: Node, _ path: String) throws(InputError) -> [String] {
        if let sequence = node.sequence {
            var out: [String] = []
            for (i, item) in sequence.enumerated() { out.append(try string(item, "\(path)[\(i)]")) }
            return out
        }
        if isNull(node) { return [] }
        return [try string(node, path)]
    }

    func sequence(_ node: Node, _ path: String) throws(InputError) -> [Node] {
        if isNull(node) { return [] }
        guard let sequence = node.sequence else {
            throw error(node, path, value: node.scalar?.string, "must be a list (`- item` lines or `[a, b]`)")
        }
        return Array(sequence)
    }

    /// One of `options`, with a did-you-mean.
    func choice(_ node: Node, _ path: String, _ options: [String]) throws(InputError) -> String {
        let text = try string(node, path)
        guard let match = options.first(where: { $0.lowercased() == text.lowercased() }) else {
            throw error(node, path, value: text, "is not one of \(options.joined(separator: ", "))"
                        + Suggestion.phrase(for: text, in: options))
        }
        return match
    }
}
