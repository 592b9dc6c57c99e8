import Crypto
import Foundation
import SARIFFormat

/// SARIF 2.1.0, so CI code-scanning views (GitHub, Azure DevOps, GitLab) list findings next to
/// the exports they came from. One rule per detector; results carry the masked rendering and
/// a partial fingerprint that is stable across runs when the fingerprint key is (the plan's
/// `masking.hashKey` or `scan --fingerprint-key`): it is derived from the file path, the kind
/// and the keyed hash of the value, never from the value itself.
///
/// Written as a stream (`SARIFReportWriter`): the rules are declared up front from the
/// detectors that run, results follow file by file, and the run's properties carry the counts.
/// The objects are SARIFFormat's, the same as a run's `gates.sarif`; the tool version is the
/// caller's (the CLI passes `ToolVersion.current`, what `--version` says).
public enum SARIFRenderer {
    /// The README's section on scanning; the host is the project's documentation namespace,
    /// the same as the plan schema's `$id`.
    public static let informationUri = "https://sandbox-refresh.invalid/README.md#scanning-exports-for-pii"
    public static let fingerprintName = "piiValue/v2"

    public static func render(_ report: ScanReport, toolVersion: String) -> String {
        var out = ""
        let detectors = Array(Set(report.findings.map(\.detector.name)).union(report.counts.keys))
        var writer = SARIFReportWriter(detectors: detectors, toolVersion: toolVersion) { out += $0 }
        writer.write(report)
        writer.finish(report)
        return out
    }

    public static func description(of detector: String) -> String {
        switch detector {
        case "creditCard": return "Payment card number (issuer prefix, length and Luhn check)"
        case "ssn": return "US social security number (SSA allocation rules)"
        default: return "User-defined PII pattern \(detector)"
        }
    }

    /// Relative paths stay relative (SARIF consumers resolve them against the checkout).
    static func uri(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#[]")
        let escaped = path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
        return path.hasPrefix("/") ? "file://" + escaped : escaped
    }

    /// SHA-256 of (path, kind, keyed value hash): the value's part is already an HMAC, so this
    /// adds nothing reversible; the path and kind keep one value in two files two results.
    public static func partialFingerprint(_ finding: Finding) -> String {
        var message = Array(finding.source.utf8)
        message.append(0)
        message += finding.detector.name.utf8
        message.append(0)
        message += finding.fingerprint.utf8
        return Hex.encode(SHA256.hash(data: message).prefix(16))
    }
}

public struct SARIFReportWriter: ReportWriter {
    let emit: (String) -> Void
    let rules: [String]
    private var first = true
    private var omitted = 0

    /// `detectors`: names of every detector that runs, so rules can be declared before results.
    public init(detectors: [String], toolVersion: String, emit: @escaping (String) -> Void) {
        self.emit = emit
        rules = detectors.sorted()
        let ruleObjects = rules.map { name in
            SARIFRule(id: name, description: SARIFRenderer.description(of: name), helpUri: SARIFRenderer.informationUri)
        }
        let driver = SARIFDriver(name: "sandbox-refresh scan", version: toolVersion, informationUri: SARIFRenderer.informationUri, rules: ruleObjects)
        emit("{\n  \"$schema\" : \"\(SARIFLog.schema)\",\n  \"version\" : \"\(SARIFLog.version)\",\n  \"runs\" : [\n    {\n")
        emit("      \"tool\" : {\"driver\" : \(ReportRenderer.encode(driver, pretty: false))},\n")
        emit("      \"columnKind\" : \"unicodeCodePoints\",\n      \"results\" : [")
    }

    public mutating func write(_ part: ScanReport) {
        for finding in part.findings {
            let result = SARIFResult(ruleId: finding.detector.name,
                                     ruleIndex: rules.firstIndex(of: finding.detector.name) ?? 0,
                                     level: "error",
                                     message: "\(finding.detector.name) \(finding.masked)" + (finding.field.map { " in \($0)" } ?? "")
                                        + (finding.line == nil ? (finding.record.map { " (record \($0))" } ?? "") : ""),
                                     locations: [SARIFLocation(physicalLocation: SARIFPhysicalLocation(
                                        uri: SARIFRenderer.uri(finding.source),
                                        region: SARIFRegion(startLine: finding.line, startColumn: finding.line == nil ? nil : finding.column,
                                                            byteOffset: finding.offset, byteLength: finding.length)))],
                                     partialFingerprints: [SARIFRenderer.fingerprintName: SARIFRenderer.partialFingerprint(finding)])
            emit((first ? "\n        " : ",\n        ") + ReportRenderer.encode(result, pretty: false))
            first = false
        }
        omitted += part.omittedFindings
    }

    public mutating func finish(_ totals: ScanReport) {
        let properties = Properties(counts: totals.counts, totalFindings: totals.totalFindings, omittedFindings: omitted,
                                    detailLimitPerSource: totals.detailLimit, bytesScanned: totals.bytesScanned)
        emit((first ? "],\n" : "\n      ],\n") + "      \"properties\" : \(ReportRenderer.encode(properties, pretty: false))\n    }\n  ]\n}\n")
    }

    struct Properties: Encodable {
        var counts: [String: Int]
        var totalFindings: Int
        var omittedFindings: Int
        var detailLimitPerSource: Int
        var bytesScanned: Int
    }
}
