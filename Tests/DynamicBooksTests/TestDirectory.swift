import Foundation

/// A fresh directory under the system's temporary directory, for files a test writes.
struct TestDirectory {
    let url: URL
    var path: String { url.path }

    init(_ name: String = #function) throws {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("dynamicbooks-tests-\(safe)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes `text` (UTF-8) to `name` in the directory and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, bytes: Array(text.utf8))
    }

    @discardableResult
    func write(_ name: String, bytes: [UInt8]) throws -> String {
        let file = url.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        return file.path
    }

    /// `dir/name`, as the loader names files of a data directory in its messages.
    func name(_ file: String) -> String { path + "/" + file }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// A small, valid data set as CSV text, for tests to vary.
enum Fixture {
    static let reps = """
    id,name,segment,theaters,capacity,ramp
    R1,Ann,SMB,NA,,1
    R2,Bo,MM,EMEA,80,0.5
    R3,Cy,ENT,,,

    """

    static let accounts = """
    id,name,country,industry,employees,owner,customer
    A1,Acme,US,Software,120,R1,yes
    A2,Beta,DE,Retail,500,,no
    A3,Gamma,BR,Government,5000,,

    """
}
