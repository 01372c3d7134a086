/// Which column of a CSV file holds which standard field, and which columns are attributes.
///
/// Headers are matched ignoring case, spaces and underscores (``HeaderName``); a header that
/// names no standard field is an attribute, keyed by the header as written.
struct CSVLayout<Column: RawRepresentable & CaseIterable & Hashable & Sendable>: Sendable where Column.RawValue == String {
    /// Column index of each standard field present.
    private(set) var index: [Column: Int] = [:]
    /// Attribute columns: index and header as written, in file order.
    private(set) var attributes: [(index: Int, name: String)] = []

    /// - Throws: ``InputError`` for a missing required column or two columns naming one field.
    init(_ source: CSVSource, known: [String: Column], required: [Column]) throws(InputError) {
        var seen: [String: Int] = [:]
        for (i, name) in source.header.enumerated() {
            let key = HeaderName.normalized(name)
            if key.isEmpty {
                // An unnamed column: tolerated only if it stays empty (checked per row by width).
                continue
            }
            if let first = seen[key] {
                throw InputError(file: source.name, line: source.headerLine, column: i + 1, columnName: name,
                                 problem: "duplicate column: column \(first + 1) (\(source.header[first])) has the same name")
            }
            seen[key] = i
            if let column = known[key] {
                index[column] = i
            } else {
                attributes.append((i, name))
            }
        }
        for column in required where index[column] == nil {
            var problem = "missing required column \"\(column.rawValue)\""
            if let near = Suggestion.closest(to: HeaderName.normalized(column.rawValue),
                                             in: attributes.map { HeaderName.normalized($0.name) }),
               let header = attributes.first(where: { HeaderName.normalized($0.name) == near })?.name {
                problem += " (is \"\(header)\" meant to be it?)"
            }
            throw InputError(file: source.name, line: source.headerLine, problem: problem)
        }
    }

    subscript(_ column: Column) -> Int? { index[column] }
}
