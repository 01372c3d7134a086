import Foundation

/// Reads the body rows of a table out of HTML (the report's own, or Chromium's serialised DOM).
enum HTMLTables {
    /// Cell texts of every `<tbody>` row of the table with `id`, entities decoded, tags removed;
    /// `nil` when there is no such table.
    static func rows(of id: String, in html: String) -> [[String]]? {
        guard let start = html.range(of: "<table id=\"\(id)\"") else { return nil }
        let rest = html[start.upperBound...]
        guard let end = rest.range(of: "</tbody>"), let body = rest[..<end.lowerBound].range(of: "<tbody>") else { return [] }
        let table = String(rest[body.upperBound ..< end.lowerBound])
        let cell = try? NSRegularExpression(pattern: "<t[hd][^>]*>(.*?)</t[hd]>", options: [.dotMatchesLineSeparators])
        return table.components(separatedBy: "<tr").dropFirst().map { row in
            let ns = row as NSString
            return (cell?.matches(in: row, range: NSRange(location: 0, length: ns.length)) ?? []).map {
                decode(stripTags(ns.substring(with: $0.range(at: 1))))
            }
        }
    }

    /// The column headings of the table with `id`.
    static func header(of id: String, in html: String) -> [String]? {
        guard let start = html.range(of: "<table id=\"\(id)\"") else { return nil }
        let rest = html[start.upperBound...]
        guard let end = rest.range(of: "</thead>") else { return [] }
        return texts(of: "th", in: String(rest[..<end.lowerBound]))
    }

    /// Body rows as dictionaries from column heading to cell text.
    static func records(of id: String, in html: String) -> [[String: String]]? {
        guard let header = header(of: id, in: html), let rows = rows(of: id, in: html) else { return nil }
        return rows.map { Dictionary(zip(header, $0).map { ($0, $1) }, uniquingKeysWith: { a, _ in a }) }
    }

    static func stripTags(_ text: String) -> String {
        text.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
    }

    /// `&lt;` `&gt;` `&quot;` `&#39;` `&amp;` back to characters.
    static func decode(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&nbsp;", with: "\u{A0}").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The texts of every element `name` (e.g. all `h3` headings).
    static func texts(of name: String, in html: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: "<\(name)(?:\\s[^>]*)?>(.*?)</\(name)>", options: [.dotMatchesLineSeparators]) else { return [] }
        let ns = html as NSString
        return regex.matches(in: html, range: NSRange(location: 0, length: ns.length)).map {
            decode(stripTags(ns.substring(with: $0.range(at: 1))))
        }
    }

    /// The values of attribute `attribute` on every element `name`.
    static func attributes(_ attribute: String, of name: String, in html: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: "<\(name)\\s[^>]*\(attribute)=\"([^\"]*)\"") else { return [] }
        let ns = html as NSString
        return regex.matches(in: html, range: NSRange(location: 0, length: ns.length)).map { decode(ns.substring(with: $0.range(at: 1))) }
    }
}
