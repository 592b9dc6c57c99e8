import PlanGraph
/// What a notification says about a run: ids, outcome, scope, the failed step and its message,
/// and where the artifacts are. Built from the run summary, so it carries exactly what
/// `run.json` does and nothing else: no secrets, no customer data.
public struct RunNotice: Sendable, Hashable {
    public var event: NotificationEvent
    public var plan: String
    public var runId: String
    public var sandboxId: String
    public var outcome: String
    public var exitCode: Int32
    public var scope: String
    public var failedStep: String?
    public var errorMessage: String?
    public var refreshIds: [String]
    public var artifactLocation: String

    /// Which `on` entry an outcome is; nil for SIGINT/SIGTERM, which are not posted (the run is
    /// resumable and the person who stopped it knows).
    public static func event(for outcome: RunOutcome) -> NotificationEvent? {
        switch outcome {
        case .success: return .success
        case .timedOut: return .timeout
        case .interrupted, .terminated: return nil
        default: return .failure
        }
    }

    /// One line for chat fallbacks and notification previews.
    public var headline: String {
        switch event {
        case .success: return "Sandbox refresh succeeded: \(sandboxId)"
        case .timeout: return "Sandbox refresh timed out: \(sandboxId)"
        case .failure: return "Sandbox refresh failed: \(sandboxId)"
        case .impact: return "Sandbox refresh about to destroy sandbox work: \(sandboxId)"
        }
    }

    public var text: String {
        "sandbox-refresh \(plan): \(outcome) on \(sandboxId) (run \(runId))\(failedStep.map { " at \($0)" } ?? "")"
    }

    /// The facts every format lists, in order.
    public var facts: [(title: String, value: String)] {
        var facts = [("Outcome", "\(outcome) (exit \(exitCode))"), ("Sandbox", sandboxId), ("Run id", runId), ("Scope", scope)]
        if let failedStep { facts.append(("Failed step", failedStep)) }
        return facts
    }
}
