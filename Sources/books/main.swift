import ArgumentParser
import BooksCLI
import Foundation

// Exit status (SPEC §10): 0 success, 1 bad input or refused, 2 usage (ArgumentParser's own
// usage errors exit 64; they are reported the same way with status 2).
do {
    var command = try BooksCommand.parseAsRoot()
    try command.run()
} catch {
    if BooksCommand.exitCode(for: error) == .validationFailure {
        FileHandle.standardError.write(Data((BooksCommand.fullMessage(for: error) + "\n").utf8))
        exit(2)
    }
    BooksCommand.exit(withError: error)
}
