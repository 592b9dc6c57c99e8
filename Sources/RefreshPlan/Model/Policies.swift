public enum ForeignRefreshPolicy: String, Sendable, Hashable, Codable, CaseIterable {
    case wait
    case abortIfStale = "abort-if-stale"
    case fail
}

/// What to do when the sandbox's single refresh lock is held by someone else.
public struct LockPolicy: Sendable, Hashable, Codable {
    @DurationString public var staleAfter: Duration
    public var onForeignRefresh: ForeignRefreshPolicy
    @DurationString public var waitTimeout: Duration

    public init(staleAfter: Duration = .seconds(1800), onForeignRefresh: ForeignRefreshPolicy = .wait, waitTimeout: Duration = .seconds(3600)) {
        self.staleAfter = staleAfter
        self.onForeignRefresh = onForeignRefresh
        self.waitTimeout = waitTimeout
    }
}

public enum ObjectKind: String, Sendable, Hashable, Codable, CaseIterable {
    case queues, skills, flows

    /// The domain whose refresh copies this kind: drift in it is covered when that domain is in scope.
    public var domain: Domain {
        switch self {
        case .queues, .skills: return .ROUTING
        case .flows: return .ARCHITECT
        }
    }
}

public enum DriftAction: String, Sendable, Hashable, Codable, CaseIterable {
    case expandScope = "expand-scope"
    case warn
    case fail
}

/// Pre-refresh comparison of production and sandbox object counts (the guide's edge case 1).
public struct DependencyScanPolicy: Sendable, Hashable, Codable {
    public var compare: [ObjectKind]
    public var onDrift: DriftAction

    public init(compare: [ObjectKind] = [.queues, .skills], onDrift: DriftAction = .expandScope) {
        self.compare = compare
        self.onDrift = onDrift
    }

    /// The domains `expand-scope` adds for drift in `kinds`: a `scopeExpansion` rule with
    /// `when: drift` decides with its `add` list; without one, the domains that own the kinds.
    public func expansion(forDriftIn kinds: [ObjectKind], rules: [ScopeExpansionRule]) -> [Domain] {
        if let rule = rules.first(where: { $0.when == .drift }) { return rule.add }
        var domains: [Domain] = []
        for kind in kinds where !domains.contains(kind.domain) { domains.append(kind.domain) }
        return domains
    }
}

public enum ExpansionTrigger: String, Sendable, Hashable, Codable, CaseIterable {
    case missingRoutingReference = "missing-routing-reference"
    case drift
}

/// A bounded second attempt with a wider scope, taken only when its trigger fires.
public struct ScopeExpansionRule: Sendable, Hashable, Codable {
    public var when: ExpansionTrigger
    public var add: [Domain]
    public var maxTimes: Int

    public init(when: ExpansionTrigger, add: [Domain], maxTimes: Int = 1) {
        self.when = when
        self.add = add
        self.maxTimes = maxTimes
    }
}

public struct ArtifactsSettings: Sendable, Hashable, Codable {
    public var directory: String

    public init(directory: String = ".refresh-artifacts") { self.directory = directory }
}
