import Foundation
import Yams

/// Reads `policy.yaml` into a ``Policy`` (SPEC §2).
///
/// Every key has a default, so an empty file (or a missing section) means ``Policy()``'s values.
/// A section that is given replaces the default wholesale for maps (`segments`, `theaters`,
/// `capacity`, `returns.reasons`) and key by key for settings. The segment, theater and capacity
/// maps keep the file's order. Unknown keys are rejected with a did-you-mean; wrong types and
/// invalid YAML give one line naming the file, line and column:
///
///     policy.yaml:14:3: unknown key "fairnes" in assignment (did you mean "fairness"?)
///     policy.yaml:7:12 (assignment.fairness.band): "high" is not a number
public enum PolicyLoader {
    /// A field named by a scoring rule, signal or exclusion, with where it was written, so that
    /// fields the accounts do not have can be reported at their place in the policy.
    public struct FieldReference: Sendable, Hashable {
        public var field: String
        public var line: Int
        public var column: Int
    }

    /// Loads the policy file at `path`; `name` is how messages call it (default: `path`).
    public static func load(path: String, name: String? = nil) throws(InputError) -> Policy {
        try loadWithReferences(path: path, name: name).policy
    }

    /// Parses policy YAML text; `name` is how messages call the file.
    public static func parse(_ text: String, name: String = "policy.yaml") throws(InputError) -> Policy {
        try parseWithReferences(text, name: name).policy
    }

    static func loadWithReferences(path: String, name: String?) throws(InputError)
        -> (policy: Policy, fields: [FieldReference]) {
        let name = name ?? path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(file: name, problem: "no such file")
        }
        guard !isDirectory.boolValue else { throw InputError(file: name, problem: "is a directory, expected a YAML file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: name, problem: "cannot be read (check its permissions)")
        }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let bad = CSVSource.firstInvalidUTF8(bytes, from: 0) {
            throw InputError(file: name, line: CSVSource.line(of: bad, in: bytes), problem: "is not valid UTF-8 text")
        }
        return try parseWithReferences(String(decoding: bytes, as: UTF8.self), name: name)
    }

    static func parseWithReferences(_ text: String, name: String) throws(InputError)
        -> (policy: Policy, fields: [FieldReference]) {
        if text.unicodeScalars.contains(where: { $0.value == 0 }) {
            throw InputError(file: name, problem: "contains a NUL character; is it a text file?")
        }
        try PolicyTextGuard.check(text, file: name)
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw InputError.yaml(error, file: name)
        } catch {
            throw InputError(file: name, problem: "invalid YAML: \(error)")
        }
        var reader = PolicyReader(file: name)
        let policy = try reader.policy(root)
        return (policy, reader.fields)
    }
}

extension InputError {
    /// One line for a Yams parse error.
    static func yaml(_ error: YamlError, file: String) -> InputError {
        func clean(_ text: String) -> String {
            text.replacingNewlines().trimmingCharacters(in: .whitespaces)
        }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            var message = "invalid YAML: \(clean(problem))"
            if let context { message += " (\(clean(context.text)) at line \(context.mark.line))" }
            return InputError(file: file, line: mark.line, column: mark.column, problem: message)
        case let .reader(problem, offset, _, yaml):
            let line = offset.map { o in yaml.prefix(o).reduce(1) { $1 == "\n" ? $0 + 1 : $0 } }
            return InputError(file: file, line: line, problem: "cannot be read as YAML: \(clean(problem))")
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
            return InputError(file: file, line: context.mark.line, column: context.mark.column,
                              problem: "duplicate key \(keys) in one mapping")
        case .dataCouldNotBeDecoded:
            return InputError(file: file, problem: "is not valid UTF-8 text")
        default:
            return InputError(file: file, problem: "invalid YAML")
        }
    }
}
