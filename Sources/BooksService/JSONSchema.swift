import DynamicBooks

/// A JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1): as much of it as the service's
/// bodies need.
///
/// Object properties keep the order they are declared in (a request body's list of allowed
/// fields is read from its schema); the document is written with sorted keys all the same.
struct JSONSchema: Encodable, Sendable, Equatable {
    /// One named property of an object.
    struct Property: Sendable, Equatable {
        var name: String
        var schema: JSONSchema
    }

    /// The JSON types the value may have (`null` among them when it is nullable).
    var types: [String] = []
    var description: String?
    var properties: [Property] = []
    var required: [String] = []
    /// `false` for an object with no keys but its properties; nil when others are allowed.
    var additionalProperties: Bool?
    /// The schema of every value of an object used as a map (`additionalProperties`).
    var values: [JSONSchema] = []
    /// The schema of every element of an array.
    var items: [JSONSchema] = []
    var allowed: [String] = []
    var format: String?
    var minimum: Double?
    var maximum: Double?
    var minLength: Int?
    var maxLength: Int?
    var pattern: String?
    /// A reference to a named schema of the document's components.
    var reference: String?

    static let string = JSONSchema(types: ["string"])
    static let number = JSONSchema(types: ["number"])
    static let integer = JSONSchema(types: ["integer"])
    static let boolean = JSONSchema(types: ["boolean"])
    /// A string with a character other than white space.
    static let nonBlank = JSONSchema(types: ["string"], pattern: #"\S"#)
    /// An id (``IdentifierRule``) as a request may send it: 1 to ``IdentifierRule/maximumLength``
    /// characters, no control character (Unicode's Cc: U+0000–U+001F, U+007F–U+009F), not all
    /// blank; spaces and tabs around it are trimmed.
    static let identifier = JSONSchema(types: ["string"], minLength: 1, maxLength: IdentifierRule.maximumLength,
                                       pattern: "^[\(blank)]*[^\(control)]*[^\(blank)\(control)][^\(control)]*[\(blank)]*(?![\\s\\S])")
    /// An optional id: an id, or blank (read as absent).
    static let optionalIdentifier = JSONSchema(types: ["string"], maxLength: IdentifierRule.maximumLength,
                                               pattern: "^[\(blank)]*([^\(control)]*[^\(blank)\(control)][^\(control)]*[\(blank)]*)?(?![\\s\\S])")
    /// What the service trims around a field (Foundation's `.whitespaces`: tab and Unicode's Zs), as a regex class.
    private static let blank = #"\t\u0020\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000"#
    /// Unicode's control characters (Cc), as a regex class.
    private static let control = #"\u0000-\u001F\u007F-\u009F"#

    // Patterns end in `(?![\s\S])`, not `$`: ICU's and Python's `$` also match before a final
    // line break, which the service refuses.

    /// A day, `YYYY-MM-DD`.
    static let date = JSONSchema(types: ["string"], format: "date")
    /// A day read from a request: within ``Day/inputRange``, 1900-01-01 to 9899-12-31.
    static let inputDate = JSONSchema(types: ["string"], format: "date",
                                      pattern: #"^(19[0-9]{2}|[2-8][0-9]{3}|9[0-8][0-9]{2})-[0-9]{2}-[0-9]{2}(?![\s\S])"#)

    /// A string of one of `values`.
    static func string(oneOf values: [String]) -> JSONSchema { JSONSchema(types: ["string"], allowed: values) }

    /// A number within `range`.
    static func number(in range: ClosedRange<Double>) -> JSONSchema {
        JSONSchema(types: ["number"], minimum: range.lowerBound, maximum: range.upperBound)
    }

    /// An object with exactly `properties`, the `required` ones always present.
    static func object(_ properties: KeyValuePairs<String, JSONSchema>, required: [String] = []) -> JSONSchema {
        JSONSchema(types: ["object"], properties: properties.map { Property(name: $0.key, schema: $0.value) },
                   required: required, additionalProperties: false)
    }

    /// An object whose keys are free and whose values are `values`.
    static func map(of values: JSONSchema) -> JSONSchema { JSONSchema(types: ["object"], values: [values]) }

    static func array(of items: JSONSchema) -> JSONSchema { JSONSchema(types: ["array"], items: [items]) }

    /// The components' schema `name`.
    static func named(_ name: String) -> JSONSchema { JSONSchema(reference: "#/components/schemas/\(name)") }

    /// The same schema, `null` allowed too.
    var orNull: JSONSchema {
        var schema = self
        schema.types.append("null")
        return schema
    }

    /// The same schema with a description.
    func described(_ text: String) -> JSONSchema {
        var schema = self
        schema.description = text
        return schema
    }

    /// The names of the object's properties, in declaration order.
    var propertyNames: [String] { properties.map(\.name) }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Writes the schema's keywords, omitting those it does not use.
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        if let reference { try c.encode(reference, forKey: Key("$ref")) }
        if types.count == 1 { try c.encode(types[0], forKey: Key("type")) } else if !types.isEmpty { try c.encode(types, forKey: Key("type")) }
        try c.encodeIfPresent(description, forKey: Key("description"))
        if !properties.isEmpty || additionalProperties == false {
            var nested = c.nestedContainer(keyedBy: Key.self, forKey: Key("properties"))
            for property in properties { try nested.encode(property.schema, forKey: Key(property.name)) }
        }
        if !required.isEmpty { try c.encode(required, forKey: Key("required")) }
        try c.encodeIfPresent(additionalProperties, forKey: Key("additionalProperties"))
        if let value = values.first { try c.encode(value, forKey: Key("additionalProperties")) }
        if let item = items.first { try c.encode(item, forKey: Key("items")) }
        if !allowed.isEmpty { try c.encode(types.contains("null") ? allowed.map(Optional.some) + [nil] : allowed.map(Optional.some), forKey: Key("enum")) }
        try c.encodeIfPresent(format, forKey: Key("format"))
        try c.encodeIfPresent(minimum, forKey: Key("minimum"))
        try c.encodeIfPresent(maximum, forKey: Key("maximum"))
        try c.encodeIfPresent(minLength, forKey: Key("minLength"))
        try c.encodeIfPresent(maxLength, forKey: Key("maxLength"))
        try c.encodeIfPresent(pattern, forKey: Key("pattern"))
    }
}
