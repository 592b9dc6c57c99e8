/// What a run does when the refresh would remove or overwrite work that exists only in the
/// sandbox (`protection` in the plan).
public struct Protection: Sendable, Hashable, Codable {
    public var onRisk: RiskAction
    /// Name globs of objects the plan accepts losing (`SCRATCH-*`, or `flow:TMP-*` for one kind).
    public var exempt: [String]

    public init(onRisk: RiskAction = .snapshot, exempt: [String] = []) {
        self.onRisk = onRisk
        self.exempt = exempt
    }

    /// The kinds a glob may be limited to (`kind:glob`), as the impact names them.
    public static let kinds = ["queue", "skill", "wrapupCode", "flow", "dataTable", "dataTableRows", "schedule", "scheduleGroup", "user", "trunk"]

    /// A glob with a known kind prefix, or a bare glob without a colon.
    static let exemptPattern = "^((\(kinds.joined(separator: "|"))):.{1,200}|[^:]{1,200})$"
}

public enum RiskAction: String, Sendable, Hashable, Codable, CaseIterable {
    /// Keep a copy of every object at risk, then go on.
    case snapshot
    /// Stop before the submission (exit 9), listing what is at risk.
    case refuse
    /// Go on: the plan accepts the loss.
    case allow
}
