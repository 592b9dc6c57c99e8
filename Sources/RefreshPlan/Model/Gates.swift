public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case error, warning, note

    private var rank: Int { self == .error ? 2 : self == .warning ? 1 : 0 }
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// The Architect validation severity a gate fails on (the API spells it in capitals).
public enum ValidationSeverity: String, Sendable, Hashable, Codable, CaseIterable {
    case ERROR, WARNING
}

public enum FlowSelection: Sendable, Hashable, Codable {
    case all
    case named([String])
}

/// Which API validates flows: the guide's synchronous endpoint, or the platform's
/// asynchronous validation jobs.
public enum ValidationMethod: String, Sendable, Hashable, Codable, CaseIterable {
    /// `POST /api/v2/architect/flows/validate` (the guide): one answer per batch.
    case architectValidate = "architect-validate"
    /// `POST /api/v2/flows/validate/jobs`, then `GET /api/v2/flows/validate/jobs/{jobId}` until
    /// it ends (the platform's documented API).
    case validateJobs = "validate-jobs"
}

public struct FlowValidationGate: Sendable, Hashable, Codable {
    public var flows: FlowSelection
    public var validateReferences: Bool
    public var failOn: ValidationSeverity
    public var batchSize: Int
    /// A git repository whose history maps failing flows to the commit that last touched them.
    public var sourceRepository: String?
    public var method: ValidationMethod
    /// With `validate-jobs`: how long one job may take before the gate fails.
    public var jobTimeout: Duration

    public init(flows: FlowSelection = .all, validateReferences: Bool = true, failOn: ValidationSeverity = .ERROR, batchSize: Int = 100, sourceRepository: String? = nil,
                method: ValidationMethod = .architectValidate, jobTimeout: Duration = .seconds(600)) {
        self.flows = flows
        self.validateReferences = validateReferences
        self.failOn = failOn
        self.batchSize = batchSize
        self.sourceRepository = sourceRepository
        self.method = method
        self.jobTimeout = jobTimeout
    }
}

public enum PiiSource: String, Sendable, Hashable, Codable, CaseIterable {
    case externalContacts, dataTables
}

public struct CustomPattern: Sendable, Hashable, Codable {
    public var name: String
    public var regex: String

    public init(name: String, regex: String) {
        self.name = name
        self.regex = regex
    }
}

public enum PiiFailOn: Sendable, Hashable, Codable {
    case any
    case atLeast(Int)

    /// Findings needed to fail the gate.
    public var threshold: Int {
        switch self {
        case .any: return 1
        case .atLeast(let count): return count
        }
    }
}

public struct PiiScanGate: Sendable, Hashable, Codable {
    public static let builtInDetectors = ["creditCard", "ssn"]

    public var sources: [PiiSource]
    public var detectors: [String]
    public var patterns: [CustomPattern]
    public var failOn: PiiFailOn

    public init(sources: [PiiSource] = [.externalContacts, .dataTables], detectors: [String] = ["creditCard", "ssn"], patterns: [CustomPattern] = [], failOn: PiiFailOn = .any) {
        self.sources = sources
        self.detectors = detectors
        self.patterns = patterns
        self.failOn = failOn
    }
}

/// How the trunk isolation gate reads a trunk's carrier registration. The platform keeps it in
/// the trunk base settings' free-form `properties`, under a name the API reference does not
/// give: the plan names it, and `plan` shows which.
public struct TrunkIsolationGate: Sendable, Hashable, Codable {
    public static let defaultRegistrationProperties = ["trunk_sip_registration_uri"]

    /// Trunk base properties holding the registration identity; any shared value is a conflict.
    public var registrationProperties: [String]

    public init(registrationProperties: [String] = TrunkIsolationGate.defaultRegistrationProperties) {
        self.registrationProperties = registrationProperties
    }
}

public struct Gates: Sendable, Hashable, Codable {
    public var validateFlows: FlowValidationGate?
    public var piiScan: PiiScanGate?
    /// Check after an `ALL` refresh that copied trunks do not register with the carrier.
    public var trunkIsolation: Bool
    /// How that check reads registrations (`gates.trunkIsolation: {registrationProperties: [...]}`).
    public var trunkIsolationSettings: TrunkIsolationGate
    /// The isolation gate after hardening (`gates.isolation`); nil: not run.
    public var isolation: IsolationGate?

    public init(validateFlows: FlowValidationGate? = nil, piiScan: PiiScanGate? = nil, trunkIsolation: Bool = false,
                trunkIsolationSettings: TrunkIsolationGate = TrunkIsolationGate(), isolation: IsolationGate? = nil) {
        self.isolation = isolation
        self.validateFlows = validateFlows
        self.piiScan = piiScan
        self.trunkIsolation = trunkIsolation
        self.trunkIsolationSettings = trunkIsolationSettings
    }
}
