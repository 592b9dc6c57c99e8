/// Names of the branches a step's result selects (besides success and failure), shared by the
/// compiler that draws them and the executor that takes them.
public enum TransitionRules {
    /// A submission met 409 Conflict: back to the lock step.
    public static let conflict = "409 conflict"
    /// Resubmissions after a 409 per chain: the first submission plus this many rounds.
    public static let conflictRounds = 2

    /// Flow validation found only missing routing references: take the scope-expansion branch
    /// (the plan's `scopeExpansion` trigger of the same name).
    public static let missingRoutingReference = "missing-routing-reference"

    /// The lock step hands back to the submission that met the 409.
    public static func resubmit(_ chain: Chain) -> String { "resubmit \(chain.rawValue)" }
}
