// swift-tools-version:6.0
// libFuzzer targets for sandbox-refresh (issue 12). Built on its own, against the main package's
// library products; see README.md for the build command and run.sh for bounded runs.
import PackageDescription

let fuzzTargets = ["FuzzYAMLDocument", "FuzzPlanDecoding", "FuzzPIIScanner", "FuzzEmulatorRequests"]

let package = Package(
    name: "sandbox-refresh-fuzz",
    platforms: [.macOS(.v15)],
    products: fuzzTargets.map { .executable(name: $0, targets: [$0]) },
    dependencies: [
        .package(name: "sandbox-refresh", path: ".."),
    ],
    targets: [
        // Replays corpus files through a fuzz function when the target is built without libFuzzer.
        .target(name: "FuzzSupport"),
        .executableTarget(name: "FuzzYAMLDocument", dependencies: [
            "FuzzSupport", .product(name: "YAMLDocument", package: "sandbox-refresh"),
        ]),
        .executableTarget(name: "FuzzPlanDecoding", dependencies: [
            "FuzzSupport",
            .product(name: "RefreshPlan", package: "sandbox-refresh"),
            .product(name: "YAMLDocument", package: "sandbox-refresh"),
            .product(name: "GenesysWire", package: "sandbox-refresh"),
        ]),
        .executableTarget(name: "FuzzPIIScanner", dependencies: [
            "FuzzSupport", .product(name: "PIIScanner", package: "sandbox-refresh"),
        ]),
        .executableTarget(name: "FuzzEmulatorRequests", dependencies: [
            "FuzzSupport",
            .product(name: "EmulatorCore", package: "sandbox-refresh"),
            .product(name: "GenesysWire", package: "sandbox-refresh"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
