/// Which flows the validation gate checks.
public enum FlowsToValidate: Sendable, Hashable, Codable {
    case all
    case named([String])
}

/// The Architect validation severity a gate fails on (the API spells it in capitals).
public enum FlowFailSeverity: String, Sendable, Hashable, Codable, CaseIterable {
    case ERROR, WARNING
}

/// Which API validates flows: the guide's synchronous endpoint, or the platform's jobs.
public enum FlowValidationMethod: String, Sendable, Hashable, Codable, CaseIterable {
    case architectValidate = "architect-validate"
    case validateJobs = "validate-jobs"
}

/// The validate-flows node's settings (`gates.validateFlows`), with the bound of the
/// scope-expansion loop it may start.
public struct FlowValidationSettings: Sendable, Hashable, Codable {
    public var flows: FlowsToValidate
    public var validateReferences: Bool
    public var failOn: FlowFailSeverity
    public var batchSize: Int
    public var method: FlowValidationMethod
    /// With `validate-jobs`: how long one job may take before the gate fails.
    public var jobTimeout: Duration
    /// Expansion refreshes one run may submit for missing routing references (the
    /// `missing-routing-reference` rule's `maxTimes`; 1 without a rule). The compiler draws the
    /// loop edge from the same number.
    public var maxExpansions: Int

    public init(flows: FlowsToValidate = .all, validateReferences: Bool = true, failOn: FlowFailSeverity = .ERROR, batchSize: Int = 100,
                method: FlowValidationMethod = .architectValidate, jobTimeout: Duration = .seconds(600), maxExpansions: Int = 1) {
        self.flows = flows
        self.validateReferences = validateReferences
        self.failOn = failOn
        self.batchSize = batchSize
        self.method = method
        self.jobTimeout = jobTimeout
        self.maxExpansions = maxExpansions
    }
}
