// swift-tools-version:6.0
// A stand-alone comparison of the two CSV packages DynamicBooks could read accounts with.
// Not part of the main package: `swift build -c release` here, then see ../README.md.
import PackageDescription

let package = Package(
    name: "CSVPackages",
    dependencies: [
        .package(url: "https://github.com/yaslab/CSV.swift", exact: "2.5.2"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", exact: "0.10.0"),
    ],
    targets: [
        .executableTarget(
            name: "CSVPackages",
            dependencies: [
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "SwiftCSV", package: "SwiftCSV"),
            ]
        ),
    ],
    swiftLanguageModes: [.v5]
)
