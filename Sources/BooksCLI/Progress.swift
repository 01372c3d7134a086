import ArgumentParser
import AssignmentEngine
import Foundation

extension OutputOptions {
    /// Progress on stderr when it is a terminal and `--quiet` is not given.
    func progress() -> Progress { Progress.terminal(quiet: quiet) }
}

/// Progress of long steps on the terminal: a live status line on stderr for every step that
/// runs longer than ``delay`` (loading, scoring, solving component by component with the gap,
/// writing), and a closing line with the step's time.
///
/// Quiet — nothing written at all — when stderr is not a terminal (`isatty`) or with `--quiet`,
/// so piped output and log files stay clean. Steps that finish within ``delay`` leave no trace.
///
/// ```swift
/// let progress = options.progress()
/// let data = try progress.step("Loading workspace") { try ReportData(workspace: workspace) }
/// ```
final class Progress: @unchecked Sendable {
    /// Steps shorter than this show nothing.
    static let delay: Duration = .milliseconds(700)
    /// How often the live line is redrawn.
    static let interval: Duration = .milliseconds(250)

    private let enabled: Bool
    private let write: @Sendable (String) -> Void
    private let lock = NSLock()
    // Guarded by `lock`.
    private var title: String?
    private var detail = ""
    private var started = ContinuousClock.now
    private var shown = false
    private var generation = 0

    /// - Parameters:
    ///   - enabled: whether anything is written.
    ///   - write: where lines go (stderr on a terminal; a buffer in tests).
    init(enabled: Bool, write: @escaping @Sendable (String) -> Void) {
        self.enabled = enabled
        self.write = write
    }

    /// Progress on stderr, enabled only when stderr is a terminal and `quiet` is false.
    static func terminal(quiet: Bool) -> Progress {
        Progress(enabled: !quiet && isatty(STDERR_FILENO) == 1) { text in
            FileHandle.standardError.write(Data(text.utf8))
        }
    }

    /// Progress that writes nothing.
    static let silent = Progress(enabled: false) { _ in }

    /// Runs `body` as one step called `title`: after ``delay`` a live line shows the title, the
    /// latest ``update(_:)`` and the time so far; at the end a line says how long it took.
    func step<T>(_ title: String, _ body: () throws -> T) rethrows -> T {
        guard enabled else { return try body() }
        let generation: Int = lock.withLock {
            self.title = title; detail = ""; started = .now; shown = false
            self.generation += 1
            return self.generation
        }
        let ticker = Thread { [weak self] in self?.tick(generation) }
        ticker.start()
        defer { finish(generation) }
        return try body()
    }

    /// Sets the detail of the current step's line ("component 3 of 12 · gap 0.10%").
    func update(_ detail: String) {
        guard enabled else { return }
        lock.withLock { self.detail = detail }
    }

    /// An engine observer that keeps the current step's line up to date: components done out of
    /// all, and the largest gap reported so far.
    func solveObserver() -> SolveProgress? {
        guard enabled else { return nil }
        let state = SolveTally()
        return SolveProgress { [weak self] event in
            guard let self else { return }
            self.update(state.record(event))
        }
    }

    private func tick(_ generation: Int) {
        while true {
            let (stop, line): (Bool, String?) = lock.withLock {
                guard self.generation == generation, let title else { return (true, nil) }
                let elapsed = ContinuousClock.now - started
                guard elapsed >= Self.delay else { return (false, nil) }
                shown = true
                return (false, Self.line(title: title, detail: detail, elapsed: elapsed))
            }
            if stop { return }
            if let line { write("\r\u{1B}[2K" + line) }
            Thread.sleep(forTimeInterval: Double(Self.interval.components.attoseconds) * 1e-18)
        }
    }

    private func finish(_ generation: Int) {
        let line: String? = lock.withLock {
            defer { if self.generation == generation { title = nil; self.generation += 1 } }
            guard self.generation == generation, shown, let title else { return nil }
            return Self.line(title: title, detail: detail, elapsed: ContinuousClock.now - started, done: true)
        }
        if let line { write("\r\u{1B}[2K" + line + "\n") }
    }

    /// `Solving… component 3 of 12 · 4.2 s` or `✓ Solving · component 12 of 12 · 8.0 s`.
    static func line(title: String, detail: String, elapsed: Duration, done: Bool = false) -> String {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let time = String(format: "%.1f s", seconds)
        let head = done ? "✓ " + title : title + "…"
        return detail.isEmpty ? "\(head) \(time)" : "\(head) \(detail) · \(time)"
    }
}

/// Counts finished components and keeps the worst gap, for ``Progress/solveObserver()``. A
/// component started again (a model solved once more after pricing) counts as running again.
final class SolveTally: @unchecked Sendable {
    private let lock = NSLock()
    private var gaps: [Int: Double?] = [:]
    private var running: Set<Int> = []
    private var total = 0

    /// The line for the state after `event`.
    func record(_ event: SolveProgress.Event) -> String {
        lock.withLock {
            switch event {
            case let .started(component, of, _):
                total = of; running.insert(component); gaps[component] = nil
            case let .finished(component, of, _, _, gap):
                total = of; running.remove(component); gaps[component] = .some(gap)
            }
            let finished = gaps.count
            let worstGap = gaps.values.compactMap { $0 }.max()
            var text = "\(finished) of \(total) components solved"
            if !running.isEmpty { text += ", \(running.count) running" }
            if let worstGap { text += " · worst gap " + String(format: "%.2f%%", worstGap * 100) }
            return text
        }
    }
}
