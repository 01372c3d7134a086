import Foundation

/// Writes reports to disk.
public enum ReportWriter {
    /// The default file name of `books report`.
    public static let defaultFileName = "report.html"

    /// Renders `data` and writes it to `url` atomically: to a temporary file beside it first,
    /// then renamed over `url`, so a reader (a browser that reloads) never sees half a page.
    /// - Returns: the number of bytes written.
    /// - Throws: ``ReportError/cannotWrite(path:detail:)`` when the directory is missing or not writable.
    @discardableResult
    public static func write(data: ReportData, to url: URL) throws -> Int {
        try write(html: ReportPage.render(data), to: url)
    }

    /// Writes a rendered page atomically (see ``write(data:to:)``).
    @discardableResult
    public static func write(html: String, to url: URL) throws -> Int {
        let bytes = Data(html.utf8)
        let directory = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ReportError.cannotWrite(path: url.path, detail: "directory \(directory.path) does not exist")
        }
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try bytes.write(to: temporary)
        } catch {
            throw ReportError.cannotWrite(path: url.path, detail: "cannot create \(temporary.lastPathComponent) in \(directory.path)")
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw ReportError.cannotWrite(path: url.path, detail: reason)
        }
        return bytes.count
    }
}
