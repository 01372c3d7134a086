import BooksStore
import DynamicBooks
import Foundation
import Testing

/// `books route` and `books serve` as a user runs them: the built tool in a child process.
@Suite("books route / books serve")
struct CommandLineTests {
    static func executable() throws -> URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0 ..< 4 {
            let candidate = directory.appendingPathComponent("books")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        throw CocoaError(.fileNoSuchFile)
    }

    /// Runs the tool to completion; returns exit status, stdout and stderr.
    static func books(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    @Test func routeByIDAndByFields() throws {
        let workspace = try ServiceFixture.workspace()
        let byID = try Self.books(["route", "--db", workspace.path, "--account", "A000", "--as-of", "2026-12-01"])
        #expect(byID.status == 0, "\(byID.err)")
        #expect(byID.out.contains("A000 → R2 (least_loaded): load 0 → 1 of 25; also R1 5/25, R3 0/25, R4 0/25"))
        #expect(byID.out.contains("1 routed: 1 to a new owner, 0 kept by their owner, 0 in the pool (run "))

        let new = try Self.books(["route", "--db", workspace.path, "--account", "NEW1", "--country", "gb", "--employees", "12",
                                  "--score", "66", "--as-of", "2026-12-01", "--json"])
        #expect(new.status == 0, "\(new.err)")
        #expect(new.out.contains(#""added" : true"#) && new.out.contains(#""rep" : "R5""#))
        #expect(new.out.contains(#""reason" : "least_loaded""#))
        let stored = try #require(try workspace.read { try $0.account("NEW1") })
        #expect(stored.theater == "EMEA" && stored.score == 66 && stored.account.owner == "R5")
        #expect(!stored.account.locked && !stored.account.customer)

        // --locked and --customer, as the HTTP body's "locked" and "customer".
        let locked = try Self.books(["route", "--db", workspace.path, "--account", "NEW2", "--country", "us", "--score", "70",
                                     "--locked", "--customer", "--as-of", "2026-12-01"])
        #expect(locked.status == 0, "\(locked.err)")
        #expect(locked.out.contains("NEW2 (new) → R3 (least_loaded)"))
        let lockedStored = try #require(try workspace.read { try $0.account("NEW2") })
        #expect(lockedStored.account.locked && lockedStored.account.customer && lockedStored.account.owner == "R3")
        let exists = try Self.books(["route", "--db", workspace.path, "--account", "A000", "--locked"])
        #expect(exists.status != 0 && exists.err.contains("A000 is already in the workspace"))
    }

    @Test func routeAFileAllOrNothing() throws {
        let workspace = try ServiceFixture.workspace()
        let directory = try ServiceFixture.directory()
        let good = directory.appendingPathComponent("inbound.csv")
        try "id,name,country,employees,score\nA010,,,,\nO2,,,,\nN1,New One,GB,15,70\nA011,renamed,US,,\n"
            .write(to: good, atomically: true, encoding: .utf8)
        let ok = try Self.books(["route", "--db", workspace.path, "--file", good.path, "--as-of", "2026-12-01"])
        #expect(ok.status == 0, "\(ok.err)")
        #expect(ok.out.contains("A010 → R2 (least_loaded)"))
        #expect(ok.out.contains("O2 → R1 (owner)"))
        #expect(ok.out.contains("N1 (new) → R5 (least_loaded)"))
        #expect(ok.out.contains("A011 → R3 (least_loaded)"))                  // known id: the workspace's account
        #expect(ok.out.contains("4 routed: 3 to a new owner, 1 kept by their owner, 0 in the pool"))

        let before = try WorkspaceCounts(workspace)
        let bad = directory.appendingPathComponent("bad.csv")
        try "id,score\nA012,\nGHOST,\n".write(to: bad, atomically: true, encoding: .utf8)
        let failed = try Self.books(["route", "--db", workspace.path, "--file", bad.path, "--as-of", "2026-12-01"])
        #expect(failed.status != 0)
        #expect(failed.err.contains("\(bad.path):3: unknown account GHOST"))
        let typo = directory.appendingPathComponent("typo.csv")
        try "id,employees\nN9,many\n".write(to: typo, atomically: true, encoding: .utf8)
        let badValue = try Self.books(["route", "--db", workspace.path, "--file", typo.path])
        #expect(badValue.status != 0 && badValue.err.contains("\(typo.path):2:2 (employees): \"many\""))
        #expect(try WorkspaceCounts(workspace) == before)

        let neither = try Self.books(["route", "--db", workspace.path])
        #expect(neither.status != 0 && neither.err.contains("give --account ID"))
    }

    /// Starts `books serve` on a free port with the fixture's token; returns once it listens.
    static func serve(_ path: String) throws -> (process: Process, port: Int) {
        let tokenFile = try ServiceFixture.directory().appendingPathComponent("token")
        try "\(ServiceFixture.token)\n".write(to: tokenFile, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = try executable()
        process.arguments = ["serve", "--db", path, "--port", "0", "--token-file", tokenFile.path,
                             "--as-of", "2026-12-01", "--sync", "normal",
                             // A loaded machine may keep a test away from its connection for long.
                             "--idle-timeout", "3600"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()

        // "books serve: listening on http://127.0.0.1:PORT"
        var text = ""
        while !text.contains("\n") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let port = text.split(separator: ":").last.flatMap({ Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }) else {
            process.terminate()
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "books serve said: \(text)"])
        }
        return (process, port)
    }

    /// Waits up to `seconds` for `process` to exit; whether it did.
    static func exited(_ process: Process, within seconds: Double) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        return !process.isRunning
    }

    @Test func serveUntilSIGTERM() async throws {
        // No connection of ours stays open while the service runs: leaving the write-ahead log
        // needs the file to itself.
        let path = try ServiceFixture.workspace().path
        func journalMode() throws -> String { try Workspace.open(at: path, access: .readOnly).journalMode() }
        let (process, port) = try Self.serve(path)
        defer { if process.isRunning { process.terminate() } }
        #expect(try journalMode() == "wal")
        let connection = ServiceFixture.connection(port: port, token: ServiceFixture.token)
        let reply = try await connection.route(#"{"account_id": "A000"}"#)
        try await connection.close()
        #expect(reply.status == 200 && reply.route?.rep_id == "R2")

        kill(process.processIdentifier, SIGTERM)
        #expect(try await Self.exited(process, within: 20))
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        #expect(try journalMode() == "delete")
        #expect(try Workspace.open(at: path, access: .readOnly).read { try $0.owner(of: "A000")?.rep } == "R2")
    }

    @Test func sigtermWithARequestInFlightFinishesItThenExitsZero() async throws {
        let path = try ServiceFixture.workspace().path
        let (process, port) = try Self.serve(path)
        defer { if process.isRunning { process.terminate() } }

        // A request in flight: its head and the first bytes of its body; the rest is still to come.
        let body = #"{"account_id": "A000"}"#
        let connection = try RawHTTPConnection(port: port)
        try await connection.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        #expect(try await connection.readResponse().status == 200)         // the connection is the server's
        try await connection.send("POST /v1/route HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(ServiceFixture.token)\r\n"
                            + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body.prefix(8))
        try await Task.sleep(for: .milliseconds(500))
        kill(process.processIdentifier, SIGTERM)

        // The server stops taking connections…
        var refused = false
        let deadline = ContinuousClock.now + .seconds(10)
        while !refused, ContinuousClock.now < deadline {
            do { try RawHTTPConnection(port: port).close(); try await Task.sleep(for: .milliseconds(20)) } catch { refused = true }
        }
        #expect(refused, "books serve still accepts connections after SIGTERM")
        #expect(process.isRunning, "books serve exited with a request in flight")

        // …but the request in flight is answered, and recorded, before it exits.
        try await connection.send(String(body.dropFirst(8)))
        let reply = try await connection.readResponse()
        #expect(reply.status == 200 && reply.route?.rep_id == "R2", "\(reply.text)")
        #expect(try await connection.isClosedByServer())
        connection.close()
        #expect(try await Self.exited(process, within: 20))
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)

        let workspace = try Workspace.open(at: path, access: .readOnly)
        #expect(try workspace.journalMode() == "delete")
        let (owner, routed) = try workspace.read { r in (try r.owner(of: "A000")?.rep, try r.ledger.entries().filter { $0.kind == .routed }) }
        #expect(owner == "R2" && routed.count == 1 && routed.first?.seq == reply.route?.ledger_seq)
    }

    @Test func serveRefusesAnOpenAddressWithoutAToken() throws {
        let workspace = try ServiceFixture.workspace()
        let result = try Self.books(["serve", "--db", workspace.path, "--host", "0.0.0.0", "--port", "0"],
                                    environment: ["BOOKS_API_TOKEN": ""])
        #expect(result.status != 0)
        #expect(result.err.contains("refusing to listen on 0.0.0.0 without an API token"))
    }
}
