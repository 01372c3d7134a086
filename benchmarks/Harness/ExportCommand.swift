import ArgumentParser
import AssignmentEngine
import Foundation

/// Writes generated instances in the neutral CSV format (benchmarks/peers/README.md) for solvers
/// outside the package.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the instances of a suite as CSV directories (the neutral format of benchmarks/peers/README.md).",
        discussion: """
        Instances come from the engine suites and the peers suites, with the same generator and seeds. \
        Without --suite or --instance, the peers suites are written.
        """)

    @Option(name: .customLong("suite"), help: "A suite to export (transport, weighted, fair-soft, fair-hard); repeatable.")
    var suites: [String] = []
    @Option(name: .customLong("instance"), help: "One instance by name, e.g. transport-50000x200; repeatable.")
    var instances: [String] = []
    @Flag(help: "The smaller (quick) suites.") var quick = false
    @Option(help: "Directory that receives one subdirectory per instance.") var dir = "benchmarks/.instances"

    func validate() throws {
        let known = Self.catalogue(quick: quick)
        for suite in suites where !known.contains(where: { $0.suite == suite }) {
            throw ValidationError("unknown suite '\(suite)'; known: \(Set(known.map(\.suite)).sorted().joined(separator: ", "))")
        }
        for name in instances where !known.contains(where: { $0.name == name }) {
            throw ValidationError("unknown instance '\(name)'; known: \(known.map(\.name).joined(separator: ", "))")
        }
    }

    func run() throws {
        for spec in Self.select(suites: suites, instances: instances, quick: quick) {
            let path = try Self.export(spec, into: dir)
            print(path)
        }
    }

    /// Every instance the harness knows: engine suites then peers suites, each name once.
    static func catalogue(quick: Bool) -> [InstanceSpec] {
        var seen = Set<String>()
        return (EngineSuites.all(quick: quick).map(\.spec) + PeerSuites.all(quick: quick).map(\.spec)).filter { seen.insert($0.name).inserted }
    }

    static func select(suites: [String], instances: [String], quick: Bool) -> [InstanceSpec] {
        if suites.isEmpty && instances.isEmpty { return PeerSuites.all(quick: quick).map(\.spec) }
        return catalogue(quick: quick).filter { suites.contains($0.suite) || instances.contains($0.name) }
    }

    /// Builds `spec` and writes it under `directory`, unless the same instance is already there.
    /// - Returns: the instance's directory.
    @discardableResult
    static func export(_ spec: InstanceSpec, into directory: String) throws -> String {
        let path = directory + "/" + spec.name
        try InstanceExport.write(spec.build(), spec: spec, to: path)
        return path
    }
}
