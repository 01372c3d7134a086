/// The Okabe–Ito palette: eight colours that stay distinguishable with the common forms of
/// colour blindness (Okabe & Ito, "Color Universal Design", 2008).
///
/// Series take ``series`` in order; status colours keep one meaning across the report
/// (blue = within the band or the threshold, vermillion = below, orange = above).
public enum ChartPalette {
    public static let black = "#000000"
    public static let orange = "#E69F00"
    public static let skyBlue = "#56B4E9"
    public static let bluishGreen = "#009E73"
    public static let yellow = "#F0E442"
    public static let blue = "#0072B2"
    public static let vermillion = "#D55E00"
    public static let reddishPurple = "#CC79A7"

    /// Colours for series, in the order they are assigned.
    public static let series = [blue, orange, bluishGreen, vermillion, reddishPurple, skyBlue, yellow, black]

    /// The colour of series `index` (cycling past eight).
    public static func series(_ index: Int) -> String { series[((index % series.count) + series.count) % series.count] }

    /// Grid lines and axes.
    static let grid = "#D9D9D9"
    static let axis = "#595959"
    /// Text on the light background (contrast above 7:1).
    static let ink = "#1A1A1A"
    /// Shaded ranges (the fairness band).
    static let band = "#56B4E9"
}
