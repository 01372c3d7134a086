import ArgumentParser
import Foundation

/// How a summary command prints its result.
enum OutputFormat: String, CaseIterable, ExpressibleByArgument, Sendable {
    /// Aligned columns for people (the default).
    case table
    /// One JSON document: sorted keys, indented, for scripts.
    case json
    /// RFC 4180 CSV with a header row, for spreadsheets.
    case csv
}

/// `--format table|json|csv`, and `--json` as a short form of `--format json`.
///
/// ```swift
/// @OptionGroup var output: OutputOptions
/// …
/// try output.emit(json: { try OutputJSON.string(result) },
///                 csv: { TextTable(columns: …, rows: …) },
///                 table: { text(result) })
/// ```
struct OutputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Output format: table, json or csv.", valueName: "format"))
    var format: OutputFormat?

    @Flag(help: "Print JSON (the same as --format json).")
    var json = false

    @Flag(name: .shortAndLong, help: "Print nothing on success (errors still go to standard error).")
    var quiet = false

    func validate() throws {
        if json, let format, format != .json {
            throw ValidationError("--json and --format \(format.rawValue) disagree; give one of them")
        }
    }

    /// The format asked for.
    var resolved: OutputFormat { json ? .json : format ?? .table }

    /// Prints the command's output in the format asked for, or nothing with `--quiet`.
    func emit(json: () throws -> String, csv: () throws -> TextTable, table: () throws -> String) rethrows {
        guard !quiet else { return }
        print(try resolved.render(json: json, csv: csv, table: table))
    }
}

extension OutputFormat {
    /// The output of a command in this format; only the chosen form is built.
    /// - Parameters:
    ///   - json: the JSON document (`--format json`, `--json`).
    ///   - csv: the rows of `--format csv`.
    ///   - table: the text for people (`--format table`, the default).
    func render(json: () throws -> String, csv: () throws -> TextTable, table: () throws -> String) rethrows -> String {
        switch self {
        case .json: return try json()
        case .csv: return try csv().csv()
        case .table: return try table()
        }
    }
}

/// JSON as every summary command prints it: snake_case keys, sorted, indented, slashes
/// unescaped, no final newline (SPEC §10).
enum OutputJSON {
    static func string(_ value: some Encodable) throws -> String {
        try TerminalOutput.json(value)
    }
}

/// Rows of text cells under column titles, printed as aligned columns or as CSV.
struct TextTable: Sendable, Equatable {
    struct Column: Sendable, Equatable {
        var title: String
        /// Right-aligned (numbers) in the text form.
        var numeric: Bool
        init(_ title: String, numeric: Bool = false) { self.title = title; self.numeric = numeric }
    }

    var columns: [Column]
    var rows: [[String]]

    init(columns: [Column], rows: [[String]]) { self.columns = columns; self.rows = rows }

    /// Columns padded to their widest cell, the header underlined, two spaces between columns,
    /// no trailing spaces.
    func text() -> String {
        var widths = columns.map(\.title.count)
        for row in rows {
            for (c, cell) in row.enumerated() where c < widths.count { widths[c] = max(widths[c], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            var out = ""
            for (c, width) in widths.enumerated() {
                let cell = c < cells.count ? cells[c] : ""
                let pad = String(repeating: " ", count: max(0, width - cell.count))
                if c > 0 { out += "  " }
                out += columns[c].numeric ? pad + cell : cell + pad
            }
            while out.last == " " { out.removeLast() }
            return out
        }
        let lines = [line(columns.map(\.title)), line(widths.map { String(repeating: "─", count: $0) })] + rows.map(line)
        return lines.joined(separator: "\n")
    }

    /// RFC 4180: a header row, fields quoted only when they hold a comma, a quote or a line break.
    func csv() -> String {
        func field(_ text: String) -> String {
            guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return ([columns.map(\.title)] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\n")
    }
}
