/// SARIF 2.1.0, so CI code-scanning views (GitHub, Azure DevOps, GitLab) list findings next to
/// the exports they came from. One rule per detector; results carry the masked rendering and
/// the fingerprint (as a partial fingerprint, which is what those views deduplicate on).
public enum SARIFRenderer {
    public static let schema = "https://json.schemastore.org/sarif-2.1.0.json"

    public static func render(_ report: ScanReport, toolVersion: String = "1.0.0") -> String {
        let detectors = Array(Set(report.findings.map(\.detector.name))).sorted()
        let rules = detectors.map { name in
            Rule(id: name, name: name, shortDescription: Message(text: description(of: name)),
                 defaultConfiguration: Configuration(level: "error"))
        }
        let results = report.findings.map { finding in
            Result(ruleId: finding.detector.name,
                   ruleIndex: detectors.firstIndex(of: finding.detector.name) ?? 0,
                   level: "error",
                   message: Message(text: "\(finding.detector.name) \(finding.masked)" + (finding.field.map { " in \($0)" } ?? "") + (finding.line == nil ? (finding.record.map { " (record \($0))" } ?? "") : "")),
                   locations: [Location(physicalLocation: PhysicalLocation(
                       artifactLocation: ArtifactLocation(uri: uri(finding.source)),
                       region: Region(startLine: finding.line, byteOffset: finding.offset, byteLength: finding.length)))],
                   partialFingerprints: ["piiValue/v1": finding.fingerprint])
        }
        let log = Log(version: "2.1.0", schema: schema, runs: [Run(
            tool: Tool(driver: Driver(name: "sandbox-refresh scan", version: toolVersion, informationUri: "https://github.com/", rules: rules)),
            results: results)])
        return ReportRenderer.encode(log)
    }

    static func description(of detector: String) -> String {
        switch detector {
        case "creditCard": return "Payment card number (issuer prefix, length and Luhn check)"
        case "ssn": return "US social security number (SSA allocation rules)"
        default: return "User-defined PII pattern \(detector)"
        }
    }

    /// Relative paths stay relative (SARIF consumers resolve them against the checkout).
    static func uri(_ path: String) -> String {
        path.hasPrefix("/") ? "file://" + path : path
    }

    struct Log: Encodable {
        var version: String
        var schema: String
        var runs: [Run]
        enum CodingKeys: String, CodingKey { case version, schema = "$schema", runs }
    }
    struct Run: Encodable { var tool: Tool; var results: [Result] }
    struct Tool: Encodable { var driver: Driver }
    struct Driver: Encodable { var name: String; var version: String; var informationUri: String; var rules: [Rule] }
    struct Rule: Encodable { var id: String; var name: String; var shortDescription: Message; var defaultConfiguration: Configuration }
    struct Configuration: Encodable { var level: String }
    struct Message: Encodable { var text: String }
    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Message
        var locations: [Location]
        var partialFingerprints: [String: String]
    }
    struct Location: Encodable { var physicalLocation: PhysicalLocation }
    struct PhysicalLocation: Encodable { var artifactLocation: ArtifactLocation; var region: Region }
    struct ArtifactLocation: Encodable { var uri: String }
    struct Region: Encodable { var startLine: Int?; var byteOffset: Int; var byteLength: Int }
}
