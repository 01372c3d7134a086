// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "DynamicBooks",
    // macOS 15: `Mutex` (Synchronization) guards shared state in BooksStore, the CLI, the benchmarks
    // and the tests; it is the Swift 6 standard lock and first ships there.
    platforms: [.macOS(.v15)],
    products: [
        // MARK: - Public API
        .library(name: "DynamicBooks", targets: ["DynamicBooks"]),
        .library(name: "AssignmentEngine", targets: ["AssignmentEngine"]),
        .library(name: "BooksStore", targets: ["BooksStore"]),
        .library(name: "BooksReport", targets: ["BooksReport"]),
        .executable(name: "books", targets: ["books"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
    ],
    targets: [
        // MARK: - Public API

        /// A generic capacity-constrained assignment engine: items, bins, arcs, side rows.
        /// Knows nothing of sales.
        .target(
            name: "AssignmentEngine",
            dependencies: ["CGLPK", "CGLPKGuard"]
        ),
        /// The sales domain: accounts, reps, policy, scoring, capacity, planning.
        .target(
            name: "DynamicBooks",
            dependencies: [
                "AssignmentEngine",
                .product(name: "Yams", package: "Yams"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "Collections", package: "swift-collections"),
            ]
        ),
        /// The workspace: accounts, reps, books and the append-only ledger in SQLite.
        .target(
            name: "BooksStore",
            dependencies: [
                "AssignmentEngine",
                "DynamicBooks",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        /// The HTML report: SVG charts of our own and a self-contained page built from a plan
        /// folder or a workspace.
        .target(
            name: "BooksReport",
            dependencies: [
                "AssignmentEngine",
                "DynamicBooks",
                "BooksStore",
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        /// The routing service over HTTP (Hummingbird): route, returns, books, health, metrics.
        .target(
            name: "BooksService",
            dependencies: [
                "DynamicBooks",
                "BooksStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        /// The `books` subcommands, as a library so tests can drive them in process.
        .target(
            name: "BooksCLI",
            dependencies: [
                "AssignmentEngine",
                "DynamicBooks",
                "BooksStore",
                "BooksReport",
                "BooksService",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "books",
            dependencies: ["BooksCLI"]
        ),

        // MARK: - Implementation details

        /// GLPK's C API as a system library (Debian: libglpk-dev, Homebrew: glpk; no pkg-config file).
        .systemLibrary(
            name: "CGLPK",
            providers: [.apt(["libglpk-dev"]), .brew(["glpk"])]
        ),
        /// setjmp/longjmp guards around GLPK calls, so GLPK's internal errors become return codes
        /// instead of `abort()`. Must be C: a longjmp may never cross Swift frames.
        .target(
            name: "CGLPKGuard",
            dependencies: ["CGLPK"],
            linkerSettings: [.linkedLibrary("glpk")]
        ),

        // MARK: - Benchmarks

        .executableTarget(
            name: "BooksBenchmarks",
            dependencies: [
                "AssignmentEngine",
                "DynamicBooks",
                "BooksStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "benchmarks/Harness"
        ),

        // MARK: - Tests

        /// What several test targets share: the fuzz runs' counts and report.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "AssignmentEngineTests", dependencies: ["AssignmentEngine", "CGLPK", "CGLPKGuard", "TestSupport"]),
        .testTarget(name: "DynamicBooksTests", dependencies: ["AssignmentEngine", "DynamicBooks", "TestSupport"]),
        .testTarget(
            name: "BooksStoreTests",
            dependencies: ["AssignmentEngine", "DynamicBooks", "BooksStore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "BooksReportTests", dependencies: ["AssignmentEngine", "DynamicBooks", "BooksStore", "BooksReport"]),
        .testTarget(name: "BooksCLITests", dependencies: ["AssignmentEngine", "DynamicBooks", "BooksStore", "BooksService", "BooksCLI", "books"]),
        .testTarget(
            name: "BooksServiceTests",
            dependencies: [
                "BooksService",
                "books",
                "BooksStore",
                "DynamicBooks",
                "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        /// Imports only the public `DynamicBooks` module: the embedding example must keep compiling.
        .testTarget(name: "PublicAPITests", dependencies: ["DynamicBooks"]),
    ],
    swiftLanguageModes: [.v6]
)
