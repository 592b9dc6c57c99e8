/// `POST /api/v2/architect/flows/validate` body.
public struct ValidateFlowsRequest: Sendable, Hashable, Codable {
    public var flowIds: [String]
    public var validateReferences: Bool

    public init(flowIds: [String], validateReferences: Bool) {
        self.flowIds = flowIds
        self.validateReferences = validateReferences
    }
}

public struct FlowValidationError: Sendable, Hashable, Codable {
    /// `ERROR` or `WARNING` (the guide's SEVERITY).
    public var severity: String
    public var flowId: String
    public var flowName: String?
    public var referenceId: String?
    /// `queue`, `skill`, `flow`, `dataTable`, ...
    public var referenceType: String?
    public var message: String
    public var stackTrace: [String]?

    public init(severity: String, flowId: String, flowName: String?, referenceId: String?, referenceType: String?, message: String, stackTrace: [String]? = nil) {
        self.severity = severity
        self.flowId = flowId
        self.flowName = flowName
        self.referenceId = referenceId
        self.referenceType = referenceType
        self.message = message
        self.stackTrace = stackTrace
    }
}

public struct ValidateFlowsResponse: Sendable, Hashable, Codable {
    public var validationErrors: [FlowValidationError]

    public init(validationErrors: [FlowValidationError]) {
        self.validationErrors = validationErrors
    }
}
