/// Where the PII gate looks.
public enum PiiScanSource: String, Sendable, Hashable, Codable, CaseIterable {
    case externalContacts, dataTables
}

/// A pattern of the plan's own (`gates.piiScan.patterns`).
public struct PiiPattern: Sendable, Hashable, Codable {
    public var name: String
    public var regex: String

    public init(name: String, regex: String) {
        self.name = name
        self.regex = regex
    }
}

/// The pii-scan node's settings (`gates.piiScan`), with the masking hash key that keys the
/// findings' fingerprints.
public struct PiiScanSettings: Sendable, Hashable, Codable {
    public var sources: [PiiScanSource]
    public var detectors: [String]
    public var patterns: [PiiPattern]
    /// Findings needed to fail the gate (1 for `failOn: any`).
    public var failThreshold: Int
    /// `masking.hashKey`, resolved only when the gate runs.
    public var hashKey: SecretReference?

    public init(sources: [PiiScanSource] = [.externalContacts, .dataTables], detectors: [String] = ["creditCard", "ssn"], patterns: [PiiPattern] = [],
                failThreshold: Int = 1, hashKey: SecretReference? = nil) {
        self.sources = sources
        self.detectors = detectors
        self.patterns = patterns
        self.failThreshold = failThreshold
        self.hashKey = hashKey
    }
}
