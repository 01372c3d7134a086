// Reads one CSV file with one package in one way, touching every field, and prints
// rows, fields, bytes of field text and seconds. Run each mode under /usr/bin/time -v.
//
//   CSVPackages <mode> <file>
//   modes: csvswift-stream   CSV.swift CSVReader over an InputStream on the file
//          csvswift-data     CSV.swift CSVReader over an InputStream on the file read once as Data
//          csvswift-string   CSV.swift CSVReader over the file read once as a String
//          swiftcsv-rows     SwiftCSV EnumeratedCSV(url:) (all rows in memory)
//          swiftcsv-enum     SwiftCSV enumerateAsArray over the file's text (row callback)
import CSV
import Foundation
import SwiftCSV

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write("usage: CSVPackages <mode> <file>\n".data(using: .utf8)!)
    exit(2)
}
let mode = arguments[1], path = arguments[2]
let start = Date()
var rows = 0, fields = 0, bytes = 0

func touch(_ row: [String]) {
    rows += 1
    fields += row.count
    for field in row { bytes += field.utf8.count }
}

switch mode {
case "csvswift-stream":
    let reader = try CSVReader(stream: InputStream(fileAtPath: path)!, hasHeaderRow: true)
    while let row = reader.next() { touch(row) }
case "csvswift-data":
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    let reader = try CSVReader(stream: InputStream(data: data), hasHeaderRow: true)
    while let row = reader.next() { touch(row) }
case "csvswift-string":
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let reader = try CSVReader(string: text, hasHeaderRow: true)
    while let row = reader.next() { touch(row) }
case "swiftcsv-rows":
    let csv = try EnumeratedCSV(url: URL(fileURLWithPath: path), delimiter: .comma, loadColumns: false)
    for row in csv.rows { touch(row) }
case "swiftcsv-enum":
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let csv = try EnumeratedCSV(string: text, delimiter: .comma, loadColumns: false, rowLimit: 0)
    try csv.enumerateAsArray(startAt: 1, rowLimit: nil) { touch($0) }
default:
    FileHandle.standardError.write("unknown mode \(mode)\n".data(using: .utf8)!)
    exit(2)
}
print("\(mode): \(rows) rows, \(fields) fields, \(bytes) bytes in \(String(format: "%.2f", Date().timeIntervalSince(start))) s")
