import Foundation

/// One fuzz target's executions: how many to run, how many inputs loaded or were refused, and
/// the slowest execution.
///
/// A test runs `base` executions, a few seconds for the whole suite. `BOOKS_FUZZ_SCALE=N`
/// multiplies every count (`benchmarks/fuzz/run.sh` runs ≥ 100,000 executions that way), and
/// `BOOKS_FUZZ_REPORT=FILE` makes each target append one line to FILE:
/// `target executions accepted rejected slowest_ms over_1s total_s`. The report is measurement only:
/// no test verdict depends on time.
public struct FuzzRun: Sendable {
    public let target: String
    public let iterations: Int
    public private(set) var accepted = 0
    public private(set) var rejected = 0
    public private(set) var slowest: Duration = .zero
    public private(set) var overOneSecond = 0
    public private(set) var total: Duration = .zero

    public init(_ target: String, base: Int) {
        self.target = target
        let scale = ProcessInfo.processInfo.environment["BOOKS_FUZZ_SCALE"].flatMap { Int($0) } ?? 1
        iterations = base * min(max(1, scale), 100_000)
    }

    /// Runs one execution; its error, or nil when the input was accepted.
    @discardableResult
    public mutating func execute(_ body: () throws -> Void) -> Error? {
        let start = ContinuousClock.now
        var failure: Error?
        do { try body() } catch { failure = error }
        record(ContinuousClock.now - start, accepted: failure == nil)
        return failure
    }

    /// Records one execution measured by the caller (an HTTP exchange, say).
    public mutating func record(_ elapsed: Duration, accepted: Bool) {
        slowest = max(slowest, elapsed)
        total += elapsed
        if elapsed > .seconds(1) { overOneSecond += 1 }
        if accepted { self.accepted += 1 } else { rejected += 1 }
    }

    /// Appends this target's line to `BOOKS_FUZZ_REPORT`, when set.
    public func report() {
        guard let path = ProcessInfo.processInfo.environment["BOOKS_FUZZ_REPORT"] else { return }
        func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
        let line = "\(target) \(accepted + rejected) \(accepted) \(rejected) \(String(format: "%.1f", seconds(slowest) * 1000))"
            + " \(overOneSecond) \(String(format: "%.2f", seconds(total)))\n"
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        guard fd >= 0 else { return }
        _ = line.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count - 1) }
        close(fd)
    }
}
