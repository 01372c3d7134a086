import Foundation
import Yams

/// The documented default behaviour model, read from `simulation.yaml`:
///
/// ```yaml
/// work_rate: 0.25            # share of capacity (accounts) a fully diligent rep works per week
/// diligence: { min: 0.35, max: 0.95 }   # per rep, uniform in this range (or `per_rep:` from --db)
/// view_noise: 15             # score points of noise in a rep's view when picking what to work
/// opportunity: { max: 0.06, exponent: 2 }   # chance per worked week = max × (score/100)^exponent
/// opportunity_by_tier: {}    # or per tier, e.g. { A: 0.05, B: 0.03 } (overrides the curve)
/// conversion: 0.25           # an opened opportunity converts to a customer
/// return_chance: 0.1         # per week, for an account unproductive past the hold
/// inbound_per_week: 20
/// ```
public struct StandardBehaviour: BehaviourModel, Equatable, Codable {
    public var workRate = 0.25
    public var diligenceMin = 0.35
    public var diligenceMax = 0.95
    /// Per rep diligence (estimated from a workspace); reps not listed draw from the range.
    public var diligenceByRep: [RepID: Double] = [:]
    public var viewNoise = 15.0
    public var opportunityMax = 0.06
    public var opportunityExponent = 2.0
    /// Per tier chance per worked week; a tier listed here ignores the curve.
    public var opportunityByTier: [Tier: Double] = [:]
    public var conversionChance = 0.25
    public var returnChance = 0.1
    public var inboundPerWeek = 20

    public init() {}

    public func diligence(of rep: Rep, draw: Double) -> Double {
        diligenceByRep[rep.id] ?? diligenceMin + (diligenceMax - diligenceMin) * draw
    }

    public func opportunityChance(score: Double, tier: Tier) -> Double {
        if let rate = opportunityByTier[tier] { return rate }
        return opportunityMax * pow(max(0, min(100, score)) / 100, opportunityExponent)
    }

    private enum CodingKeys: String, CodingKey {
        case workRate, diligenceMin, diligenceMax, diligenceByRep, viewNoise, opportunityMax, opportunityExponent
        case opportunityByTier, conversionChance, returnChance, inboundPerWeek
    }

    /// Maps keyed by rep or tier are written as JSON objects keyed by the id or tier name, so a
    /// sorted-keys encoder writes them in one order (a dictionary with other keys would be an
    /// array in hash order).
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(workRate, forKey: .workRate); try c.encode(diligenceMin, forKey: .diligenceMin)
        try c.encode(diligenceMax, forKey: .diligenceMax)
        try c.encode(Dictionary(uniqueKeysWithValues: diligenceByRep.map { ($0.key.rawValue, $0.value) }), forKey: .diligenceByRep)
        try c.encode(viewNoise, forKey: .viewNoise); try c.encode(opportunityMax, forKey: .opportunityMax)
        try c.encode(opportunityExponent, forKey: .opportunityExponent)
        try c.encode(Dictionary(uniqueKeysWithValues: opportunityByTier.map { ($0.key.rawValue, $0.value) }), forKey: .opportunityByTier)
        try c.encode(conversionChance, forKey: .conversionChance); try c.encode(returnChance, forKey: .returnChance)
        try c.encode(inboundPerWeek, forKey: .inboundPerWeek)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        workRate = try c.decode(Double.self, forKey: .workRate); diligenceMin = try c.decode(Double.self, forKey: .diligenceMin)
        diligenceMax = try c.decode(Double.self, forKey: .diligenceMax)
        diligenceByRep = Dictionary(uniqueKeysWithValues: try c.decode([String: Double].self, forKey: .diligenceByRep)
            .map { (RepID($0.key), $0.value) })
        viewNoise = try c.decode(Double.self, forKey: .viewNoise); opportunityMax = try c.decode(Double.self, forKey: .opportunityMax)
        opportunityExponent = try c.decode(Double.self, forKey: .opportunityExponent)
        opportunityByTier = Dictionary(uniqueKeysWithValues: try c.decode([String: Double].self, forKey: .opportunityByTier)
            .compactMap { key, value in Tier(rawValue: key).map { ($0, value) } })
        conversionChance = try c.decode(Double.self, forKey: .conversionChance)
        returnChance = try c.decode(Double.self, forKey: .returnChance)
        inboundPerWeek = try c.decode(Int.self, forKey: .inboundPerWeek)
    }

    /// The keys `simulation.yaml` may hold.
    public static let keys: Set<String> = ["work_rate", "diligence", "view_noise", "opportunity", "opportunity_by_tier",
                                           "conversion", "return_chance", "inbound_per_week"]

    /// Reads `simulation.yaml`; a missing key keeps its default.
    /// - Throws: ``ScenarioError/badParameter(name:value:rule:)`` for an unknown key or a value out of range,
    ///   ``ScenarioError/unreadable(path:detail:)`` for text that is not YAML.
    public static func parse(_ text: String, name: String) throws -> StandardBehaviour {
        var model = StandardBehaviour()
        let node: Any?
        do { node = try Yams.load(yaml: text) } catch { throw ScenarioError.unreadable(path: name, detail: "not YAML (\(error))") }
        guard let node else { return model }
        guard let map = node as? [String: Any] else { throw ScenarioError.unreadable(path: name, detail: "not a map of keys") }
        func fail(_ key: String, _ value: Any, _ rule: String) -> ScenarioError {
            .badParameter(name: "\(name): \(key)", value: "\(value)", rule: rule)
        }
        func number(_ key: String, _ value: Any, in range: ClosedRange<Double>) throws -> Double {
            let x: Double? = (value as? Double) ?? (value as? Int).map(Double.init)
            guard let x, x.isFinite, range.contains(x) else {
                throw fail(key, value, "must be a number in \(range.lowerBound)…\(range.upperBound)")
            }
            return x
        }
        func submap(_ key: String, _ value: Any, keys: Set<String>) throws -> [String: Any] {
            guard let sub = value as? [String: Any] else { throw fail(key, value, "must be a map") }
            if let unknown = sub.keys.sorted().first(where: { !keys.contains($0) }) {
                throw fail("\(key).\(unknown)", sub[unknown] ?? "", "is not a key (known: \(keys.sorted().joined(separator: ", ")))")
            }
            return sub
        }
        for key in map.keys.sorted() {
            let value = map[key] ?? ""
            switch key {
            case "work_rate": model.workRate = try number(key, value, in: 0 ... 1)
            case "view_noise": model.viewNoise = try number(key, value, in: 0 ... 100)
            case "conversion": model.conversionChance = try number(key, value, in: 0 ... 1)
            case "return_chance": model.returnChance = try number(key, value, in: 0 ... 1)
            case "inbound_per_week": model.inboundPerWeek = Int(try number(key, value, in: 0 ... 100_000))
            case "diligence":
                let sub = try submap(key, value, keys: ["min", "max"])
                if let v = sub["min"] { model.diligenceMin = try number("diligence.min", v, in: 0 ... 1) }
                if let v = sub["max"] { model.diligenceMax = try number("diligence.max", v, in: 0 ... 1) }
                guard model.diligenceMin <= model.diligenceMax else { throw fail(key, value, "needs min ≤ max") }
            case "opportunity":
                let sub = try submap(key, value, keys: ["max", "exponent"])
                if let v = sub["max"] { model.opportunityMax = try number("opportunity.max", v, in: 0 ... 1) }
                if let v = sub["exponent"] { model.opportunityExponent = try number("opportunity.exponent", v, in: 0 ... 10) }
            case "opportunity_by_tier":
                let sub = try submap(key, value, keys: ["A", "B", "C", "D"])
                for (tier, v) in sub { model.opportunityByTier[Tier(rawValue: tier)!] = try number("\(key).\(tier)", v, in: 0 ... 1) }
            default:
                throw fail(key, value, "is not a key of simulation.yaml (known: \(keys.sorted().joined(separator: ", ")))")
            }
        }
        return model
    }

    /// The defaults as `simulation.yaml` text (what `books simulate --write-model` writes).
    public var yaml: String {
        """
        # The behaviour model of `books simulate` (see README "Simulate").
        work_rate: \(workRate)            # share of capacity (accounts) a fully diligent rep works per week
        diligence: { min: \(diligenceMin), max: \(diligenceMax) }   # per rep, uniform in this range
        view_noise: \(viewNoise)          # score points of noise in a rep's view when picking what to work
        opportunity: { max: \(opportunityMax), exponent: \(opportunityExponent) }   # max × (score/100)^exponent per worked week
        conversion: \(conversionChance)           # an opened opportunity converts (the account becomes a customer)
        return_chance: \(returnChance)         # per week, for an account unproductive past the policy's hold
        inbound_per_week: \(inboundPerWeek)

        """
    }
}
