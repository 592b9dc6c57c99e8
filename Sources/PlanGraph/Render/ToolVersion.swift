import GenesysWire

/// The tool's version, recorded with every run so that an artifact says what produced it.
public enum ToolVersion {
    public static let current = "0.4.0"
}

extension PlanGraph {
    /// SHA-256 of the compiled plan (sorted-key JSON): the same plan, compiled by the same rules,
    /// always gives the same digest, so a run names exactly what was approved.
    public var sha256: String { SavedPlan.sha256(WireCoding.encode(self)) }
}
