// swift-tools-version:6.1
import Foundation
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// Every numbered SQL file of `migrations/` ships inside the build as a resource, so the
/// executable never depends on the checkout it was built from.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
func sqlResources(in folder: String) -> [Resource] {
    let root = packageRoot.appendingPathComponent(folder).path
    let paths = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
    return paths.filter { $0.hasSuffix(".sql") }.sorted().map { .copy($0) }
}

let package = Package(
    name: "inventory-hub",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "inventory-hub", targets: ["inventory-hub"]),
        .executable(name: "inventory-bench", targets: ["inventory-bench"]),

    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.3.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CLZ4", pkgConfig: "liblz4", providers: [.apt(["liblz4-dev"])]),
        .systemLibrary(name: "CXLSXWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        .systemLibrary(name: "CCairo", pkgConfig: "cairo-pdf", providers: [.apt(["libcairo2-dev"])]),
        .target(name: "ReportWriters", dependencies: ["CXLSXWriter", "CCairo", "InventoryJSON"], swiftSettings: swiftSettings),
        .testTarget(name: "ReportWritersTests", dependencies: ["ReportWriters", "InventoryJSON"], swiftSettings: swiftSettings),
        .target(name: "InventoryJSON", swiftSettings: swiftSettings),
        .target(name: "InventoryRules", dependencies: ["InventoryJSON"], swiftSettings: swiftSettings),
        .target(
            name: "Ledger",
            dependencies: [
                "PostgresClient", "LZ4Codec", "InventoryJSON",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PostgresClient",
            dependencies: ["CLibPQ", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .target(name: "LZ4Codec", dependencies: ["CLZ4"], swiftSettings: swiftSettings),
        .target(
            name: "Migrations",
            dependencies: ["PostgresClient", .product(name: "Crypto", package: "swift-crypto")],
            path: "migrations",
            resources: sqlResources(in: "migrations"),
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Projections",
            dependencies: ["PostgresClient", "Migrations", "InventoryRules", "InventoryJSON", "Ledger", "LZ4Codec", .product(name: "Crypto", package: "swift-crypto")],
            path: "projections",
            resources: sqlResources(in: "projections"),
            swiftSettings: swiftSettings
        ),
        .target(
            name: "EmbeddedPostgres",
            dependencies: [.product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "InventoryHubAPI",
            dependencies: [
                "PostgresClient", "Projections", "Ledger", "InventoryRules", "InventoryJSON", "Collectors", "Vendors", "ReportWriters",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            exclude: ["Dashboard/screenshots"],
            resources: [.copy("OpenAPI/openapi.json")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "InventoryHubAPITests",
            dependencies: [
                "InventoryHubAPI", "PostgresClient", "Projections", "Ledger", "InventoryRules", "InventoryJSON", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "InventoryHubCLI",
            dependencies: [
                "InventoryHubAPI", "PostgresClient", "LZ4Codec", "Migrations", "Projections", "EmbeddedPostgres", "InventoryJSON", "Ledger",
                "Collectors", "Vendors", "InventoryRules", "VendorSimulators",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(name: "inventory-hub", dependencies: ["InventoryHubCLI"], swiftSettings: swiftSettings),
        .executableTarget(
            name: "inventory-bench",
            dependencies: [
                "Collectors", "Vendors", "VendorSimulators", "Projections", "Ledger", "LZ4Codec", "PostgresClient", "Migrations",
                "EmbeddedPostgres", "InventoryHubAPI", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"), .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Sources/InventoryBench",
            swiftSettings: swiftSettings
        ),

        .target(
            name: "TestSupport",
            dependencies: [
                "PostgresClient", "Migrations", "Projections", "Collectors", "Vendors", "VendorSimulators", "InventoryRules", "InventoryJSON",
                "Ledger", .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/TestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PostgresClientTests", dependencies: ["PostgresClient", "TestSupport", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "MigrationsTests",
            dependencies: ["Migrations", "Projections", "PostgresClient", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LedgerTests",
            dependencies: ["Ledger", "PostgresClient", "InventoryJSON", "TestSupport", "Collectors", "Vendors", "VendorSimulators"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ProjectionsTests",
            dependencies: [
                "Projections", "Ledger", "PostgresClient", "InventoryJSON", "InventoryRules", "VendorSimulators", "Vendors", "Collectors",
                "TestSupport", .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "EmbeddedPostgresTests", dependencies: ["EmbeddedPostgres"], swiftSettings: swiftSettings),
        .testTarget(name: "LZ4CodecTests", dependencies: ["LZ4Codec"], swiftSettings: swiftSettings),
        .testTarget(name: "InventoryJSONTests", dependencies: ["InventoryJSON"], swiftSettings: swiftSettings),
        .testTarget(name: "InventoryRulesTests", dependencies: ["InventoryRules", "InventoryJSON"], swiftSettings: swiftSettings),
        .target(
            name: "Vendors",
            dependencies: [
                "InventoryJSON",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "VendorSimulators",
            dependencies: [
                "InventoryJSON",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Collectors",
            dependencies: [
                "Vendors", "Ledger", "InventoryRules", "InventoryJSON", "PostgresClient",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CollectorsTests",
            dependencies: [
                "Collectors", "Vendors", "VendorSimulators", "Ledger", "InventoryRules", "InventoryJSON", "PostgresClient", "TestSupport", "EmbeddedPostgres",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "VendorsTests",
            dependencies: [
                "Vendors", "VendorSimulators", "InventoryJSON", "InventoryRules", "TestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
