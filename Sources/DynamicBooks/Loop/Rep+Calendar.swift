/// A rep over time: when it starts, ramps, counts as new.
extension Rep {
    /// The first day of the rep's current stint: the end of its leave for a rep back from leave,
    /// else its start date.
    public var stintStart: Day? {
        status == .leave ? unavailableUntil : startDate
    }

    /// Whether the rep is new on `day`: available, and its stint began less than
    /// `assignment.topoff.new_rep_days` days before.
    public func isNew(on day: Day, policy: AssignmentPolicy) -> Bool {
        guard isAvailable(on: day), let start = stintStart, start <= day else { return false }
        return day - start < policy.newRepDays
    }

    /// The rep as planned on `day`: with `assignment.topoff.ramp_weeks` N > 0 and a start date,
    /// week k of the stint (k = 1, 2, …) gets `min(ramp, k / N)` of the capacity.
    public func ramped(on day: Day, policy: AssignmentPolicy) -> Rep {
        guard policy.rampWeeks > 0, let start = stintStart, day >= start else { return self }
        let week = (day - start) / 7 + 1
        guard week < policy.rampWeeks else { return self }
        var copy = self
        copy.ramp = Swift.min(ramp, Double(week) / Double(policy.rampWeeks))
        return copy
    }
}
