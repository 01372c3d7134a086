import Foundation

extension Generator {
    /// Accounts with firmographics and signals, no owners yet.
    func makeAccounts(plan: SegmentPlan, using rng: inout some RandomNumberGenerator) -> [Account] {
        let n = configuration.accounts
        let places = PlaceTable(configuration: configuration)
        let industryWeights = Vocabulary.industries.map(\.share)
        let width = max(6, String(n).count)
        var accounts: [Account] = []
        accounts.reserveCapacity(n)
        for i in 0 ..< n {
            let id = AccountID("A" + zeroPadded(i + 1, width))
            let name = rng.pick(Vocabulary.namePrefixes) + " " + rng.pick(Vocabulary.nameCores)
                + rng.pick(Vocabulary.nameSuffixes)
            let (country, state) = places.draw(using: &rng)
            let industry = Vocabulary.industries[rng.weightedIndex(industryWeights)]
            let employees = min(250_000, max(1, rng.logNormal(median: 60, sigma: 1.5).rounded()))
            let revenue = (employees * industry.revenuePerEmployee * rng.logNormal(median: 1, sigma: 0.45) / 1000)
                .rounded() * 1000
            var attributes: [String: String] = [:]
            // Intent is skewed low: a fifth of accounts are in market. One in ten has no reading.
            if !rng.chance(0.1) { attributes["intent"] = String(Int(100 * pow(rng.unit(), 1.5))) }
            let visits = rng.chance(0.2) ? 0 : min(500, Int(rng.logNormal(median: 6, sigma: 1.1)))
            attributes["web_visits_30d"] = String(visits)
            accounts.append(Account(id: id, name: name, country: country, state: state,
                                    industry: industry.name, employees: employees,
                                    annualRevenue: revenue, attributes: attributes))
        }
        return accounts
    }

    /// Parent/child families: about one in four companies of 1,000+ employees is a parent with
    /// one to four children, which take the parent's country and segment.
    /// - Returns: for each account, the index of its parent, or -1.
    func makeFamilies(_ accounts: inout [Account], plan: SegmentPlan, using rng: inout some RandomNumberGenerator) -> [Int] {
        let n = accounts.count
        var parentOf = [Int](repeating: -1, count: n)
        guard n >= 10 else { return parentOf }
        var role = [UInt8](repeating: 0, count: n)   // 1 = parent, 2 = child
        for p in 0 ..< n where role[p] == 0 && (accounts[p].employees ?? 0) >= 1000 && rng.chance(0.25) {
            role[p] = 1
            let parentSegment = plan.names[plan.segment(employees: accounts[p].employees ?? 0)]
            for _ in 0 ..< rng.int(in: 1 ... 4) {
                let c = rng.below(n)
                guard role[c] == 0 else { continue }
                role[c] = 2
                parentOf[c] = p
                accounts[c].parentID = accounts[p].id
                accounts[c].country = accounts[p].country
                accounts[c].state = accounts[p].state
                accounts[c].segment = parentSegment
            }
        }
        return parentOf
    }

    /// Return requests by owners (and, one in ten, by a rep who does not own the account), dated
    /// in the week before the as-of day.
    func makeReturns(accounts: [Account], policy: Policy, using rng: inout some RandomNumberGenerator) -> [ReturnRequest] {
        let owned = accounts.indices.filter { accounts[$0].owner != nil && !accounts[$0].locked }
        guard !owned.isEmpty else { return [] }
        let reasons = policy.returns.reasons.keys.sorted()
        let owners = Array(Set(owned.compactMap { accounts[$0].owner })).sorted()
        var requests: [ReturnRequest] = []
        var used = Set<Int>()
        for _ in 0 ..< min(owned.count, max(3, accounts.count / 1000)) {
            let a = owned[rng.below(owned.count)]
            guard used.insert(a).inserted, let owner = accounts[a].owner else { continue }
            let rep = rng.chance(0.1) ? rng.pick(owners) : owner
            requests.append(ReturnRequest(accountID: accounts[a].id, repID: rep,
                                          date: configuration.asOf - rng.int(in: 0 ... 6),
                                          reason: rng.pick(reasons), note: rng.pick(Vocabulary.returnNotes)))
        }
        return requests.sorted { ($0.date, $0.accountID) < ($1.date, $1.accountID) }
    }
}

/// `n` in decimal, left-padded with zeros to `width` digits.
func zeroPadded(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

/// Where accounts are: country (and state) with their shares, including places no theater maps.
struct PlaceTable {
    var places: [(country: String?, states: [String], stateWeights: [Double])] = []
    var weights: [Double] = []

    init(configuration: Generator.Configuration) {
        if configuration.states {
            // A regulated seller's CRM: US accounts, most in the states it is licensed in.
            let licensed = Set(Vocabulary.licensedStates.prefix(configuration.theaters))
            let states = Vocabulary.usStates.map { ($0.code, licensed.contains($0.code) ? $0.share * 6 : $0.share) }
            places = [("US", states.map(\.0), states.map(\.1))]
            weights = [1]
        } else {
            for theater in Vocabulary.theaters {
                for country in theater.countries {
                    let states: [(code: String, share: Double)] =
                        country.code == "US" ? Vocabulary.usStates
                        : country.code == "CA" ? Vocabulary.canadianProvinces : []
                    places.append((country.code, states.map(\.code), states.map(\.share)))
                    weights.append(theater.share * country.share)
                }
            }
            // Records with no country at all.
            places.append((nil, [], []))
            weights.append(0.01)
        }
    }

    func draw(using rng: inout some RandomNumberGenerator) -> (country: String?, state: String?) {
        let place = places[rng.weightedIndex(weights)]
        guard !place.states.isEmpty else { return (place.country, nil) }
        return (place.country, place.states[rng.weightedIndex(place.stateWeights)])
    }
}
