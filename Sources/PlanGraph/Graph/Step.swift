import RefreshPlan

/// Which chain of submit → poll → validate a step belongs to: the plan's own scope, or the
/// bounded scope-expansion branch.
public enum Chain: String, Sendable, Hashable, Codable {
    case primary
    case expansion
}

public enum Organization: String, Sendable, Hashable, Codable {
    case production, sandbox
}

/// One kind of step, with the policy it resolved from the plan.
public enum Step: Sendable, Hashable, Codable {
    case preflight(Organization, requiredScopes: [String])
    case lock(LockPolicy)
    case dependencyScan(DependencyScanPolicy, scopeHasRouting: Bool)
    case sessionPreClear
    case submit(Chain, scope: Scope)
    case poll(Chain, schedule: PollSchedule)
    case validateFlows(Chain, FlowValidationGate)
    case piiScan(PiiScanGate)
    case trunkIsolation(TrunkIsolationGate)
    case artifacts(directory: String)
    case notify
    case release

    /// Stable node id: `submit.primary`, `preflight.sandbox`.
    public var id: String {
        switch self {
        case .preflight(let org, _): return "preflight.\(org.rawValue)"
        case .lock: return "lock"
        case .dependencyScan: return "dependency-scan"
        case .sessionPreClear: return "session-pre-clear"
        case .submit(let chain, _): return "submit.\(chain.rawValue)"
        case .poll(let chain, _): return "poll.\(chain.rawValue)"
        case .validateFlows(let chain, _): return "validate-flows.\(chain.rawValue)"
        case .piiScan: return "pii-scan"
        case .trunkIsolation: return "trunk-isolation"
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
        case .sessionPreClear: return "session-pre-clear"
        case .submit: return "submit"
        case .poll: return "poll"
        case .validateFlows: return "validate-flows"
        case .piiScan: return "pii-scan"
        case .trunkIsolation: return "trunk-isolation"
        case .artifacts: return "artifacts"
        case .notify: return "notify"
        case .release: return "release"
        }
    }

    public var isGate: Bool {
        switch self {
        case .validateFlows, .piiScan, .trunkIsolation: return true
        default: return false
        }
    }
}
