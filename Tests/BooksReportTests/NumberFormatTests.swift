@testable import BooksReport
import Testing

@Suite("Report number formatting")
struct NumberFormatTests {
    @Test(arguments: [
        (12.0, NumberFormat.integer, "12"),
        (12.5, NumberFormat.number(decimals: 1), "12.5"),
        (12.0, NumberFormat.number(decimals: 2), "12"),
        (-0.0001, NumberFormat.number(decimals: 2), "0"),
        (0.625, NumberFormat.percent(decimals: 1), "62.5%"),
        (0.6, NumberFormat.percent(decimals: 0), "60%"),
        (1.0, NumberFormat.ratio, "1.00"),
        (0.955, NumberFormat.ratio, "0.96"),
        (1234567.25, NumberFormat.number(decimals: 1), "1234567.3"),
    ])
    func formats(value: Double, format: NumberFormat, expected: String) {
        #expect(format.string(value) == expected)
    }
}
