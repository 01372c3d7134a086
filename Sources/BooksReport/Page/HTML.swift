/// A small HTML tree that escapes everything it is given.
///
/// Text and attribute values are always escaped when rendered, so data from a CRM (an account
/// named `<script>`) shows as text. Only ``raw(_:)`` passes markup through; the report uses it
/// for SVG that the chart module built with the same escaping.
public indirect enum HTML: Sendable, Equatable {
    /// An element with attributes (in the given order) and children.
    case element(String, attributes: [Attribute], children: [HTML])
    /// Text, escaped when rendered.
    case text(String)
    /// Markup passed through as is (trusted, already escaped).
    case raw(String)

    /// One `name="value"` pair; a `nil` value renders as a bare boolean attribute (`checked`).
    public struct Attribute: Sendable, Equatable {
        public var name: String
        public var value: String?
        public init(_ name: String, _ value: String?) { self.name = name; self.value = value }
    }

    /// Elements that have no end tag.
    static let voidElements: Set<String> = ["br", "hr", "img", "input", "meta", "link", "col", "wbr"]

    /// The markup of this node.
    public func render() -> String {
        var out = ""
        render(into: &out)
        return out
    }

    func render(into out: inout String) {
        switch self {
        case .text(let text):
            out += Escape.text(text)
        case .raw(let markup):
            out += markup
        case let .element(name, attributes, children):
            out += "<" + name
            for attribute in attributes {
                out += " " + attribute.name
                if let value = attribute.value { out += "=\"" + Escape.attribute(value) + "\"" }
            }
            out += ">"
            if Self.voidElements.contains(name) { return }
            for child in children { child.render(into: &out) }
            out += "</" + name + ">"
        }
    }
}

extension HTML {
    /// `<name attributes…>children…</name>`.
    public static func el(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], _ children: [HTML] = []) -> HTML {
        .element(name, attributes: attributes.map { Attribute($0.key, $0.value) }, children: children)
    }

    /// `<name attributes…>text</name>`.
    public static func el(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], text: String) -> HTML {
        .element(name, attributes: attributes.map { Attribute($0.key, $0.value) }, children: [.text(text)])
    }
}

/// HTML and XML escaping (the same rules serve the page and its inline SVG).
public enum Escape {
    /// Escapes `&`, `<` and `>` for element content.
    public static func text(_ text: String) -> String {
        guard text.contains(where: { $0 == "&" || $0 == "<" || $0 == ">" }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(c)
            }
        }
        return out
    }

    /// Escapes `&`, `<`, `>`, `"` and `'` for a quoted attribute value.
    public static func attribute(_ text: String) -> String {
        guard text.contains(where: { $0 == "&" || $0 == "<" || $0 == ">" || $0 == "\"" || $0 == "'" }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}
