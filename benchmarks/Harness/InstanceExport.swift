import AssignmentEngine
import Foundation

/// Writes an ``AssignmentModel`` as a directory of CSV files in the neutral instance format that
/// `benchmarks/peers/README.md` documents, so solvers outside the package can read it.
///
/// Files: `bins.csv` (bin, capacity), `items.csv` (item, must_assign), `arcs.csv` (item, bin,
/// value, weight, fixed; an arc's id is its 0-based line number after the header), `aggregates.csv`
/// (aggregate, arc, coefficient), `rows.csv` (row, lower, upper, deviation_penalty, name; an
/// absent bound or penalty is an empty field), `row_terms.csv` (row, kind, index, coefficient;
/// kind is `arc` or `aggregate`) and `instance.json` (name, generator arguments, counts).
/// Numbers are written in their shortest round-trip form, so a reader recovers every `Double`
/// exactly.
enum InstanceExport {
    /// Writes `model` to `directory`, replacing it. The files are written into a sibling temporary
    /// directory first and moved into place, so a reader never sees a half-written instance.
    /// - Returns: whether the directory was written (false when an identical instance was there).
    /// - Complexity: O(arcs + aggregate terms + side-row terms).
    @discardableResult
    static func write(_ model: AssignmentModel, spec: InstanceSpec, to directory: String) throws -> Bool {
        try write(model, metadata: metadata(model, spec: spec), to: directory)
    }

    /// Writes `model` with `meta` as its `instance.json` (see ``write(_:spec:to:)``).
    @discardableResult
    static func write(_ model: AssignmentModel, metadata meta: Data, to directory: String) throws -> Bool {
        let metaPath = directory + "/instance.json"
        if let existing = FileManager.default.contents(atPath: metaPath), existing == meta,
           filenames.allSatisfy({ FileManager.default.fileExists(atPath: directory + "/" + $0) }) {
            return false
        }
        let parent = (directory as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        let temporary = directory + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.removeItem(atPath: temporary)
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)

        var out = CSVBytes()
        out.line("bin,capacity")
        for (b, capacity) in model.capacities.enumerated() { out.int(b); out.comma(); out.double(capacity); out.newline() }
        try out.flush(to: temporary + "/bins.csv")

        out.line("item,must_assign")
        for i in 0 ..< model.itemCount { out.int(i); out.comma(); out.int(model.mustAssign[i] ? 1 : 0); out.newline() }
        try out.flush(to: temporary + "/items.csv")

        var fixed = [Bool](repeating: false, count: model.arcCount)
        for k in model.fixedArcs { fixed[k] = true }
        out.line("item,bin,value,weight,fixed")
        for i in 0 ..< model.itemCount {
            for k in model.arcs(ofItem: i) {
                out.int(i); out.comma(); out.int(Int(model.arcBin[k])); out.comma()
                out.double(model.arcValue[k]); out.comma(); out.double(model.arcWeight[k]); out.comma()
                out.int(fixed[k] ? 1 : 0); out.newline()
            }
        }
        try out.flush(to: temporary + "/arcs.csv")

        out.line("aggregate,arc,coefficient")
        for (g, aggregate) in model.aggregates.enumerated() {
            for (k, c) in zip(aggregate.arcs, aggregate.coefficients) {
                out.int(g); out.comma(); out.int(k); out.comma(); out.double(c); out.newline()
            }
        }
        try out.flush(to: temporary + "/aggregates.csv")

        out.line("row,lower,upper,deviation_penalty,name")
        for (s, row) in model.sideRows.enumerated() {
            out.int(s); out.comma(); out.optional(row.lower); out.comma(); out.optional(row.upper); out.comma()
            out.optional(row.deviationPenalty); out.comma(); out.quoted(row.name); out.newline()
        }
        try out.flush(to: temporary + "/rows.csv")

        out.line("row,kind,index,coefficient")
        for (s, row) in model.sideRows.enumerated() {
            for (k, c) in zip(row.arcs, row.coefficients) {
                out.int(s); out.text(",arc,"); out.int(k); out.comma(); out.double(c); out.newline()
            }
            for (g, c) in zip(row.aggregates, row.aggregateCoefficients) {
                out.int(s); out.text(",aggregate,"); out.int(g); out.comma(); out.double(c); out.newline()
            }
        }
        try out.flush(to: temporary + "/row_terms.csv")
        // Names, beside the format's files: which account (its first, for a family) and which rep
        // each item and bin is, so that a plan can be read back onto the instance.
        if let names = model.itemNames, let bins = model.binNames {
            out.line("item,name")
            for (i, name) in names.enumerated() { out.int(i); out.comma(); out.quoted(name); out.newline() }
            try out.flush(to: temporary + "/item_names.csv")
            out.line("bin,name")
            for (b, name) in bins.enumerated() { out.int(b); out.comma(); out.quoted(name); out.newline() }
            try out.flush(to: temporary + "/bin_names.csv")
        }
        try meta.write(to: URL(fileURLWithPath: temporary + "/instance.json"))

        try? FileManager.default.removeItem(atPath: directory)
        try FileManager.default.moveItem(atPath: temporary, toPath: directory)
        return true
    }

    static let filenames = ["bins.csv", "items.csv", "arcs.csv", "aggregates.csv", "rows.csv", "row_terms.csv", "instance.json"]

    /// `instance.json`: what the instance is and how to rebuild it, with sorted keys so the same
    /// instance always gives the same bytes.
    static func metadata(_ model: AssignmentModel, spec: InstanceSpec) -> Data {
        let generator = [
            "function": "SyntheticInstance.cells", "suite": spec.suite, "items": "\(spec.items)", "bins": "\(spec.bins)",
            "cells": "\(spec.cells)", "seed": "\(spec.seed)", "weights": spec.weights.map { "\($0)" }.joined(separator: ","),
            "fairness": spec.fairness,
        ]
        return metadata(model, name: spec.name, generator: generator)
    }

    /// `instance.json` for an instance called `name`, rebuilt as `generator` says.
    static func metadata(_ model: AssignmentModel, name: String, generator: [String: String]) -> Data {
        struct Meta: Encodable {
            var format = 1
            var name: String
            var generator: [String: String]
            var items: Int, bins: Int, arcs: Int, aggregates: Int, rows: Int, fixedArcs: Int
            var sense = "maximise sum(value * x) - sum(deviation_penalty * d)"
        }
        let meta = Meta(name: name, generator: generator, items: model.itemCount, bins: model.binCount, arcs: model.arcCount,
                        aggregates: model.aggregates.count, rows: model.sideRows.count, fixedArcs: model.fixedArcs.count)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return ((try? encoder.encode(meta)) ?? Data()) + Data("\n".utf8)
    }
}

/// A byte buffer for writing large CSV files in one write each.
struct CSVBytes {
    private var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(1 << 20) }

    mutating func text(_ s: String) { bytes.append(contentsOf: s.utf8) }
    mutating func line(_ s: String) { text(s); newline() }
    mutating func comma() { bytes.append(UInt8(ascii: ",")) }
    mutating func newline() { bytes.append(UInt8(ascii: "\n")) }

    /// A whole number in decimal (a small string: no heap allocation).
    mutating func int(_ value: Int) { bytes.append(contentsOf: String(value).utf8) }

    /// A number in its shortest round-trip form; whole numbers below 2^53 without a fraction.
    mutating func double(_ value: Double) {
        if value == value.rounded(), abs(value) < 9_007_199_254_740_992 {
            int(Int(value))
        } else {
            text(value.description)
        }
    }

    /// A number, or nothing when absent.
    mutating func optional(_ value: Double?) { if let value { double(value) } }

    /// A text field, quoted as RFC 4180 says when it holds a comma, a quote or a line break.
    mutating func quoted(_ s: String) {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text(s) }
        text("\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
    }

    /// Writes the buffer to `path` and empties it.
    mutating func flush(to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        bytes.removeAll(keepingCapacity: true)
    }
}
