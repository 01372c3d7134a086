import Foundation

/// One instance of the binding-fairness suite: data made by `books generate`, the generated
/// policy.yaml with its fairness (and fit) lines replaced.
///
/// The suite asks of every instance that the plan made with fairness off breaks the band by at
/// least 1 % (``FairBindBenchmark`` measures and records it), so that a fairness method is
/// really tested; the generator options and policy lines below are what made that so, tuned
/// without looking at any solver.
struct BindingInstance: Sendable {
    var name: String
    /// "20k × 250" or "100k × 400".
    var size: String
    var accounts: Int
    var reps: Int
    var seed: UInt64 = 11
    /// More `books generate` options (theaters, states, segments, owned share).
    var generateOptions: [String] = []
    /// hard or soft.
    var fairness: String
    var band = 0.05
    var penalty = 1.0
    /// `assignment.fit` when it differs from the generated policy's (specialty 1.15, incumbent 1.25).
    var fit: (specialty: Double, incumbent: Double)?
    /// `assignment.continuity`: moves per rep and keep_worked. keep_worked is off: with it, a
    /// ramping rep keeps every account it worked, and on these data such a book can be worth more
    /// than a hard band's ceiling (seed 11, 20k × 250: rep R006, ramp 0.25, keeps 24 accounts of
    /// score 1,012, above its ceiling at the group value the fairness-free plan reaches), and
    /// `books plan` refuses the hard variant.
    var continuity = (maxMoves: 25, keepWorked: false)
    /// `assignment.lock_customers` when it differs from the generated policy's (true).
    var lockCustomers: Bool?

    /// The data directory's name: instances differing only in policy share their data.
    var dataName: String {
        "\(accounts)x\(reps)-s\(seed)" + (generateOptions.isEmpty ? "" : "-" + generateOptions.joined(separator: "").replacingOccurrences(of: "--", with: "-"))
    }

    /// `books generate` arguments, without `--out`.
    var generateArguments: [String] {
        ["generate", "--accounts", "\(accounts)", "--reps", "\(reps)", "--seed", "\(seed)"] + generateOptions
    }

    /// The policy lines this instance writes over the generated ones, in `mode` (the instance's
    /// own fairness mode, or `off` for the check).
    func policyLines(mode: String) -> [String] {
        var lines = ["  fairness: { band: \(Self.number(band)), mode: \(mode), penalty: \(Self.number(penalty)) }",
                     "  continuity: { max_moves_per_rep: \(continuity.maxMoves), keep_worked: \(continuity.keepWorked) }"]
        if let lockCustomers { lines.append("  lock_customers: \(lockCustomers)") }
        if let fit { lines.append("  fit: { specialty: \(Self.number(fit.specialty)), incumbent: \(Self.number(fit.incumbent)) }") }
        return lines
    }

    /// The generated policy with this instance's lines in place of the generated ones.
    /// - Throws: when the generated policy has no such line to replace.
    func policy(from generated: String, mode: String) throws -> String {
        var lines = generated.components(separatedBy: "\n")
        for replacement in policyLines(mode: mode) {
            let key = replacement.trimmingCharacters(in: .whitespaces).prefix { $0 != ":" } + ":"
            guard let index = lines.firstIndex(where: { $0.hasPrefix("  " + key) }) else {
                throw FairBindError("the generated policy has no '\(key)' line under assignment to replace")
            }
            lines[index] = replacement
        }
        return lines.joined(separator: "\n")
    }

    static func number(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }
}

/// The binding-fairness instances: the two sizes the targets name, each with hard and soft
/// fairness, and a variety axis (state theaters; stronger incumbency and specialty fit).
enum BindingSuites {
    static let all: [BindingInstance] = [
        BindingInstance(name: "bind-20k-hard", size: "20k × 250", accounts: 20_000, reps: 250, fairness: "hard"),
        BindingInstance(name: "bind-20k-soft", size: "20k × 250", accounts: 20_000, reps: 250, fairness: "soft"),
        BindingInstance(name: "bind-100k-hard", size: "100k × 400", accounts: 100_000, reps: 400, fairness: "hard"),
        BindingInstance(name: "bind-100k-soft", size: "100k × 400", accounts: 100_000, reps: 400, fairness: "soft"),
        // Variety: a regulated seller licensed in 8 states (theaters are states, 2 segments), half
        // the accounts owned, incumbency and specialty weighing more.
        BindingInstance(name: "bind-20k-states-hard", size: "20k × 250", accounts: 20_000, reps: 250,
                        generateOptions: ["--states", "--theaters", "8", "--segments", "2", "--owned-share", "0.5"],
                        fairness: "hard", fit: (specialty: 1.3, incumbent: 1.5)),
    ]
}

/// A problem the suite cannot work around, in one line.
struct FairBindError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
