import Foundation
import GenesysWire
import Impact
import PIIScanner
import PlanGraph

/// Everything a run learns, in one value the handlers update and the artifacts record.
public struct RunState: Sendable, Hashable, Codable {
    public struct ObservedStatus: Sendable, Hashable, Codable {
        public var at: String
        public var refreshId: String
        public var status: String
        public var progress: Int
        public var errorMessage: String?
    }

    public var requestedScope: String
    public var effectiveScope: RefreshScope
    public var expandedScope: RefreshScope?
    public var expansionReasons: [String] = []
    public var submittedPayloads: [RefreshRequest] = []
    public var refreshIds: [String] = []
    /// The job the run is following now (submitted or adopted).
    public var currentRefresh: Refresh?
    public var adoptedRefreshId: String?
    public var abortedForeignRefreshes: [String] = []
    public var statuses: [ObservedStatus] = []
    public var drift: [String: [Int]] = [:]
    /// What the refresh destroys in the sandbox, object by object (`impact.json`).
    public var impact: ImpactReport?
    /// The snapshot taken before the submission: where, and what by name and hash.
    public var snapshot: SnapshotRecord?
    /// Each preserved object put back (or found in place) and each that could not be, with why.
    public var restored: [RestoreResult] = []
    public var restoreProblems: [String] = []
    /// Every object the hardening steps looked at, with before and after (`hardening.json`).
    public var hardening: [HardenedObject] = []
    public var revokedUserIds: [String] = []
    public var validationErrors: [FlowValidationError] = []
    public var validatedFlows = 0
    /// The PII gate's listed findings (where and what kind, never the value; at most the scan's
    /// detail limit) and its counts by detector, for gates.sarif and report.html.
    public var piiFindings: [Finding] = []
    public var piiCounts: [String: Int] = [:]
    public var completedAt: Date?
    public var detectedAt: Date?
    public var outcome: RunOutcome?
    public var failureMessage: String?
    /// Set when a step's journal write stopped the run (`journal-failed`, or `lock-lost` when
    /// the lease was taken over): the outcome the run is abandoned with.
    public var abandonedAs: RunOutcome?
    public var failedStep: String?
    public var stepsRun: [String] = []
    /// Every gate's verdict, in the order the gates ran (all of them run after a completed refresh).
    public var gateVerdicts: [GateVerdict] = []
    /// Why a gate passed, when it says more than "passed" (the isolation gate's reading), by gate id.
    public var gatePassReasons: [String: String] = [:]
    /// Submissions of each chain that met a 409 and went back through the lock.
    public var conflicts: [String: Int] = [:]
    /// Set by a 409 on submit: the lock step then hands back to that chain's submission.
    public var resubmitChain: String?
    /// Expansion refreshes submitted (the loop runs at most `maxTimes`).
    public var expansionAttempts = 0

    public init(scope: RefreshScope) {
        requestedScope = scope.wireValue
        effectiveScope = scope
    }
}

/// One gate's result, as the log, the journal and run.json report it.
public struct GateVerdict: Sendable, Hashable, Codable {
    public var gate: String
    public var passed: Bool
    /// The failure's outcome (`validation-gate-failed`, `pii-gate-failed`, `api-error`), or nil.
    public var outcome: String?
    public var detail: String
}
