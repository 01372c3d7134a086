extension Rep {
    /// The rep's capacity before ramp: the `capacity` column, else the policy's model for the
    /// rep's segment; `nil` when neither gives one.
    public func baseCapacity(under policy: Policy) -> Double? {
        capacity ?? policy.capacity[segment]?.units
    }

    /// C(r) = capacity × ramp, in workload units (0 when the rep has no capacity).
    ///
    /// The SMB model of SPEC §2 gives `floor(15 × 60 × 4 ÷ (6 × 4))` = 150 units.
    public func capacity(under policy: Policy) -> Double {
        (baseCapacity(under: policy) ?? 0) * ramp
    }
}
