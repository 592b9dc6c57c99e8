/// What the refresh does to one object.
public enum ImpactChange: String, Sendable, Hashable, Codable, CaseIterable {
    /// Production only: the refresh creates it in the sandbox.
    case added
    /// In both, content equal: the sandbox loses nothing.
    case same = "replaced-same"
    /// In both, the sandbox's copy differs: the refresh overwrites the sandbox's work.
    case changed = "replaced-sandbox-changed"
    /// Sandbox only: the refresh deletes it.
    case removed

    /// `terraform plan`'s marks: `+` create, `~` update in place, `-` destroy.
    public var mark: String {
        switch self {
        case .added: return "+"
        case .same: return "="
        case .changed: return "~"
        case .removed: return "-"
        }
    }

    /// Whether the sandbox loses work it held.
    public var isDestructive: Bool { self == .changed || self == .removed }
}

/// One object's line in the impact.
public struct ImpactEntry: Sendable, Hashable, Codable {
    public var kind: ImpactKind
    public var name: String
    /// The sandbox's id (production's for an added object).
    public var id: String
    public var type: String?
    public var change: ImpactChange
    /// The domain whose copy replaces the object (`ROUTING`, `ARCHITECT`, ...).
    public var domain: String
    /// How the comparison was settled: `id`, `name`, and for flows `version` or `configuration`.
    public var matchedBy: String?
    /// Why the object could not be put back after the refresh, or nil when it could.
    public var notRestorable: String?
    /// An exemption glob (`protection.exempt`) that covers the object.
    public var exemptBy: String?

    public init(kind: ImpactKind, name: String, id: String, type: String? = nil, change: ImpactChange, domain: String,
                matchedBy: String? = nil, notRestorable: String? = nil, exemptBy: String? = nil) {
        self.kind = kind
        self.name = name
        self.id = id
        self.type = type
        self.change = change
        self.domain = domain
        self.matchedBy = matchedBy
        self.notRestorable = notRestorable
        self.exemptBy = exemptBy
    }

    /// Sandbox work at risk: destructive and not exempt.
    public var isAtRisk: Bool { change.isDestructive && exemptBy == nil }
}
