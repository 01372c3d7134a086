import ArgumentParser
import AssignmentEngine
import DynamicBooks
import Foundation

/// Writes generated instances in the neutral CSV format (benchmarks/peers/README.md) for solvers
/// outside the package.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the instances of a suite as CSV directories (the neutral format of benchmarks/peers/README.md).",
        discussion: """
        Instances come from the engine suites and the peers suites, with the same generator and seeds. \
        Without --suite or --instance, the peers suites are written. With --data, the instance is the \
        product's own: the assignment model `books plan --data DIR --policy FILE --as-of DAY` builds for a \
        rebalance, with every eligible (account, rep) arc (the planner keeps only a few per account in cells \
        of more than 48 eligible reps; --planner-arcs exports its model as it is).
        """)

    @Option(name: .customLong("suite"), help: "A suite to export (transport, weighted, fair-soft, fair-hard); repeatable.")
    var suites: [String] = []
    @Option(name: .customLong("instance"), help: "One instance by name, e.g. transport-50000x200; repeatable.")
    var instances: [String] = []
    @Flag(help: "The smaller (quick) suites.") var quick = false
    @Option(help: "Directory that receives one subdirectory per instance.") var dir = "benchmarks/.instances"
    @Option(help: "A data directory (accounts.csv, reps.csv, policy.yaml, activity.csv): export the planner's model of it.")
    var data: String?
    @Option(help: "With --data: the policy file (default DIR/policy.yaml).") var policy: String?
    @Option(name: .customLong("as-of"), help: "With --data: the plan's day, YYYY-MM-DD (default 2026-11-30, the generator's).")
    var asOf = "2026-11-30"
    @Option(help: "With --data: the instance's name (its subdirectory of --dir; default the data directory's name).")
    var name: String?
    @Flag(name: .customLong("planner-arcs"), help: "With --data: export the planner's model as built (restricted arcs in large cells).")
    var plannerArcs = false

    func validate() throws {
        if data != nil {
            guard suites.isEmpty, instances.isEmpty else { throw ValidationError("--data exports one product instance; drop --suite and --instance") }
            guard Day(iso: asOf) != nil else { throw ValidationError("--as-of: '\(asOf)' is not a date YYYY-MM-DD") }
            return
        }
        if policy != nil || name != nil || plannerArcs { throw ValidationError("--policy, --name and --planner-arcs need --data") }
        let known = Self.catalogue(quick: quick)
        for suite in suites where !known.contains(where: { $0.suite == suite }) {
            throw ValidationError("unknown suite '\(suite)'; known: \(Set(known.map(\.suite)).sorted().joined(separator: ", "))")
        }
        for name in instances where !known.contains(where: { $0.name == name }) {
            throw ValidationError("unknown instance '\(name)'; known: \(known.map(\.name).joined(separator: ", "))")
        }
    }

    func run() throws {
        if let data {
            print(try Self.exportProduct(data: data, policy: policy, asOf: Day(iso: asOf)!, name: name, plannerArcs: plannerArcs, into: dir))
            return
        }
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

    /// Builds the planner's model of `data` (with every eligible arc unless `plannerArcs`) and writes
    /// it under `directory`.
    /// - Returns: a line saying where and what was written.
    static func exportProduct(data: String, policy: String?, asOf: Day, name: String?, plannerArcs: Bool,
                              into directory: String) throws -> String {
        let planning = try ProductInstance.planningModel(data: data, policy: policy, asOf: asOf)
        let instance = plannerArcs
            ? ProductInstance(model: planning.model, arcs: "planner", plannerArcs: planning.model.arcCount, expandedItems: 0)
            : try ProductInstance.fullEligible(planning)
        let title = name ?? URL(fileURLWithPath: data).lastPathComponent
        let generator = [
            "function": "books plan (rebalance)", "data": data, "policy": policy ?? data + "/policy.yaml", "as_of": asOf.description,
            "arcs": instance.arcs, "planner_arcs": "\(instance.plannerArcs)", "expanded_items": "\(instance.expandedItems)",
            "fairness": planning.policy.assignment.fairnessMode.rawValue,
        ]
        let path = directory + "/" + title
        try InstanceExport.write(instance.model, metadata: InstanceExport.metadata(instance.model, name: title, generator: generator),
                                 to: path)
        return "\(path): \(instance.model.itemCount) items, \(instance.model.binCount) bins, \(instance.model.arcCount) arcs (\(instance.arcs); "
            + "the planner's model has \(instance.plannerArcs)), \(instance.model.sideRows.count) side rows"
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
