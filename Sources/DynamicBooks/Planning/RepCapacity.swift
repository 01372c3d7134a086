extension Policy {
    /// A rep's capacity in workload units after ramp: `(rep.capacity ?? capacity model of the
    /// rep's segment ?? 0) × rep.ramp`, never negative.
    ///
    /// A segment without a capacity model and a rep without a capacity column give 0: such a rep
    /// gets no new accounts and the plan's summary shows why.
    public func plannedCapacity(of rep: Rep) -> Double {
        let base = rep.capacity ?? capacityModel(forSegment: rep.segment)?.units ?? 0
        let capacity = base * rep.ramp
        return capacity.isFinite ? max(0, capacity) : 0
    }

    /// The capacity model of a segment, matching names case-insensitively.
    func capacityModel(forSegment segment: String) -> CapacityModel? {
        if let model = capacity[segment] { return model }
        let key = segment.lowercased()
        return capacity.filter { $0.key.lowercased() == key }.min { $0.key < $1.key }?.value
    }
}
