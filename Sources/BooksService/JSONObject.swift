import Foundation

/// A JSON value, decoded strictly: `true` is a boolean, never the number 1.
enum JSONValue: Decodable, Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null; return }
        if let value = try? container.decode(Bool.self) { self = .bool(value); return }
        if let value = try? container.decode(Double.self) { self = .number(value); return }
        if let value = try? container.decode(String.self) { self = .string(value); return }
        if let value = try? container.decode([JSONValue].self) { self = .array(value); return }
        self = .object(try container.decode([String: JSONValue].self))
    }

    /// What a client would call this value in a message.
    var kind: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// A request body that must be one JSON object with known fields of known types.
///
/// Every accessor throws an ``APIError`` that names the field and says what was expected, and
/// ``init(_:allowed:)`` refuses unknown fields, so a misspelt field is an error rather than
/// silently ignored.
struct JSONObject {
    let fields: [String: JSONValue]

    /// Parses `body` and checks its field names against `allowed`.
    /// - Throws: ``APIError`` `malformed_json` (not JSON, or not an object) or `unknown_field`.
    init(_ body: Data, allowed: [String]) throws {
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: body)
        } catch let DecodingError.dataCorrupted(context) {
            throw APIError.malformedJSON(Self.reason(context))
        } catch {
            throw APIError.malformedJSON("\(error)")
        }
        guard case let .object(fields) = value else {
            throw APIError.malformedJSON("expected a JSON object, got \(value.kind)")
        }
        for key in fields.keys.sorted() where !allowed.contains(key) {
            throw APIError.unknownField(key, allowed: allowed)
        }
        self.fields = fields
    }

    private static func reason(_ context: DecodingError.Context) -> String {
        if let underlying = context.underlyingError as NSError?,
           let detail = underlying.userInfo[NSDebugDescriptionErrorKey] as? String {
            return detail
        }
        return context.debugDescription
    }

    /// Field names present, besides `except`.
    func present(except: Set<String>) -> [String] { fields.keys.filter { !except.contains($0) }.sorted() }

    func string(_ key: String) throws -> String? {
        switch fields[key] {
        case nil, .null?: return nil
        case let .string(text)?: return text
        case let other?: throw APIError.invalidField(key, "expected a string, got \(other.kind)")
        }
    }

    /// A string that must be present and not blank.
    func requiredString(_ key: String) throws -> String {
        guard let text = try string(key) else { throw APIError.missingField(key) }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw APIError.invalidField(key, "must not be empty") }
        return trimmed
    }

    /// A string field, empty strings read as absent.
    func optionalText(_ key: String) throws -> String? {
        guard let text = try string(key)?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        return text
    }

    func number(_ key: String, in range: ClosedRange<Double>? = nil) throws -> Double? {
        switch fields[key] {
        case nil, .null?: return nil
        case let .number(value)?:
            guard value.isFinite else { throw APIError.invalidField(key, "expected a finite number") }
            if let range, !range.contains(value) {
                throw APIError.invalidField(key, "\(value) is outside \(range.lowerBound)…\(range.upperBound)")
            }
            return value
        case let other?: throw APIError.invalidField(key, "expected a number, got \(other.kind)")
        }
    }

    func bool(_ key: String) throws -> Bool? {
        switch fields[key] {
        case nil, .null?: return nil
        case let .bool(value)?: return value
        case let other?: throw APIError.invalidField(key, "expected true or false, got \(other.kind)")
        }
    }

    /// An object of scalar values, as text (numbers without a trailing `.0` when whole).
    func attributes(_ key: String) throws -> [String: String] {
        switch fields[key] {
        case nil, .null?: return [:]
        case let .object(values)?:
            var out: [String: String] = [:]
            for (name, value) in values {
                switch value {
                case let .string(text): out[name] = text
                case let .number(x): out[name] = x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
                case let .bool(b): out[name] = b ? "true" : "false"
                case .null: continue
                default: throw APIError.invalidField("\(key).\(name)", "expected a string, number or boolean, got \(value.kind)")
                }
            }
            return out
        case let other?: throw APIError.invalidField(key, "expected an object, got \(other.kind)")
        }
    }
}
