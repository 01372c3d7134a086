import DynamicBooks
import Foundation

extension Workspace {
    /// Runs a command whose slow part (a solve) must not hold the write lock: the input is
    /// prepared, the solve runs with no transaction open, and the result is recorded in a
    /// transaction that first checks that no other run committed since the input was read.
    ///
    /// 1. `prepare` runs inside a transaction that is always rolled back, so it may write (a
    ///    cycle's retrieval) to see what the input would be; it holds the lock only for as long
    ///    as it takes.
    /// 2. `solve` runs with no transaction open: the service keeps routing meanwhile.
    /// 3. `record` runs in the run's transaction, after checking that the newest run is still
    ///    the one `prepare` saw. If another run committed in between (a routing decision, a
    ///    return), the input may have changed: it starts again from 1, up to `attempts` times.
    ///
    /// - Throws: ``WorkspaceError/changedWhileSolving(path:attempts:)`` when every attempt saw
    ///   another run commit during its solve; the errors of the three steps otherwise. Nothing is
    ///   written unless `record` completes.
    public func performAfterSolving<Input, Solved, T: Encodable>(
        _ kind: RunKind, asOf: Day, attempts: Int = 3,
        prepare: (RunTransaction) throws -> Input,
        solve: (Input) throws -> Solved,
        record: (RunTransaction, Solved) throws -> T
    ) throws -> T {
        for _ in 0 ..< max(1, attempts) {
            var prepared: (input: Input, newestRun: Int64)?
            do {
                try perform(kind, asOf: asOf) { tx -> Int in
                    prepared = (try prepare(tx), try tx.newestOtherRun())
                    throw Rehearsal()
                }
            } catch is Rehearsal {}
            guard let prepared else { continue }
            let solved = try solve(prepared.input)
            do {
                return try perform(kind, asOf: asOf) { tx in
                    guard try tx.newestOtherRun() == prepared.newestRun else { throw Rehearsal() }
                    return try record(tx, solved)
                }
            } catch is Rehearsal {
                continue
            }
        }
        throw WorkspaceError.changedWhileSolving(path: path, attempts: max(1, attempts))
    }

    /// Thrown to roll a transaction back on purpose.
    private struct Rehearsal: Error {}
}

extension RunTransaction {
    /// The id of the newest run other than this one (0 when there is none): it changes whenever
    /// any other command commits.
    func newestOtherRun() throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM runs WHERE id <> ?", arguments: [run.rawValue]) ?? 0
    }
}
