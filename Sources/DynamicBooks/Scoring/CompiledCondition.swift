/// A ``Condition`` compiled against the fields it reads: each clause refers to a slot in the
/// per-account field table the ``Scorer`` fills once per account.
struct CompiledCondition: Sendable {
    struct CompiledClause: Sendable {
        var slot: Int
        var test: Test
    }

    enum Test: Sendable {
        /// Case-insensitive text match, or numeric equality when both sides are numbers.
        case oneOf(texts: [String], numbers: [Double])
        case range(low: Double, high: Double, lowInclusive: Bool, highInclusive: Bool)
        case flag(Bool)
    }

    var clauses: [CompiledClause]

    init(_ condition: Condition, slot: (String) -> Int) {
        clauses = condition.clauses.map { clause in
            let test: Test
            switch clause.test {
            case let .oneOf(values): test = .oneOf(texts: values, numbers: values.compactMap(FieldReader.number))
            case let .between(low, high): test = .range(low: low, high: high, lowInclusive: true, highInclusive: true)
            case let .greaterOrEqual(x): test = .range(low: x, high: .infinity, lowInclusive: true, highInclusive: true)
            case let .greater(x): test = .range(low: x, high: .infinity, lowInclusive: false, highInclusive: true)
            case let .lessOrEqual(x): test = .range(low: -.infinity, high: x, lowInclusive: true, highInclusive: true)
            case let .less(x): test = .range(low: -.infinity, high: x, lowInclusive: true, highInclusive: false)
            case let .equalsBool(flag): test = .flag(flag)
            }
            return CompiledClause(slot: slot(clause.field), test: test)
        }
    }

    /// Whether every clause holds for the account whose field values are `values`.
    @inline(__always)
    func matches(_ values: UnsafeBufferPointer<FieldValue>) -> Bool {
        for clause in clauses where !CompiledCondition.holds(clause.test, values[clause.slot]) { return false }
        return true
    }

    static func holds(_ test: Test, _ value: FieldValue) -> Bool {
        switch test {
        case let .oneOf(texts, numbers):
            if let number = value.number, numbers.contains(number) { return true }
            guard let text = value.text, !text.isEmpty else { return false }
            return texts.contains { equalsIgnoringCase($0, text) }
        case let .range(low, high, lowInclusive, highInclusive):
            guard let x = value.number else { return false }
            return (lowInclusive ? x >= low : x > low) && (highInclusive ? x <= high : x < high)
        case let .flag(expected):
            guard let flag = value.flag else { return false }
            return flag == expected
        }
    }

    /// Case-insensitive equality without allocating for ASCII text.
    static func equalsIgnoringCase(_ a: String, _ b: String) -> Bool {
        var ia = a.utf8.makeIterator(), ib = b.utf8.makeIterator()
        while true {
            switch (ia.next(), ib.next()) {
            case (nil, nil): return true
            case let (x?, y?):
                if x == y { continue }
                if x >= 0x80 || y >= 0x80 { return a.lowercased() == b.lowercased() }
                if (x | 0x20) != (y | 0x20) || !((x | 0x20) >= 0x61 && (x | 0x20) <= 0x7A) { return false }
            default: return false
            }
        }
    }
}
