import GenesysWire

/// The tool's version, recorded with every run so that an artifact says what produced it.
public enum ToolVersion {
    public static let current = "0.4.0"

    /// The Swift compiler that built the tool, as far as `#if compiler` tells (major.minor); a
    /// release build records the exact version (scripts/build-release.sh) and passes it to `full`.
    public static var swiftVersion: String {
        #if compiler(>=6.4)
        return "6.4 or later"
        #elseif compiler(>=6.3)
        return "6.3"
        #elseif compiler(>=6.2)
        return "6.2"
        #elseif compiler(>=6.1)
        return "6.1"
        #else
        return "6.0"
        #endif
    }

    /// What `--version` prints: the version, the commit it was built from and the Swift version.
    public static func full(commit: String, swiftVersion recorded: String = "") -> String {
        "\(current)\ncommit: \(commit.isEmpty ? "unknown" : commit)\nswift: \(recorded.isEmpty ? swiftVersion : recorded)"
    }
}

extension PlanGraph {
    /// SHA-256 of the compiled plan (sorted-key JSON): the same plan, compiled by the same rules,
    /// always gives the same digest, so a run names exactly what was approved.
    public var sha256: String { SavedPlan.sha256(WireCoding.encode(self)) }
}
