import Executor
import Foundation
import GenesysWire
import PIIScanner
import PlanGraph
import SARIFFormat

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
            : SARIFPhysicalLocation(uri: uri(planPath), region: SARIFRegion(startLine: 1))
        var runs: [SARIFRun] = []
        let version = summary.provenance?.toolVersion ?? "unknown"
        if !state.validationErrors.isEmpty {
            runs.append(validationRun(summary: summary, errors: state.validationErrors, validatedFlows: state.validatedFlows, commits: flowCommits, version: version,
                                      fallback: fallback))
        }
        if !state.piiFindings.isEmpty {
            runs.append(piiRun(summary: summary, findings: state.piiFindings, counts: state.piiCounts, version: version, fallback: fallback))
        }
        return String(decoding: WireCoding.encode(SARIFLog(runs: runs), pretty: true), as: UTF8.self) + "\n"
    }

    // MARK: flow validation

    static func validationRun(summary: RunSummary, errors: [FlowValidationError], validatedFlows: Int, commits: [FlowCommit], version: String,
                              fallback: SARIFPhysicalLocation? = nil) -> SARIFRun {
        let byFlow = Dictionary(commits.map { ($0.flowName, $0) }, uniquingKeysWith: { first, _ in first })
        let ruleIds = Array(Set(errors.map(ruleId))).sorted()
        let rules = ruleIds.map { id in
            SARIFRule(id: id, description: id == "flow-validation"
                        ? "A flow fails validation in the sandbox after the refresh"
                        : "A flow references a \(id.dropFirst("flow-reference/".count)) the sandbox does not have",
                      helpUri: informationUri)
        }
        let results = errors.map { error -> SARIFResult in
            let flow = error.flowName ?? error.flowId
            let commit = byFlow[flow]
            let logical = SARIFLogicalLocation(name: flow, fullyQualifiedName: "flows/\(flow)", kind: "resource")
            let physical = commit.map { SARIFPhysicalLocation(uri: uri($0.file), region: nil) } ?? fallback
            var properties = ["flowId": error.flowId]
            if let id = error.referenceId { properties["referenceId"] = id }
            if let type = error.referenceType { properties["referenceType"] = type }
            if let commit { properties["lastCommit"] = commit.commit }
            let identity = [error.flowId, error.referenceType ?? "", error.referenceId ?? "", error.message].joined(separator: "\u{0}")
            return SARIFResult(ruleId: ruleId(error), ruleIndex: ruleIds.firstIndex(of: ruleId(error)) ?? 0,
                               level: error.severity.uppercased() == "WARNING" ? "warning" : "error",
                               message: "\(flow): \(error.message)",
                               locations: [SARIFLocation(physicalLocation: physical, logicalLocations: [logical])],
                               partialFingerprints: [validationFingerprint: String(SavedPlan.sha256(Data(identity.utf8)).prefix(32))],
                               properties: properties)
        }
        return SARIFRun(tool: SARIFTool(driver: SARIFDriver(name: validationTool, version: version, informationUri: informationUri, rules: rules)),
                        automationDetails: SARIFAutomationDetails(id: "sandbox-refresh-validate-flows/\(summary.sandboxId)/\(summary.runId)"),
                        results: results,
                        properties: ["validatedFlows": .int(validatedFlows), "failingFlows": .int(Set(errors.map(\.flowId)).count),
                                     "plan": .string(summary.plan), "sandboxId": .string(summary.sandboxId)])
    }

    static func ruleId(_ error: FlowValidationError) -> String {
        guard let type = error.referenceType, !type.isEmpty else { return "flow-validation" }
        return "flow-reference/\(type)"
    }

    // MARK: PII

    static func piiRun(summary: RunSummary, findings: [Finding], counts: [String: Int], version: String, fallback: SARIFPhysicalLocation? = nil) -> SARIFRun {
        let ruleIds = Array(Set(findings.map(\.detector.name)).union(counts.keys)).sorted()
        let rules = ruleIds.map { id in
            SARIFRule(id: id, description: SARIFRenderer.description(of: id), helpUri: SARIFRenderer.informationUri)
        }
        let results = findings.map { finding -> SARIFResult in
            let record = recordName(finding)
            let path = [finding.source, record, finding.field].compactMap { $0 }
            var properties = ["source": finding.source]
            if let record { properties["record"] = record }
            if let field = finding.field { properties["keyPath"] = field }
            // A finding in an export has a line and column; one in an API record has its key path.
            let region = finding.line.map { SARIFRegion(startLine: $0, startColumn: finding.column) }
            let physical = finding.line == nil ? fallback : SARIFPhysicalLocation(uri: uri(finding.source), region: region)
            let logical = SARIFLogicalLocation(name: finding.field ?? record ?? finding.source, fullyQualifiedName: path.joined(separator: "/"),
                                          kind: finding.field == nil ? "object" : "property")
            let place = (record.map { "record \($0)" } ?? finding.line.map { "line \($0)" } ?? "") + (finding.field.map { ", field \($0)" } ?? "")
            return SARIFResult(ruleId: finding.detector.name, ruleIndex: ruleIds.firstIndex(of: finding.detector.name) ?? 0, level: "error",
                               message: "\(finding.detector.name) in \(finding.source)\(place.isEmpty ? "" : " (\(place))")",
                               locations: [SARIFLocation(physicalLocation: physical, logicalLocations: [logical])],
                               partialFingerprints: [SARIFRenderer.fingerprintName: SARIFRenderer.partialFingerprint(finding)],
                               properties: properties)
        }
        var properties: [String: SARIFProperty] = ["plan": .string(summary.plan), "sandboxId": .string(summary.sandboxId),
                                              "totalFindings": .int(counts.values.reduce(0, +))]
        for (detector, count) in counts { properties["findings.\(detector)"] = .int(count) }
        return SARIFRun(tool: SARIFTool(driver: SARIFDriver(name: piiTool, version: version, informationUri: SARIFRenderer.informationUri, rules: rules)),
                        automationDetails: SARIFAutomationDetails(id: "sandbox-refresh-pii-scan/\(summary.sandboxId)/\(summary.runId)"),
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
}
