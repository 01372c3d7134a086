extension Int {
    /// `value` rounded toward zero and brought within `Int.min ... Int.max` (NaN is 0), where
    /// `Int(_:)` would trap. For numbers derived from data, which no conversion may crash on.
    package init(saturating value: Double) {
        if value.isNaN {
            self = 0
        } else if value >= 9.223372036854775807e18 {
            self = .max
        } else if value <= -9.223372036854775808e18 {
            self = .min
        } else {
            self = Int(value)
        }
    }
}
