import BooksService
@testable import BooksCLI
import Testing

@Suite("books serve --help")
struct ServeHelpTests {
    /// The help's endpoint list comes from the service's route table, so it names every route
    /// the router serves, and no other.
    @Test("lists every endpoint of the service's route table")
    func listsEveryEndpoint() {
        let help = ServeCommand.helpMessage(columns: 10_000)
        let names = ServiceEndpoints.names
        #expect(names.count >= 6)
        for name in names { #expect(help.contains(name), "\(name) missing from serve --help") }
        #expect(help.contains("Endpoints: " + names.joined(separator: ", ") + " ("))
    }
}
