import ArgumentParser
import DynamicBooks

/// Parses `YYYY-MM-DD` options of the workspace commands.
enum WorkspaceDay {
    static func parse(_ text: String) throws -> Day {
        guard let day = Day(iso: text) else { throw ValidationError("expected a date YYYY-MM-DD, got \"\(text)\"") }
        return day
    }
}
