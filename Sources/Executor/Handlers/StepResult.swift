import GenesysClient

/// What a step handler tells the walker.
public enum StepResult: Sendable, Hashable {
    case success
    /// Follow the edge of a scope-expansion rule.
    case branch(rule: String)
    case failure(StepFailure)

    static func apiFailure(_ error: APIError, outcome: RunOutcome = .apiError) -> StepResult {
        .failure(StepFailure(outcome, error.description))
    }
}
