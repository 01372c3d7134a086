import Foundation

/// Runs blocking C work on a fresh OS thread and waits for it, at most for a while.
///
/// GLPK keeps its state per OS thread and requires a problem to be created, solved and deleted
/// on one thread: a Swift task may hop threads at any `await`, so GLPK work never runs on the
/// cooperative pool. Each call gets its own `Thread`, which does the work start to finish and
/// exits.
enum DedicatedThread {
    /// Runs `work` on a new thread and waits up to `timeout` seconds for its result.
    ///
    /// - Returns: the result, or `nil` when the wait timed out. The thread is then left to finish
    ///   on its own (a thread cannot be stopped safely from outside) and its result is dropped;
    ///   anything it captured stays alive until it ends.
    static func run<Value: Sendable>(
        name: String, stackSize: Int = 16 << 20, timeout: Double,
        _ work: @escaping @Sendable () -> Value
    ) -> Value? {
        let mailbox = Mailbox<Value>()
        let thread = Thread {
            mailbox.deliver(work())
        }
        thread.name = name
        thread.stackSize = stackSize
        thread.start()
        return mailbox.wait(timeout: timeout)
    }

    /// A one-value hand-off from the worker thread to the waiting caller.
    private final class Mailbox<Value: Sendable>: @unchecked Sendable {
        // The lock guards `value`; the semaphore signals that it has been set.
        private let lock = NSLock()
        private let delivered = DispatchSemaphore(value: 0)
        private var value: Value?

        func deliver(_ value: Value) {
            lock.lock()
            self.value = value
            lock.unlock()
            delivered.signal()
        }

        func wait(timeout: Double) -> Value? {
            let seconds = timeout.isFinite ? max(0, timeout) : 86_400 * 365
            guard delivered.wait(timeout: .now() + seconds) == .success else { return nil }
            lock.lock()
            defer { lock.unlock() }
            return value
        }
    }
}
