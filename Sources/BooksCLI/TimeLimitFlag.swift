import ArgumentParser
import DynamicBooks

/// `--time-limit SECONDS`, checked against ``InputLimits/timeLimitSeconds`` (at most one week)
/// before any solver turns it into a deadline.
enum TimeLimitFlag {
    static func validate(_ seconds: Double?) throws {
        guard let seconds else { return }
        guard seconds.isFinite, InputLimits.timeLimitSeconds.contains(seconds) else {
            throw ValidationError("--time-limit must be a number of seconds in \(InputLimits.phrase(InputLimits.timeLimitSeconds)) (one week at most), got \(seconds)")
        }
    }
}
