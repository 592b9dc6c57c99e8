/// An object kind the dependency scan counts in both organizations.
public enum ScannedKind: String, Sendable, Hashable, Codable, CaseIterable {
    case queues, skills, flows

    /// The domain whose refresh copies this kind: drift in it is covered when that domain is in scope.
    public var domain: RefreshDomain {
        switch self {
        case .queues, .skills: return .ROUTING
        case .flows: return .ARCHITECT
        }
    }
}

/// What drift outside the scope does (`dependencyScan.onDrift`).
public enum DriftResponse: String, Sendable, Hashable, Codable, CaseIterable {
    case expandScope = "expand-scope"
    case warn
    case fail
}

/// The dependency-scan node's settings: what to compare, what drift does, and what a drift
/// expansion adds (resolved from the plan's `scopeExpansion` rules when it is compiled).
public struct DependencyScanSettings: Sendable, Hashable, Codable {
    public var compare: [ScannedKind]
    public var onDrift: DriftResponse
    /// The `add` list of the plan's `when: drift` expansion rule; nil without one.
    public var driftRuleAdds: [RefreshDomain]?

    public init(compare: [ScannedKind] = [.queues, .skills], onDrift: DriftResponse = .expandScope, driftRuleAdds: [RefreshDomain]? = nil) {
        self.compare = compare
        self.onDrift = onDrift
        self.driftRuleAdds = driftRuleAdds
    }

    /// The domains `expand-scope` adds for drift in `kinds`: the `when: drift` rule's list when
    /// the plan has one, else the domains that own the kinds.
    public func expansion(forDriftIn kinds: [ScannedKind]) -> [RefreshDomain] {
        if let driftRuleAdds { return driftRuleAdds }
        var domains: [RefreshDomain] = []
        for kind in kinds where !domains.contains(kind.domain) { domains.append(kind.domain) }
        return domains
    }
}
