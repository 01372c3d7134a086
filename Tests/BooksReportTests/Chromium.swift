import Foundation

/// Headless Chromium, to render reports as a browser does.
///
/// `make test` installs Debian's `chromium` and sets `BOOKS_REQUIRE_CHROMIUM=1`, so there a
/// missing browser fails the tests; elsewhere the browser tests are skipped with a message.
enum Chromium {
    /// The browser, if one is on the PATH.
    static let executable: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            for directory in path.split(separator: ":") {
                let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            }
        }
        let bundle = "/Applications/Chromium.app/Contents/MacOS/Chromium"
        return FileManager.default.isExecutableFile(atPath: bundle) ? URL(fileURLWithPath: bundle) : nil
    }()

    /// Whether the run demands the browser (`make test`).
    static let required = ProcessInfo.processInfo.environment["BOOKS_REQUIRE_CHROMIUM"] == "1"

    /// Run the browser tests when there is a browser, or when its absence must fail.
    static var shouldRun: Bool { executable != nil || required }

    static let missing = "chromium is not installed: the headless-browser report tests are skipped "
        + "(`make test` installs Debian's chromium and runs them)"

    struct Failure: Error, CustomStringConvertible { var description: String }

    /// Runs the browser on `page` with `arguments`; returns its standard output.
    /// - Throws: when the browser is missing, fails, or takes longer than `timeout` seconds.
    static func run(_ arguments: [String], page: URL, timeout: TimeInterval = 90) throws -> Data {
        guard let executable else { throw Failure(description: "chromium not found on PATH; `make test` installs it") }
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("books-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = executable
        var flags = ["--headless", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--no-default-browser-check",
                     "--disable-extensions", "--disable-dev-shm-usage", "--force-device-scale-factor=1",
                     "--user-data-dir=\(profile.path)"]
        if getuid() == 0 { flags.append("--no-sandbox") }   // Chromium refuses to run as root with its sandbox
        process.arguments = flags + arguments + [page.absoluteString]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let collected = DataBox()
        output.fileHandleForReading.readabilityHandler = { handle in collected.append(handle.availableData) }
        errors.fileHandleForReading.readabilityHandler = { handle in _ = handle.availableData }
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            throw Failure(description: "chromium did not finish within \(Int(timeout)) s")
        }
        output.fileHandleForReading.readabilityHandler = nil
        errors.fileHandleForReading.readabilityHandler = nil
        collected.append(output.fileHandleForReading.readDataToEndOfFile())
        guard process.terminationStatus == 0 else {
            throw Failure(description: "chromium exited with status \(process.terminationStatus)")
        }
        return collected.data
    }

    /// One rendering of `page` in a `width` × `height` window: the DOM after rendering,
    /// serialised, and a screenshot of the window.
    static func render(_ page: URL, width: Int, height: Int) throws -> (dom: String, screenshot: PNGImage) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("books-shot-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: file) }
        let dom = try run(["--window-size=\(width),\(height)", "--screenshot=\(file.path)", "--dump-dom"], page: page)
        return (String(decoding: dom, as: UTF8.self), try PNGImage(data: Data(contentsOf: file)))
    }
}

/// Bytes collected from a pipe's handler thread.
final class DataBox: @unchecked Sendable {
    private let lock = NSLock()
    private var storage = Data()
    func append(_ data: Data) { lock.lock(); storage.append(data); lock.unlock() }
    var data: Data { lock.lock(); defer { lock.unlock() }; return storage }
}
