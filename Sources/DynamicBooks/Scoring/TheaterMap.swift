/// The policy's theater map as lookup tables: country first, then state.
///
/// A theater may map countries and/or states. An account's theater is the first theater (in
/// policy order) listing its country; failing that, the first listing its state. Codes are
/// compared case-insensitively.
public struct TheaterMap: Sendable {
    private var byCountry: [String: String] = [:]
    private var byState: [String: String] = [:]

    public init(_ theaters: [TheaterRule]) {
        for theater in theaters {
            for country in theater.countries where byCountry[country.uppercased()] == nil {
                byCountry[country.uppercased()] = theater.name
            }
            for state in theater.states where byState[state.uppercased()] == nil {
                byState[state.uppercased()] = theater.name
            }
        }
    }

    /// The theater of an account at `country`/`state`, or `nil` when the map has none.
    public func theater(country: String?, state: String?) -> String? {
        if let country, !country.isEmpty, let name = byCountry[country] ?? byCountry[country.uppercased()] {
            return name
        }
        if let state, !state.isEmpty, let name = byState[state] ?? byState[state.uppercased()] {
            return name
        }
        return nil
    }
}
