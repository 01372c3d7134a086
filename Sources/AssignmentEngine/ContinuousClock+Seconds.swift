extension ContinuousClock.Instant {
    /// Seconds since this instant.
    var secondsElapsed: Double { seconds(until: .now) }

    /// Seconds from this instant to `later` (negative when `later` is earlier).
    func seconds(until later: ContinuousClock.Instant) -> Double {
        let d = later - self
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
