// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "sandbox-refresh",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "sandbox-refresh", targets: ["sandbox-refresh"]),
        .library(name: "YAMLDocument", targets: ["YAMLDocument"]),
        .library(name: "RefreshPlan", targets: ["RefreshPlan"]),
        .library(name: "PIIScanner", targets: ["PIIScanner"]),
        .library(name: "GenesysWire", targets: ["GenesysWire"]),
        .library(name: "PlanGraph", targets: ["PlanGraph"]),
        .library(name: "GenesysClient", targets: ["GenesysClient"]),
        .library(name: "EmulatorCore", targets: ["EmulatorCore"]),
        .library(name: "Executor", targets: ["Executor"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.24.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        // already in the graph through async-http-client; named for TLSConfiguration (custom CA bundles)
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.30.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
    ],
    targets: [
        // YAML text -> document nodes with marks
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .target(name: "YAMLDocument", dependencies: ["CYAML"]),
        // document nodes -> typed, validated plan
        .target(name: "RefreshPlan", dependencies: ["YAMLDocument"]),
        // wire shapes of the Genesys Cloud API, shared by client, emulator and plan graph (no I/O)
        .target(name: "GenesysWire"),
        // time injected everywhere
        .target(name: "Timekeeping"),
        // typed plan -> plan graph (and the requests each step sends)
        // what a refresh destroys in the sandbox, object by object (pure: no I/O)
        .target(name: "Impact", dependencies: ["GenesysWire"]),
        .target(name: "PlanGraph", dependencies: [
            "RefreshPlan", "GenesysWire", "Timekeeping", "Impact",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // talking to the API: auth, rate limit, retries, circuit breaking
        .target(name: "GenesysClient", dependencies: [
            "GenesysWire", "Timekeeping",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // the emulated platform: world, refresh engine, faults (no sockets)
        .target(name: "EmulatorCore", dependencies: [
            "GenesysWire", "Timekeeping", "PIIScanner", "YAMLDocument",
            .product(name: "Logging", package: "swift-log"),
        ]),
        // the emulated platform served over HTTP
        .target(name: "EmulatorServer", dependencies: [
            "EmulatorCore", "GenesysWire",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        // SARIF 2.1.0 objects, one set for `scan` and a run's gates.sarif (no I/O)
        .target(name: "SARIFFormat"),
        // PII detection (streaming scanner) and masking actions, shared by the tool and the emulator
        .target(name: "PIIScanner", dependencies: [
            "SARIFFormat",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // plan graph -> requests sent, artifacts written
        .target(name: "Executor", dependencies: [
            "PlanGraph", "GenesysClient", "GenesysWire", "Timekeeping", "PIIScanner", "Impact", "SnapshotStore",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // a finished run's record -> junit.xml, validation-report.json, gates.sarif, report.html,
        // chat bodies, the step summary; and the history page
        .target(name: "RunReports", dependencies: [
            "Executor", "GenesysWire", "PIIScanner", "PlanGraph", "SARIFFormat", "Impact",
        ]),
        // the run journal: SQLite (GRDB), written ahead of every side effect; resume and local locks
        .target(name: "RunJournal", dependencies: [
            "Executor", "PlanGraph", "GenesysClient", "Timekeeping",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // the journal, lock and rate budget shared by a fleet of runners (PostgreSQL)
        .target(name: "PostgresJournal", dependencies: [
            "RunJournal", "Executor", "GenesysClient", "Timekeeping",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // deterministic simulation: the real executor and client against the in-process emulator on a virtual clock
        .target(name: "Simulation", dependencies: [
            "RunAssembly", "Executor", "RunReports", "RunJournal", "EmulatorCore", "PlanGraph", "RefreshPlan", "GenesysClient", "GenesysWire", "Timekeeping",
            .product(name: "Logging", package: "swift-log"),
        ]),
        // how a run is put together: plan input and secrets, clients and budgets, the journal,
        // emulator sessions, the fleet scheduler, run identity, resume, the parallel validator
        .target(name: "RunAssembly", dependencies: [
            "YAMLDocument", "RefreshPlan", "PlanGraph", "GenesysClient", "GenesysWire", "EmulatorCore", "EmulatorServer",
            "Executor", "RunReports", "RunJournal", "PostgresJournal", "Timekeeping", "Impact", "SnapshotStore",
            .product(name: "Logging", package: "swift-log"),
        ]),
        // a sandbox's objects kept before a refresh replaces them: <root>/<sandbox-id>/<run-id>/, 0700/0600,
        // optionally AES-GCM sealed, a manifest of names and hashes; listing and retention (no plan, no network)
        .target(name: "SnapshotStore", dependencies: [
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // the commit a release binary was built from (scripts/build-release.sh); "unknown" otherwise
        .target(name: "BuildInfo"),
        // argument parsing, rendering and exit codes
        .target(name: "SandboxRefreshCLI", dependencies: [
            "BuildInfo", "RefreshPlan", "PlanGraph", "GenesysClient", "GenesysWire", "EmulatorCore",
            "EmulatorServer", "Executor", "RunReports", "Timekeeping", "PIIScanner", "RunJournal", "RunAssembly", "Simulation", "SnapshotStore", "Impact",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "sandbox-refresh", dependencies: ["SandboxRefreshCLI"]),

        // what several test targets share: a JSON Schema validator (SARIF), an XHTML reader (reports)
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "YAMLDocumentTests", dependencies: ["YAMLDocument"]),
        .testTarget(name: "RefreshPlanTests", dependencies: ["RefreshPlan", "YAMLDocument"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "ImpactTests", dependencies: ["Impact", "GenesysWire"]),
        .testTarget(name: "PlanGraphTests", dependencies: ["PlanGraph", "RefreshPlan", "GenesysWire", "Impact"],
                    exclude: ["Golden"]),
        .testTarget(name: "GenesysClientTests", dependencies: [
            "GenesysClient", "GenesysWire", "EmulatorCore", "EmulatorServer", "Timekeeping",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "NIOCore", package: "swift-nio"),
        ]),
        .testTarget(name: "EmulatorTests", dependencies: [
            "EmulatorCore", "EmulatorServer", "GenesysWire", "Timekeeping",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        .testTarget(name: "ExecutorTests", dependencies: [
            "Executor", "RunReports", "TestSupport", "PlanGraph", "RefreshPlan", "EmulatorCore", "EmulatorServer", "GenesysClient", "GenesysWire",
            "PIIScanner", "Timekeeping", "Impact", "SnapshotStore",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "NIOCore", package: "swift-nio"),
        ]),
        .testTarget(name: "CLITests", dependencies: [
            "SandboxRefreshCLI", "RunAssembly", "EmulatorCore", "PlanGraph", "Executor", "RefreshPlan",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // the emulator's bodies against the platform's reference (Reference/, vendored) and the tool's models
        .testTarget(name: "ContractTests", dependencies: ["EmulatorCore", "GenesysWire", "Timekeeping"],
                    exclude: ["Reference"]),
        .testTarget(name: "PIIScannerTests", dependencies: ["PIIScanner", "TestSupport", .product(name: "Crypto", package: "swift-crypto")]),
        .testTarget(name: "RunAssemblyTests", dependencies: [
            "RunAssembly", "Executor", "GenesysClient", "GenesysWire",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation", "Executor", "RunJournal", "EmulatorCore", "PlanGraph", "RefreshPlan", "GenesysWire", "Timekeeping"]),
        .testTarget(name: "RunJournalTests", dependencies: [
            "RunJournal", "PostgresJournal", "Executor", "RunReports", "TestSupport", "PlanGraph", "RefreshPlan", "EmulatorCore", "EmulatorServer", "GenesysClient",
            "GenesysWire", "Timekeeping",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "SnapshotStoreTests", dependencies: ["SnapshotStore", .product(name: "Crypto", package: "swift-crypto")]),
    ],
    swiftLanguageModes: [.v6]
)
