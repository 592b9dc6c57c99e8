import Foundation
import GenesysWire
import PIIScanner
import PlanGraph

/// `gates.sarif`: what the flow validation and PII gates found, as SARIF 2.1.0, so code
/// scanning (GitHub's upload-sarif) lists a broken flow next to its source file and a PII
/// finding next to its record. One run per gate that found something, each its own tool.
///
/// Never a value: PII results name the source, record and field (the key path) and carry the
/// scanner's keyed fingerprint, not the masked rendering. Validation errors sit in the flow's
/// file when the plan's `sourceRepository` maps it (a physical location), else at a logical
/// location naming the flow.
enum GatesSARIF {
    static let validationTool = "sandbox-refresh validate-flows"
    static let piiTool = "sandbox-refresh pii-scan"
    static let validationFingerprint = "flowValidation/v1"
    static let informationUri = "https://sandbox-refresh.invalid/README.md#where-results-appear"

    /// Whether there is anything to write: the file exists only when a gate has findings.
    static func hasFindings(_ state: RunState) -> Bool {
        !state.validationErrors.isEmpty || !state.piiFindings.isEmpty
    }

    /// `planPath`: where a result with no file of its own is placed (an unmapped flow, a record
    /// read from the API), since code scanning drops results without a file location.
    static func render(summary: RunSummary, state: RunState, flowCommits: [FlowCommit], planPath: String = "") -> String {
        let fallback = planPath.isEmpty || planPath.hasPrefix("/") ? nil
            : PhysicalLocation(artifactLocation: ArtifactLocation(uri: uri(planPath)), region: Region(startLine: 1, startColumn: nil))
        var runs: [Run] = []
        let version = summary.provenance?.toolVersion ?? "unknown"
        if !state.validationErrors.isEmpty {
            runs.append(validationRun(summary: summary, errors: state.validationErrors, validatedFlows: state.validatedFlows, commits: flowCommits, version: version,
                                      fallback: fallback))
        }
        if !state.piiFindings.isEmpty {
            runs.append(piiRun(summary: summary, findings: state.piiFindings, counts: state.piiCounts, version: version, fallback: fallback))
        }
        let log = Log(schema: SARIFRenderer.schema, version: "2.1.0", runs: runs)
        return String(decoding: WireCoding.encode(log, pretty: true), as: UTF8.self) + "\n"
    }

    // MARK: flow validation

    static func validationRun(summary: RunSummary, errors: [FlowValidationError], validatedFlows: Int, commits: [FlowCommit], version: String,
                              fallback: PhysicalLocation? = nil) -> Run {
        let byFlow = Dictionary(commits.map { ($0.flowName, $0) }, uniquingKeysWith: { first, _ in first })
        let ruleIds = Array(Set(errors.map(ruleId))).sorted()
        let rules = ruleIds.map { id in
            Rule(id: id, name: id, shortDescription: Message(text: id == "flow-validation"
                    ? "A flow fails validation in the sandbox after the refresh"
                    : "A flow references a \(id.dropFirst("flow-reference/".count)) the sandbox does not have"),
                 helpUri: informationUri, defaultConfiguration: Configuration(level: "error"))
        }
        let results = errors.map { error -> Result in
            let flow = error.flowName ?? error.flowId
            let commit = byFlow[flow]
            let logical = LogicalLocation(name: flow, fullyQualifiedName: "flows/\(flow)", kind: "resource")
            let physical = commit.map { PhysicalLocation(artifactLocation: ArtifactLocation(uri: uri($0.file)), region: nil) } ?? fallback
            var properties = ["flowId": error.flowId]
            if let id = error.referenceId { properties["referenceId"] = id }
            if let type = error.referenceType { properties["referenceType"] = type }
            if let commit { properties["lastCommit"] = commit.commit }
            let identity = [error.flowId, error.referenceType ?? "", error.referenceId ?? "", error.message].joined(separator: "\u{0}")
            return Result(ruleId: ruleId(error), ruleIndex: ruleIds.firstIndex(of: ruleId(error)) ?? 0,
                          level: error.severity.uppercased() == "WARNING" ? "warning" : "error",
                          message: Message(text: "\(flow): \(error.message)"),
                          locations: [Location(physicalLocation: physical, logicalLocations: [logical])],
                          partialFingerprints: [validationFingerprint: String(SavedPlan.sha256(Data(identity.utf8)).prefix(32))],
                          properties: properties)
        }
        return Run(tool: Tool(driver: Driver(name: validationTool, version: version, informationUri: informationUri, rules: rules)),
                   automationDetails: AutomationDetails(id: "sandbox-refresh-validate-flows/\(summary.sandboxId)/\(summary.runId)"),
                   results: results,
                   properties: ["validatedFlows": .int(validatedFlows), "failingFlows": .int(Set(errors.map(\.flowId)).count),
                                "plan": .string(summary.plan), "sandboxId": .string(summary.sandboxId)])
    }

    static func ruleId(_ error: FlowValidationError) -> String {
        guard let type = error.referenceType, !type.isEmpty else { return "flow-validation" }
        return "flow-reference/\(type)"
    }

    // MARK: PII

    static func piiRun(summary: RunSummary, findings: [Finding], counts: [String: Int], version: String, fallback: PhysicalLocation? = nil) -> Run {
        let ruleIds = Array(Set(findings.map(\.detector.name)).union(counts.keys)).sorted()
        let rules = ruleIds.map { id in
            Rule(id: id, name: id, shortDescription: Message(text: SARIFRenderer.description(of: id)),
                 helpUri: SARIFRenderer.informationUri, defaultConfiguration: Configuration(level: "error"))
        }
        let results = findings.map { finding -> Result in
            let record = recordName(finding)
            let path = [finding.source, record, finding.field].compactMap { $0 }
            var properties = ["source": finding.source]
            if let record { properties["record"] = record }
            if let field = finding.field { properties["keyPath"] = field }
            // A finding in an export has a line and column; one in an API record has its key path.
            let region = finding.line.map { Region(startLine: $0, startColumn: finding.column) }
            let physical = finding.line == nil ? fallback : PhysicalLocation(artifactLocation: ArtifactLocation(uri: uri(finding.source)), region: region)
            let logical = LogicalLocation(name: finding.field ?? record ?? finding.source, fullyQualifiedName: path.joined(separator: "/"),
                                          kind: finding.field == nil ? "object" : "property")
            let place = (record.map { "record \($0)" } ?? finding.line.map { "line \($0)" } ?? "") + (finding.field.map { ", field \($0)" } ?? "")
            return Result(ruleId: finding.detector.name, ruleIndex: ruleIds.firstIndex(of: finding.detector.name) ?? 0, level: "error",
                          message: Message(text: "\(finding.detector.name) in \(finding.source)\(place.isEmpty ? "" : " (\(place))")"),
                          locations: [Location(physicalLocation: physical, logicalLocations: [logical])],
                          partialFingerprints: [SARIFRenderer.fingerprintName: SARIFRenderer.partialFingerprint(finding)],
                          properties: properties)
        }
        var properties: [String: Property] = ["plan": .string(summary.plan), "sandboxId": .string(summary.sandboxId),
                                              "totalFindings": .int(counts.values.reduce(0, +))]
        for (detector, count) in counts { properties["findings.\(detector)"] = .int(count) }
        return Run(tool: Tool(driver: Driver(name: piiTool, version: version, informationUri: SARIFRenderer.informationUri, rules: rules)),
                   automationDetails: AutomationDetails(id: "sandbox-refresh-pii-scan/\(summary.sandboxId)/\(summary.runId)"),
                   results: results, properties: properties)
    }

    /// The record a finding is in, by its id or row key, unless the finding is in that key
    /// itself (a data table keyed by card number): then naming the record would be the value.
    static func recordName(_ finding: Finding) -> String? {
        guard let record = finding.record else { return nil }
        return finding.field == "key" ? "(row key withheld)" : record
    }

    /// Relative paths stay relative (code scanning resolves them against the checkout).
    static func uri(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#[]")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }

    // MARK: the SARIF objects written

    struct Log: Encodable {
        var schema: String
        var version: String
        var runs: [Run]
        enum CodingKeys: String, CodingKey { case schema = "$schema", version, runs }
    }
    struct Run: Encodable {
        var tool: Tool
        var automationDetails: AutomationDetails
        var results: [Result]
        var properties: [String: Property]
    }
    enum Property: Encodable {
        case int(Int), string(String)
        func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .int(let value): try c.encode(value)
            case .string(let value): try c.encode(value)
            }
        }
    }
    struct Tool: Encodable { var driver: Driver }
    struct Driver: Encodable { var name: String; var version: String; var informationUri: String; var rules: [Rule] }
    struct Rule: Encodable { var id: String; var name: String; var shortDescription: Message; var helpUri: String; var defaultConfiguration: Configuration }
    struct Configuration: Encodable { var level: String }
    struct AutomationDetails: Encodable { var id: String }
    struct Message: Encodable { var text: String }
    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Message
        var locations: [Location]
        var partialFingerprints: [String: String]
        var properties: [String: String]
    }
    struct Location: Encodable { var physicalLocation: PhysicalLocation?; var logicalLocations: [LogicalLocation] }
    struct LogicalLocation: Encodable { var name: String; var fullyQualifiedName: String; var kind: String }
    struct PhysicalLocation: Encodable { var artifactLocation: ArtifactLocation; var region: Region? }
    struct ArtifactLocation: Encodable { var uri: String }
    struct Region: Encodable { var startLine: Int; var startColumn: Int? }
}
