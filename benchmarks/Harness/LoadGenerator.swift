import Foundation
import Synchronization

/// Drives `POST /v1/route` over several connections, one thread each.
struct LoadGenerator: Sendable {
    let port: Int
    let token: String
    let connections: Int

    static func body(_ id: String) -> String { #"{"account_id": "\#(id)"}"# }

    /// Request `i` is due at `start + i / rate` and goes out on connection `i % connections`; its
    /// latency is measured from when it was due.
    func openLoop(ids: [String], rate: Int) throws -> PhaseResult {
        let start = monotonicNanoseconds() + 50_000_000
        let interval = 1_000_000_000 / UInt64(max(1, rate))
        return try run { connection, client in
            var latencies: [Double] = [], errors = 0
            for i in stride(from: connection, to: ids.count, by: connections) {
                let due = start + UInt64(i) * interval
                sleep(until: due)
                let (status, _) = try client.post("/v1/route", body: Self.body(ids[i]), token: token)
                if status == 200 { latencies.append(Double(monotonicNanoseconds() - due) / 1e6) } else { errors += 1 }
            }
            return (latencies, errors)
        }
    }

    /// Every connection sends back to back until `seconds` have passed or the ids run out.
    func closedLoop(ids: [String], seconds: Int) throws -> PhaseResult {
        let deadline = monotonicNanoseconds() + UInt64(seconds) * 1_000_000_000
        return try run { connection, client in
            var latencies: [Double] = [], errors = 0
            var i = connection
            while i < ids.count, monotonicNanoseconds() < deadline {
                let sent = monotonicNanoseconds()
                let (status, _) = try client.post("/v1/route", body: Self.body(ids[i]), token: token)
                if status == 200 { latencies.append(Double(monotonicNanoseconds() - sent) / 1e6) } else { errors += 1 }
                i += connections
            }
            return (latencies, errors)
        }
    }

    /// Runs `work` on every connection in a thread of its own; merges what they measured.
    private func run(_ work: @escaping @Sendable (Int, LoopbackHTTP) throws -> ([Double], Int)) throws -> PhaseResult {
        let clients = try (0 ..< connections).map { _ in try LoopbackHTTP(port: port) }
        let collected = Mutex<(latencies: [Double], errors: Int, failure: String?)>(([], 0, nil))
        let group = DispatchGroup()
        let began = monotonicNanoseconds()
        for (c, client) in clients.enumerated() {
            nonisolated(unsafe) let client = client
            group.enter()
            Thread.detachNewThread {
                do {
                    let (latencies, errors) = try work(c, client)
                    collected.withLock { $0.latencies += latencies; $0.errors += errors }
                } catch {
                    collected.withLock { $0.failure = "\(error)" }
                }
                group.leave()
            }
        }
        group.wait()
        let elapsed = Double(monotonicNanoseconds() - began) / 1e9
        let (latencies, errors, failure) = collected.withLock { ($0.latencies, $0.errors, $0.failure) }
        if let failure { throw LoopbackHTTP.Failure(description: failure) }
        return PhaseResult(answered: latencies.count, errors: errors, seconds: elapsed, latencies: latencies.sorted())
    }
}

/// `books serve` in a child process on a free port, with a token.
final class ServerProcess {
    let process = Process()
    let port: Int
    let token = "benchmark-\(UInt64.random(in: 0 ... .max))"

    init(db: String, sync: String) throws {
        let directory = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).deletingLastPathComponent()
        let books = directory.appendingPathComponent("books")
        guard FileManager.default.isExecutableFile(atPath: books.path) else {
            throw LoopbackHTTP.Failure(description: "no books executable next to the harness: swift build -c release --product books")
        }
        process.executableURL = books
        process.arguments = ["serve", "--db", db, "--port", "0", "--sync", sync, "--as-of", "2026-11-30"]
        process.environment = ProcessInfo.processInfo.environment.merging(["BOOKS_API_TOKEN": token]) { $1 }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var text = ""
        while !text.contains("\n") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let port = text.split(separator: ":").last.flatMap({ Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }) else {
            process.terminate()
            throw LoopbackHTTP.Failure(description: "books serve did not start: \(text)")
        }
        self.port = port
    }

    /// SIGTERM, then wait: the service finishes what is in flight and leaves the write-ahead log.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    deinit { stop() }
}
