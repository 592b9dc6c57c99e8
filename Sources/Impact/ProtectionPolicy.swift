/// What a run does when the refresh would remove or overwrite sandbox work
/// (`protection.onRisk` in the plan).
public enum ProtectionMode: String, Sendable, Hashable, Codable, CaseIterable {
    /// Keep a copy of everything at risk, then go on (the default).
    case snapshot
    /// Stop before the submission with exit 9, listing what is at risk.
    case refuse
    /// Go on; the plan accepts the loss.
    case allow
}

/// The plan's protection, as the impact step applies it.
public struct ProtectionPolicy: Sendable, Hashable, Codable {
    public var mode: ProtectionMode
    /// Objects these globs cover are never "at risk" (scratch objects a team expects to lose).
    public var exempt: [NameGlob]

    public init(mode: ProtectionMode = .snapshot, exempt: [NameGlob] = []) {
        self.mode = mode
        self.exempt = exempt
    }

    /// The first exemption glob covering an object, if any.
    public func exemption(kind: ImpactKind, name: String) -> NameGlob? {
        exempt.first { $0.matches(kind: kind, name: name) }
    }
}
