extension Policy {
    /// `C(r)`: a rep's capacity in workload units after ramp (``Rep/capacity(under:)``), never
    /// negative. A rep without a capacity column in a segment without a capacity model has 0: it
    /// gets no new accounts and the plan's summary shows why.
    public func plannedCapacity(of rep: Rep) -> Double {
        let capacity = rep.capacity(under: self)
        return capacity.isFinite ? max(0, capacity) : 0
    }
}
