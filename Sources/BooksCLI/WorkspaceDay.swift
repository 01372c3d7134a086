import ArgumentParser
import DynamicBooks

/// Parses `YYYY-MM-DD` options given with `transform:`: a date within ``Day/inputRange``, so
/// that no day computed from it leaves four-digit years.
enum WorkspaceDay {
    static func parse(_ text: String) throws -> Day {
        guard let day = Day(iso: text) else { throw ValidationError("expected a date YYYY-MM-DD, got \"\(text)\"") }
        guard day.isInInputRange else { throw ValidationError("\"\(text)\" \(Day.outOfInputRange)") }
        return day
    }
}
