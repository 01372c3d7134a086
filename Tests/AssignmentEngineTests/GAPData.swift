import Foundation
import Testing
@testable import AssignmentEngine

/// The public GAP benchmark files in `data/gap`, found from this file's location.
enum GAPData {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("data/gap")

    static func text(_ file: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
    }

    static func instances(_ file: String) throws -> [GAPInstance] {
        try GAPInstance.parse(text(file), file: file)
    }

    static func optima() throws -> [GAPOptimum] {
        try GAPOptimum.parseTable(text("optima.tsv"), file: "optima.tsv")
    }

    /// The instance an optima row refers to.
    static func instance(for optimum: GAPOptimum) throws -> GAPInstance {
        let all = try instances(optimum.file)
        return try #require(all.indices.contains(optimum.problem - 1) ? all[optimum.problem - 1] : nil)
    }
}

/// One row of `optima.tsv` as a test case.
struct GAPCase: Sendable, CustomTestStringConvertible {
    var optimum: GAPOptimum
    var testDescription: String { "\(optimum.name) \(optimum.sense.rawValue) = \(optimum.bestKnown)" }

    /// gap1–gap12 in both senses: the 120 problems with proven optima.
    static func small() throws -> [GAPCase] {
        try GAPData.optima()
            .filter { $0.file.range(of: #"^gap[0-9]+\.txt$"#, options: .regularExpression) != nil }
            .map { GAPCase(optimum: $0) }
    }
}
