/// The result of a scan: findings plus what was covered, with counts that are safe to log.
public struct ScanReport: Sendable, Hashable, Codable {
    public var findings: [Finding]
    public var sources: [String]
    public var bytesScanned: Int
    public var recordsScanned: Int

    public init(findings: [Finding] = [], sources: [String] = [], bytesScanned: Int = 0, recordsScanned: Int = 0) {
        self.findings = findings
        self.sources = sources
        self.bytesScanned = bytesScanned
        self.recordsScanned = recordsScanned
    }

    public mutating func merge(_ other: ScanReport) {
        findings += other.findings
        sources += other.sources
        bytesScanned += other.bytesScanned
        recordsScanned += other.recordsScanned
    }

    /// Findings per detector name, sorted by name.
    public var countsByDetector: [(detector: String, count: Int)] {
        Dictionary(grouping: findings, by: \.detector.name).map { ($0.key, $0.value.count) }.sorted { $0.detector < $1.detector }
    }

    /// Distinct values found, by fingerprint: "12 findings of 3 cards" means the same few leaked.
    public var distinctValues: Int { Set(findings.map(\.fingerprint)).count }

    /// `creditCard 8, ssn 4` — counts only, for messages and events.
    public var countsText: String {
        countsByDetector.map { "\($0.detector) \($0.count)" }.joined(separator: ", ")
    }
}
