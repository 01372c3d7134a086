/// A linear map from data values to pixels over a "nice" domain (ends and ticks on 1, 2 or 5
/// times a power of ten), so axes read 0, 20, 40… rather than 0, 17.3, 34.6…
struct LinearScale {
    /// The domain after rounding out to whole ticks.
    var lower: Double
    var upper: Double
    /// Pixel positions of ``lower`` and ``upper``.
    var start: Double
    var end: Double
    /// Tick values from ``lower`` to ``upper``.
    var ticks: [Double]

    /// - Parameters:
    ///   - minimum: smallest value to show (0 for bars).
    ///   - maximum: largest value to show; a domain without extent becomes `minimum … minimum + 1`.
    ///   - start: pixel of the lower end.
    ///   - end: pixel of the upper end.
    ///   - tickCount: about how many intervals.
    ///   - integers: ticks on whole numbers only (counts).
    init(minimum: Double, maximum: Double, start: Double, end: Double, tickCount: Int = 5, integers: Bool = false) {
        var low = minimum.isFinite ? minimum : 0
        var high = maximum.isFinite ? maximum : 1
        if high < low { swap(&low, &high) }
        if high - low < 1e-12 { high = low + (low == 0 ? 1 : abs(low) * 0.1) }
        var step = Self.niceStep((high - low) / Double(max(1, tickCount)))
        if integers { step = max(1, step.rounded(.up)) }
        lower = (low / step).rounded(.down) * step
        upper = (high / step).rounded(.up) * step
        if upper <= lower { upper = lower + step }
        self.start = start
        self.end = end
        var ticks: [Double] = []
        var k = 0
        while true {
            let value = lower + Double(k) * step
            if value > upper + step * 1e-9 { break }
            ticks.append(abs(value) < step * 1e-9 ? 0 : value)
            k += 1
        }
        self.ticks = ticks
    }

    /// The pixel of `value` (clamped to the domain).
    func callAsFunction(_ value: Double) -> Double {
        let v = min(max(value.isFinite ? value : lower, lower), upper)
        return start + (v - lower) / (upper - lower) * (end - start)
    }

    /// The step of 1, 2 or 5 times a power of ten nearest `raw` on a log scale (the rule of
    /// d3's `tickIncrement`: up to ×10 from √50, ×5 from √10, ×2 from √2).
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        var power = 1.0
        while power * 10 <= raw { power *= 10 }
        while power > raw { power /= 10 }
        let error = raw / power
        let factor: Double = error >= 50.0.squareRoot() ? 10 : error >= 10.0.squareRoot() ? 5 : error >= 2.0.squareRoot() ? 2 : 1
        return factor * power
    }
}
