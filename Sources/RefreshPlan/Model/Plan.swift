/// A decoded, validated refresh plan.
public struct Plan: Sendable, Hashable, Codable {
    public static let currentVersion = 1

    public var version: Int
    public var name: String
    public var production: OrganizationTarget
    public var sandbox: SandboxTarget
    public var refresh: RefreshSettings
    public var lock: LockPolicy
    public var dependencyScan: DependencyScanPolicy?
    public var masking: MaskingPolicy
    public var gates: Gates
    public var scopeExpansion: [ScopeExpansionRule]
    public var artifacts: ArtifactsSettings
    public var notify: NotifySettings?
    public var schedule: CronSchedule?
    /// Nil: proxies and trust come from the environment.
    public var network: NetworkSettings?
    public var protection: Protection
    public var snapshot: SnapshotPolicy
    /// Name globs (`flow:DEV-*`) of sandbox objects put back from the snapshot after every
    /// completed refresh of the run.
    public var preserve: [String]
    /// What the run changes in the sandbox after every completed refresh (`harden`).
    public var harden: Hardening

    public init(
        version: Int = Plan.currentVersion, name: String, production: OrganizationTarget, sandbox: SandboxTarget,
        refresh: RefreshSettings, lock: LockPolicy = LockPolicy(), dependencyScan: DependencyScanPolicy? = nil,
        masking: MaskingPolicy = MaskingPolicy(), gates: Gates = Gates(), scopeExpansion: [ScopeExpansionRule] = [],
        artifacts: ArtifactsSettings = ArtifactsSettings(), notify: NotifySettings? = nil, schedule: CronSchedule? = nil,
        network: NetworkSettings? = nil, protection: Protection = Protection(), snapshot: SnapshotPolicy = SnapshotPolicy(), preserve: [String] = [],
        harden: Hardening = Hardening()
    ) {
        self.harden = harden
        self.version = version
        self.name = name
        self.production = production
        self.sandbox = sandbox
        self.refresh = refresh
        self.lock = lock
        self.dependencyScan = dependencyScan
        self.masking = masking
        self.gates = gates
        self.scopeExpansion = scopeExpansion
        self.artifacts = artifacts
        self.notify = notify
        self.schedule = schedule
        self.network = network
        self.protection = protection
        self.snapshot = snapshot
        self.preserve = preserve
    }

    /// Every domain the run could end up copying: the scope plus whatever expansion may add
    /// (the dependency scan's expand-scope adds ROUTING).
    public var reachableDomains: [Domain] {
        var scope = refresh.scope
        for rule in scopeExpansion { scope = scope.adding(rule.add) }
        if let scan = dependencyScan, scan.onDrift == .expandScope {
            scope = scope.adding(scan.expansion(forDriftIn: scan.compare, rules: scopeExpansion))
        }
        return scope.effectiveDomains
    }
}
