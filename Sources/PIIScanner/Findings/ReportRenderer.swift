import Foundation

/// Text and JSON renderings of a report. Both are built from `Finding`s only, which hold no
/// raw values, so nothing rendered here can leak one.
public enum ReportRenderer {
    public static func text(_ report: ScanReport) -> String {
        var lines: [String] = []
        for finding in report.findings {
            var place = finding.source
            if let line = finding.line { place += ":\(line)" }
            var detail = "\(finding.detector.name) \(finding.masked)"
            if let field = finding.field { detail += " in \(field)" }
            if finding.line == nil, let record = finding.record { detail += " (record \(record))" }
            lines.append("\(place): \(detail) [offset \(finding.offset), id \(finding.fingerprint)]")
        }
        let summary = report.findings.isEmpty
            ? "no findings in \(report.sources.count) source(s), \(report.bytesScanned) bytes"
            : "\(report.findings.count) finding(s) (\(report.countsText)), \(report.distinctValues) distinct value(s), in \(report.sources.count) source(s), \(report.bytesScanned) bytes"
        lines.append(summary)
        return lines.joined(separator: "\n") + "\n"
    }

    public static func json(_ report: ScanReport) -> String {
        struct Document: Encodable {
            var findings: [Finding]
            var counts: [String: Int]
            var distinctValues: Int
            var sources: [String]
            var bytesScanned: Int
        }
        let document = Document(findings: report.findings, counts: Dictionary(uniqueKeysWithValues: report.countsByDetector.map { ($0.detector, $0.count) }),
                                 distinctValues: report.distinctValues, sources: report.sources, bytesScanned: report.bytesScanned)
        return encode(document)
    }

    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
