/// What an id from outside (an account, rep, owner or parent id) may be: 1 to
/// ``maximumLength`` characters, none of them a control character. The same rule holds for
/// the CSV files, `books route` and the HTTP service, so every id in a workspace prints on one
/// line and fits a terminal table.
public enum IdentifierRule {
    /// The longest id, in characters.
    public static let maximumLength = 200

    /// Why `text` is not a valid id, phrased to follow the value ("is longer than 200
    /// characters"), or `nil` when it is one.
    public static func problem(_ text: String) -> String? {
        if text.isEmpty { return "is empty" }
        if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "contains a control character (a line break, tab or other invisible code)"
        }
        if text.count > maximumLength { return "is longer than \(maximumLength) characters" }
        return nil
    }

    /// `text` as a one-line message may show it: control characters as escapes (`\u{1b}`), and
    /// cut to 60 characters.
    public static func shown(_ text: String) -> String {
        InputError.shorten(text)
    }
}

extension Account {
    /// The first rule of the accounts.csv import this account breaks, as (field, value, problem),
    /// or `nil`: the id, owner and parent are valid ids and the segment, when given, is one of
    /// `policy`'s. Numbers are checked where they are read (``InputLimits``).
    public func importProblem(policy: Policy) -> (field: String, value: String, problem: String)? {
        if let problem = IdentifierRule.problem(id.rawValue) { return ("id", id.rawValue, problem) }
        if let parent = parentID, let problem = IdentifierRule.problem(parent.rawValue) { return ("parent_id", parent.rawValue, problem) }
        if let owner, let problem = IdentifierRule.problem(owner.rawValue) { return ("owner", owner.rawValue, problem) }
        if let segment, !segment.isEmpty, !policy.segments.contains(where: { $0.name.lowercased() == segment.lowercased() }) {
            let names = policy.segments.map(\.name)
            return ("segment", segment, "is not a segment of the policy (\(names.joined(separator: ", ")))"
                + Suggestion.phrase(for: segment, in: names))
        }
        return nil
    }
}
