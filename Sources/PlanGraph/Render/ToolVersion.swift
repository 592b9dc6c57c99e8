import GenesysWire

/// The tool's version, recorded with every run so that an artifact says what produced it.
public enum ToolVersion {
    public static let current = "0.4.0"

    /// The Swift compiler that built the tool (`#if compiler` is the only build-time source Swift offers).
    public static var swiftVersion: String {
        #if compiler(>=7.0)
        return ">= 7.0"
        #elseif compiler(>=6.3.1)
        return "6.3.1"
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
    public static func full(commit: String) -> String {
        "\(current)\ncommit: \(commit)\nswift: \(swiftVersion)"
    }
}

extension PlanGraph {
    /// SHA-256 of the compiled plan (sorted-key JSON): the same plan, compiled by the same rules,
    /// always gives the same digest, so a run names exactly what was approved.
    public var sha256: String { SavedPlan.sha256(WireCoding.encode(self)) }
}
