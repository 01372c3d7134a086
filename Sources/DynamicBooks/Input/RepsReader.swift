/// Reads `reps.csv` (SPEC §2).
enum RepsReader {
    /// - Parameter policy: every rep's segment must be one of the policy's.
    /// - Returns: the reps in file order, the line each starts on, the theaters column, and the
    ///   attribute columns as written.
    /// - Throws: ``InputError`` for the first bad value, a duplicate id, or a file with no reps.
    static func read(_ source: CSVSource, policy: Policy) throws(InputError)
        -> (reps: [Rep], lines: [Int], theatersColumn: Int?, attributeColumns: [String]) {
        let layout = try CSVLayout<RepColumn>(source, known: RepColumn.byNormalizedName, required: [.id, .segment])
        let f = FieldReader(source)
        let segments = Dictionary(policy.segments.map { ($0.name.lowercased(), $0.name) }, uniquingKeysWith: { a, _ in a })
        let segmentList = policy.segments.map(\.name).joined(separator: ", ")
        let attributes = layout.attributes
        let c = (id: layout[.id] ?? 0, name: layout[.name], segment: layout[.segment] ?? 0, theaters: layout[.theaters],
                 capacity: layout[.capacity], ramp: layout[.ramp], specialties: layout[.specialties],
                 unavailable: layout[.unavailableUntil], weight: layout[.routingWeight],
                 start: layout[.startDate], end: layout[.endDate], status: layout[.status])

        let (reps, lines) = try source.mapRows { (row) throws(InputError) -> Rep in
            try f.checkWidth(row)
            let id = f.text(row, c.id)
            guard !id.isEmpty else { throw f.error(row, c.id, nil, "the id is empty") }
            if let problem = IdentifierRule.problem(id) { throw f.error(row, c.id, id, problem) }
            let segmentText = f.text(row, c.segment)
            guard !segmentText.isEmpty else { throw f.error(row, c.segment, nil, "the segment is empty (every rep sells to one segment)") }
            guard let segment = segments[segmentText.lowercased()] else {
                throw f.error(row, c.segment, segmentText, "is not a segment of the policy (\(segmentList))"
                              + Suggestion.phrase(for: segmentText, in: policy.segments.map(\.name)))
            }
            var rep = Rep(id: RepID(id), name: f.text(row, c.name), segment: segment)
            rep.theaters = f.list(row, c.theaters)
            rep.capacity = try f.number(row, c.capacity, in: InputLimits.capacity)
            if rep.capacity == nil && policy.capacity[segment] == nil {
                throw f.error(row, c.capacity ?? c.segment, nil,
                              "rep \(id) has no capacity and the policy has no capacity model for segment \(segment) (give one in reps.csv or under capacity: in the policy)")
            }
            if let ramp = try f.number(row, c.ramp), let column = c.ramp {
                guard (0 ... 1).contains(ramp) else { throw f.error(row, column, f.text(row, column), "is outside 0–1") }
                rep.ramp = ramp
            }
            rep.specialties = f.list(row, c.specialties)
            rep.unavailableUntil = try f.day(row, c.unavailable)
            if let weight = try f.number(row, c.weight, in: InputLimits.routingWeight) { rep.routingWeight = weight }
            rep.startDate = try f.day(row, c.start)
            rep.endDate = try f.day(row, c.end)
            if let start = rep.startDate, let end = rep.endDate, let column = c.end, end <= start {
                throw f.error(row, column, f.text(row, column), "is not after start_date \(start)")
            }
            if let status = f.optionalText(row, c.status), let column = c.status {
                guard let known = RepStatus(rawValue: status.lowercased()) else {
                    throw f.error(row, column, status, "is not a rep status (active, leave, departed)")
                }
                rep.status = known
            }
            if !attributes.isEmpty {
                var values: [String: String] = [:]
                for attribute in attributes {
                    let value = f.text(row, attribute.index)
                    if !value.isEmpty { values[attribute.name] = value }
                }
                rep.attributes = values
            }
            return rep
        }
        guard !reps.isEmpty else { throw InputError(file: source.name, problem: "has no reps after the header") }
        var lineOf: [RepID: Int] = [:]
        for (rep, line) in zip(reps, lines) {
            if let first = lineOf.updateValue(line, forKey: rep.id) {
                throw InputError(file: source.name, line: line, column: c.id + 1, columnName: source.header[c.id],
                                 value: rep.id.rawValue, problem: "is a duplicate id (first on line \(first))")
            }
        }
        return (reps, lines, c.theaters, attributes.map(\.name))
    }
}
