import Foundation
import Impact

/// What `sandbox-refresh check` found, without changing anything: who each set of credentials
/// is, what the lock policy would do, the drift and the resulting scope, how many flows the
/// validation gate would send, and how long and how many requests an `apply` would take.
/// `--json` prints it as is (`version` 1).
public struct CheckReport: Sendable, Hashable, Codable {
    public enum Verdict: String, Sendable, Hashable, Codable {
        case ready
        case preflightProblem = "preflight-problem"
        case locked
        /// The dependency scan finds drift and the plan says `onDrift: fail`: apply would stop.
        case wouldFail = "would-fail"
        /// Sandbox work at risk and `protection.onRisk: refuse`: apply would stop with exit 9.
        case wouldRefuse = "would-refuse"
        case apiError = "api-error"

        /// The exit codes `apply` uses for the same outcomes.
        public var exitCode: Int32 {
            switch self {
            case .ready: return 0
            case .preflightProblem: return RunOutcome.preflightFailed.exitCode
            case .locked: return RunOutcome.lockNotAcquired.exitCode
            case .wouldFail: return RunOutcome.validationGateFailed.exitCode
            case .wouldRefuse: return RunOutcome.impactRefused.exitCode
            case .apiError: return RunOutcome.apiError.exitCode
            }
        }
    }

    public struct OrganizationCheck: Sendable, Hashable, Codable {
        /// `production` or `sandbox`.
        public var role: String
        public var organizationId: String?
        public var organizationName: String?
        public var requiredScopes: [String]
        public var missingScopes: [String]
        public var problem: String?
    }

    public struct ActiveRefresh: Sendable, Hashable, Codable {
        public var id: String
        public var status: String
        public var progress: Int
        public var description: String?
        public var createdDate: String
        /// `this run`, `run X`, `a pipeline` or `a manual refresh`.
        public var owner: String
    }

    public struct LockCheck: Sendable, Hashable, Codable {
        public var policy: String
        public var active: [ActiveRefresh]
        /// `submit`, `adopt`, `wait`, `abort` or `fail`.
        public var decision: String
        public var detail: String
    }

    public struct DriftCount: Sendable, Hashable, Codable {
        public var kind: String
        public var production: Int
        public var sandbox: Int
    }

    public struct ScanCheck: Sendable, Hashable, Codable {
        public var onDrift: String
        public var counts: [DriftCount]
        public var drift: Bool
        public var detail: String
    }

    public struct ValidationCheck: Sendable, Hashable, Codable {
        public var method: String
        public var flows: Int
        /// Whose flows: the sandbox's after the refresh are production's when ARCHITECT is copied.
        public var source: String
        public var batches: Int
        public var missingFlowNames: [String]
    }

    public struct Estimate: Sendable, Hashable, Codable {
        /// nil: no completed refresh in the sandbox's history to go by.
        public var durationSeconds: Double?
        public var basis: String
        public var statusRequests: Int
        public var requestsByStep: [String: Int]
        public var totalRequests: Int
        /// Without history the status requests are the whole maxWait's: an upper bound, not an estimate.
        public var upperBound: Bool
        public var notes: [String]
    }

    public var version = 1
    public var plan: String
    public var sandboxId: String
    public var verdict: Verdict
    public var exitCode: Int32
    public var organizations: [OrganizationCheck] = []
    public var lock: LockCheck?
    public var dependencyScan: ScanCheck?
    public var scopeRequested: String
    public var scopeEffective: String
    public var validation: ValidationCheck?
    /// What the refresh would destroy in the sandbox, object by object.
    public var impact: ImpactReport?
    /// The objects each `harden` action would change after the refresh (and those it would leave).
    public var hardening: [HardenedObject]?
    public var estimate: Estimate?
    public var problems: [String] = []
    /// Every request this check sent, `METHOD path` (query left out): GETs and the two logins.
    public var requestsSent: [String] = []

    public init(plan: String, sandboxId: String, scope: String) {
        self.plan = plan
        self.sandboxId = sandboxId
        verdict = .ready
        exitCode = 0
        scopeRequested = scope
        scopeEffective = scope
    }

    /// Only reads were sent: GET, and POST to the login host's token endpoint.
    public var readOnly: Bool {
        requestsSent.allSatisfy { $0.hasPrefix("GET ") || $0 == "POST /oauth/token" }
    }

    mutating func conclude(_ verdict: Verdict, _ problem: String? = nil) {
        if let problem { problems.append(problem) }
        // The first verdict that is not `ready` stands.
        if self.verdict == .ready { self.verdict = verdict }
        exitCode = self.verdict.exitCode
    }
}
