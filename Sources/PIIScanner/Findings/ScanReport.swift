/// The result of a scan: findings plus what was covered, with counts that are safe to log.
///
/// Memory is bounded whatever the input holds: a report keeps the first `detailLimit`
/// findings it is given with their positions and, for every finding, only a count per
/// detector and a distinct-value sketch. A file with a million card numbers is reported as
/// its first findings and "creditCard 1000000".
public struct ScanReport: Sendable, Hashable, Codable {
    public static let defaultDetailLimit = 1000

    /// Findings with their positions, in the order they were added, at most `detailLimit` per add-stream.
    public var findings: [Finding]
    public var sources: [String]
    public var bytesScanned: Int
    public var recordsScanned: Int
    /// Every finding per detector name, including those beyond the detail limit.
    public var counts: [String: Int]
    public var distinct: DistinctCounter
    public var detailLimit: Int

    public init(findings: [Finding] = [], sources: [String] = [], bytesScanned: Int = 0, recordsScanned: Int = 0, detailLimit: Int = ScanReport.defaultDetailLimit) {
        self.findings = []
        self.sources = sources
        self.bytesScanned = bytesScanned
        self.recordsScanned = recordsScanned
        self.counts = [:]
        self.distinct = DistinctCounter()
        self.detailLimit = max(0, detailLimit)
        for finding in findings { add(finding) }
    }

    /// Counts a finding, and keeps it if the detail limit allows.
    public mutating func add(_ finding: Finding) {
        counts[finding.detector.name, default: 0] += 1
        distinct.insert(finding.fingerprint)
        if findings.count < detailLimit { findings.append(finding) }
    }

    /// Whether further findings are only counted: the file scanner then skips building them.
    public var isDetailFull: Bool { findings.count >= detailLimit }

    /// Counts a finding that is not listed; `distinctKey` stands for its value (a keyed hash
    /// computed the same way as the listed findings' fingerprints).
    public mutating func count(_ detector: PIIDetector, distinctKey: UInt64) {
        counts[detector.name, default: 0] += 1
        distinct.insert(key: distinctKey)
    }

    /// Adds another report's counts and detail (its detail was already limited).
    public mutating func merge(_ other: ScanReport) {
        findings += other.findings
        sources += other.sources
        bytesScanned += other.bytesScanned
        recordsScanned += other.recordsScanned
        for (name, count) in other.counts { counts[name, default: 0] += count }
        distinct.merge(other.distinct)
    }

    /// Adds the next part of the same source (a later byte range): counts add up, detail
    /// continues up to this report's limit.
    public mutating func absorb(_ part: ScanReport) {
        for (name, count) in part.counts { counts[name, default: 0] += count }
        distinct.merge(part.distinct)
        findings += part.findings.prefix(max(0, detailLimit - findings.count))
    }

    /// Adds findings of the same source from another pass: detail is merged in offset order
    /// and cut at the limit. Each side kept its own first findings, so the first `detailLimit`
    /// of the union are among them.
    public mutating func interleave(_ other: ScanReport) {
        for (name, count) in other.counts { counts[name, default: 0] += count }
        distinct.merge(other.distinct)
        findings = Array((findings + other.findings).sorted { ($0.offset, $0.length) < ($1.offset, $1.length) }.prefix(detailLimit))
    }

    /// Every finding, whether or not its detail was kept.
    public var totalFindings: Int { counts.values.reduce(0, +) }

    /// Findings counted but not listed (beyond the detail limit).
    public var omittedFindings: Int { max(0, totalFindings - findings.count) }

    /// Findings per detector name, sorted by name.
    public var countsByDetector: [(detector: String, count: Int)] {
        counts.map { ($0.key, $0.value) }.sorted { $0.detector < $1.detector }
    }

    /// Distinct values found, by fingerprint: "12 findings of 3 cards" means the same few leaked.
    /// Exact up to a few thousand, estimated beyond (`distinct.isEstimate`).
    public var distinctValues: Int { distinct.count }

    /// `creditCard 8, ssn 4` — counts only, for messages and events.
    public var countsText: String {
        countsByDetector.map { "\($0.detector) \($0.count)" }.joined(separator: ", ")
    }
}
