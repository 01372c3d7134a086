import ArgumentParser
import DynamicBooks

/// Parses `YYYY-MM-DD` options given with `transform:` (the same rule as `Day: ExpressibleByArgument`).
enum WorkspaceDay {
    static func parse(_ text: String) throws -> Day {
        guard let day = Day(iso: text) else { throw ValidationError("expected a date YYYY-MM-DD, got \"\(text)\"") }
        return day
    }
}
