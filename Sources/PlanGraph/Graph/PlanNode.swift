/// One step of the plan graph, with what it sends and what happens when it fails.
public struct PlanNode: Sendable, Hashable, Codable, Identifiable {
    public var step: Step
    public var title: String
    /// What the step does, in one or more short sentences.
    public var summary: [String]
    public var requests: [PlannedRequest]
    /// What a failure of this step does to the run.
    public var onFailure: String

    public var id: String { step.id }

    public init(_ step: Step, title: String, summary: [String], requests: [PlannedRequest], onFailure: String) {
        self.step = step
        self.title = title
        self.summary = summary
        self.requests = requests
        self.onFailure = onFailure
    }
}

/// A directed edge; `condition` says when the walk follows it.
public struct PlanEdge: Sendable, Hashable, Codable {
    public enum Condition: Sendable, Hashable, Codable {
        /// The step succeeded.
        case success
        /// The step failed (the run is headed for failure handling).
        case failure
        /// A gate's verdict failed: the next gate still runs, so every gate reports.
        case gateFailed
        /// A scope-expansion rule fired (`missing-routing-reference`).
        case rule(String)
        /// The run has already failed.
        case runFailed
        /// The run has not failed.
        case runSucceeded

        public var label: String {
            switch self {
            case .success: return "ok"
            case .failure: return "fails"
            case .gateFailed: return "gate failed"
            case .rule(let name): return name
            case .runFailed: return "run failed"
            case .runSucceeded: return "run ok"
            }
        }
    }

    public var from: String
    public var to: String
    public var condition: Condition
    /// How many times one run may follow this edge; nil: once at most by construction (the
    /// graph without limited edges is acyclic). Loops (a 409 back through the lock, repeated
    /// scope expansion) are made of limited edges only.
    public var limit: Int?

    public init(_ from: String, _ to: String, _ condition: Condition = .success, limit: Int? = nil) {
        self.from = from
        self.to = to
        self.condition = condition
        self.limit = limit
    }

    /// "409 conflict", "gate failed", "missing-routing-reference (at most 2×)".
    public var label: String { condition.label + (limit.map { " (at most \($0)×)" } ?? "") }
}
