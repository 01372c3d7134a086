import Foundation

/// The id of an account, as in the CRM.
public struct AccountID: RawRepresentable, Hashable, Comparable, Codable, Sendable,
                         ExpressibleByStringLiteral, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    public init(from decoder: Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: Encoder) throws { var c = encoder.singleValueContainer(); try c.encode(rawValue) }
}

/// The id of a sales rep.
public struct RepID: RawRepresentable, Hashable, Comparable, Codable, Sendable,
                     ExpressibleByStringLiteral, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    public init(from decoder: Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: Encoder) throws { var c = encoder.singleValueContainer(); try c.encode(rawValue) }
}

/// A calendar day (no time, no time zone), stored as days since 1970-01-01.
///
/// Every date in DynamicBooks is a day: holds, rests and coverage windows count whole days, and
/// a day has one ISO 8601 spelling, so outputs are byte-identical wherever they are produced.
///
/// Every day DynamicBooks writes has a four-digit year: arithmetic (`day + n`, `day - n`)
/// saturates at ``earliest`` and ``latest``, and dates read from input must lie in
/// ``inputRange``, so a date plus the longest period a policy may name (``InputLimits/days``)
/// still has four digits.
public struct Day: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public var daysSinceEpoch: Int

    public init(daysSinceEpoch: Int) { self.daysSinceEpoch = daysSinceEpoch }

    /// 0000-01-01, the first day with a four-digit year.
    public static let earliest = Day(year: 0, month: 1, day: 1)
    /// 9999-12-31, the last day with a four-digit year.
    public static let latest = Day(year: 9999, month: 12, day: 31)
    /// The days accepted from input (files, `--as-of`, HTTP bodies): 1900-01-01 to 9899-12-31.
    /// The upper end leaves room for the longest period a policy may name (100 years).
    public static let inputRange = Day(year: 1900, month: 1, day: 1) ... Day(year: 9899, month: 12, day: 31)

    /// The day `daysSinceEpoch` brought within ``earliest`` ... ``latest``.
    public static func clamped(_ daysSinceEpoch: Int) -> Day {
        Day(daysSinceEpoch: min(max(daysSinceEpoch, earliest.daysSinceEpoch), latest.daysSinceEpoch))
    }

    /// Why a day outside ``inputRange`` is refused, phrased to follow the value.
    public static let outOfInputRange = "is outside the allowed dates 1900-01-01 to 9899-12-31"

    /// Whether the day may come from input (see ``inputRange``).
    public var isInInputRange: Bool { Day.inputRange.contains(self) }

    /// Creates a day from its proleptic Gregorian year, month and day (no validation of the ranges).
    public init(year: Int, month: Int, day: Int) {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        daysSinceEpoch = era * 146097 + doe - 719468
    }

    /// Parses `YYYY-MM-DD` (a time part after `T` or a space is ignored). Returns nil for anything else.
    public init?(iso text: some StringProtocol) {
        let bytes = Array(text.utf8.prefix(10))
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        if text.utf8.count > 10 {
            let next = text.utf8[text.utf8.index(text.utf8.startIndex, offsetBy: 10)]
            guard next == UInt8(ascii: "T") || next == UInt8(ascii: " ") else { return nil }
        }
        func number(_ range: Range<Int>) -> Int? {
            var n = 0
            for i in range {
                let d = Int(bytes[i]) - 48
                guard d >= 0 && d <= 9 else { return nil }
                n = n * 10 + d
            }
            return n
        }
        guard let y = number(0 ..< 4), let m = number(5 ..< 7), let d = number(8 ..< 10),
              (1 ... 12).contains(m), d >= 1, d <= Day.daysIn(month: m, year: y) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// ``latest`` for a date whose year has five or more digits (`YYYYY-MM-DD`), else `nil`.
    ///
    /// Versions before days were kept within four-digit years could write such a date; reading
    /// it as the last representable day keeps what they wrote readable.
    package init?(beyondFourDigitYears text: String) {
        let bytes = Array(text.utf8)
        guard let dash = bytes.firstIndex(of: UInt8(ascii: "-")), dash >= 5, bytes[0] != UInt8(ascii: "0"),
              bytes[..<dash].allSatisfy({ (UInt8(ascii: "0") ... UInt8(ascii: "9")).contains($0) }),
              Day(iso: "2000" + String(decoding: bytes[dash...], as: UTF8.self)) != nil else { return nil }
        self = .latest
    }

    /// The day of `date` in UTC.
    public init(_ date: Date) {
        let days = (date.timeIntervalSince1970 / 86_400).rounded(.down)
        daysSinceEpoch = days.isFinite ? Int(min(max(days, -1e15), 1e15)) : 0
    }

    /// Today in UTC.
    public static var today: Day { Day(Date()) }

    /// Year, month and day.
    public var components: (year: Int, month: Int, day: Int) {
        // Howard Hinnant's civil_from_days.
        let z = daysSinceEpoch + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// ISO 8601, `YYYY-MM-DD`.
    public var description: String {
        let (y, m, d) = Day.clamped(daysSinceEpoch).components
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n); return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    public static func < (a: Day, b: Day) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }
    /// `days` later, saturating at ``earliest`` and ``latest``.
    public static func + (a: Day, days: Int) -> Day {
        let (sum, overflow) = a.daysSinceEpoch.addingReportingOverflow(days)
        return clamped(overflow ? (days > 0 ? Int.max : Int.min) : sum)
    }
    /// `days` earlier, saturating at ``earliest`` and ``latest``.
    public static func - (a: Day, days: Int) -> Day {
        let (difference, overflow) = a.daysSinceEpoch.subtractingReportingOverflow(days)
        return clamped(overflow ? (days > 0 ? Int.min : Int.max) : difference)
    }
    /// Whole days from `b` to `a`.
    public static func - (a: Day, b: Day) -> Int {
        let (difference, overflow) = a.daysSinceEpoch.subtractingReportingOverflow(b.daysSinceEpoch)
        return overflow ? (a > b ? Int.max : Int.min) : difference
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = Day(iso: text) ?? Day(beyondFourDigitYears: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "expected a date YYYY-MM-DD, got \"\(text)\""))
        }
        self = day
    }
    public func encode(to encoder: Encoder) throws { var c = encoder.singleValueContainer(); try c.encode(description) }
}
