/// Which chain of submit → poll → validate a step belongs to: the plan's own scope, or the
/// bounded scope-expansion branch.
public enum Chain: String, Sendable, Hashable, Codable {
    case primary
    case expansion
}

public enum Organization: String, Sendable, Hashable, Codable {
    case production, sandbox
}

/// One kind of step, with every setting its handler acts on, resolved from the plan when it was
/// compiled. Handlers read their node, never the plan.
public enum Step: Sendable, Hashable, Codable {
    case preflight(PreflightSettings)
    case lock(LockSettings)
    case dependencyScan(DependencyScanSettings, scopeHasRouting: Bool)
    /// Compares production and sandbox object by object before anything is changed.
    case impact(ImpactSettings)
    /// Keeps a copy of the sandbox objects at risk before the submission.
    case snapshot(SnapshotSettings)
    case sessionPreClear
    case submit(Chain, SubmitSettings)
    case poll(Chain, schedule: PollSchedule)
    /// Puts the preserved objects back from the snapshot after a completed refresh.
    case restore(Chain, RestoreSettings)
    /// Cuts the refreshed sandbox off production's outside world (`harden`), before the gates.
    case harden(Chain, HardenSettings)
    case validateFlows(Chain, FlowValidationSettings)
    case piiScan(PiiScanSettings)
    case trunkIsolation(TrunkIsolationSettings)
    /// Reads the hardened sandbox back: hosts, running campaigns, enabled triggers.
    case isolation(IsolationSettings)
    /// `sourceRepository` (`gates.validateFlows.sourceRepository`) maps failing flows to commits.
    case artifacts(directory: String, sourceRepository: String?)
    case notify(targets: [NotifyTargetSettings])
    case release

    /// Stable node id: `submit.primary`, `preflight.sandbox`.
    public var id: String {
        switch self {
        case .preflight(let settings): return "preflight.\(settings.organization.rawValue)"
        case .lock: return "lock"
        case .dependencyScan: return "dependency-scan"
        case .impact: return "impact"
        case .snapshot: return "snapshot"
        case .sessionPreClear: return "session-pre-clear"
        case .submit(let chain, _): return "submit.\(chain.rawValue)"
        case .poll(let chain, _): return "poll.\(chain.rawValue)"
        case .restore(let chain, _): return "restore.\(chain.rawValue)"
        case .harden(let chain, _): return "harden.\(chain.rawValue)"
        case .validateFlows(let chain, _): return "validate-flows.\(chain.rawValue)"
        case .piiScan: return "pii-scan"
        case .trunkIsolation: return "trunk-isolation"
        case .isolation: return "isolation"
        case .artifacts: return "artifacts"
        case .notify: return "notify"
        case .release: return "release"
        }
    }

    public var kind: String {
        switch self {
        case .preflight: return "preflight"
        case .lock: return "lock"
        case .dependencyScan: return "dependency-scan"
        case .impact: return "impact"
        case .snapshot: return "snapshot"
        case .sessionPreClear: return "session-pre-clear"
        case .submit: return "submit"
        case .poll: return "poll"
        case .restore: return "restore"
        case .harden: return "harden"
        case .validateFlows: return "validate-flows"
        case .piiScan: return "pii-scan"
        case .trunkIsolation: return "trunk-isolation"
        case .isolation: return "isolation"
        case .artifacts: return "artifacts"
        case .notify: return "notify"
        case .release: return "release"
        }
    }

    public var isGate: Bool {
        switch self {
        case .validateFlows, .piiScan, .trunkIsolation, .isolation: return true
        default: return false
        }
    }
}
