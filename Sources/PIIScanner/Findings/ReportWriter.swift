import Foundation

/// Writes a scan report as it is made: one file's part at a time (its listed findings, at most
/// the detail limit), then the totals. Nothing is kept between parts but counts, so output of
/// any size costs bounded memory. Everything written comes from `Finding`s, which hold no raw
/// values, so nothing written here can leak one.
public protocol ReportWriter {
    /// Called once per scanned source, in order.
    mutating func write(_ part: ScanReport)
    /// Called once, with every part merged (its `findings` empty: the parts listed them).
    mutating func finish(_ totals: ScanReport)
}

/// Text: one line per listed finding (`path:line:column: kind masked in field [...]`), a note
/// per file whose findings were not all listed, and a summary line.
public struct TextReportWriter: ReportWriter {
    let emit: (String) -> Void

    public init(emit: @escaping (String) -> Void) { self.emit = emit }

    public mutating func write(_ part: ScanReport) {
        var lines: [String] = []
        for finding in part.findings {
            var place = finding.source
            if let line = finding.line { place += ":\(line)" + (finding.column.map { ":\($0)" } ?? "") }
            var detail = "\(finding.detector.name) \(finding.masked)"
            if let field = finding.field { detail += " in \(field)" }
            if finding.line == nil, let record = finding.record { detail += " (record \(record))" }
            lines.append("\(place): \(detail) [offset \(finding.offset), id \(finding.fingerprint)]")
        }
        if part.omittedFindings > 0 {
            lines.append("\(part.sources.joined(separator: ", ")): \(part.omittedFindings) more finding(s) not listed (\(part.countsText) in all; the first \(part.detailLimit) are listed)")
        }
        if !lines.isEmpty { emit(lines.joined(separator: "\n") + "\n") }
    }

    public mutating func finish(_ totals: ScanReport) {
        let distinct = (totals.distinct.isEstimate ? "about " : "") + "\(totals.distinctValues)"
        emit((totals.totalFindings == 0
            ? "no findings in \(totals.sources.count) source(s), \(totals.bytesScanned) bytes"
            : "\(totals.totalFindings) finding(s) (\(totals.countsText)), \(distinct) distinct value(s), in \(totals.sources.count) source(s), \(totals.bytesScanned) bytes") + "\n")
    }
}

/// JSON: `{"findings": [...], "counts": {...}, "totalFindings", "omittedFindings", ...}`,
/// findings written as each part arrives.
public struct JSONReportWriter: ReportWriter {
    let emit: (String) -> Void
    private var first = true
    private var sourcesTruncated: [String: Int] = [:]

    public init(emit: @escaping (String) -> Void) {
        self.emit = emit
        emit("{\n  \"findings\" : [")
    }

    public mutating func write(_ part: ScanReport) {
        for finding in part.findings {
            emit((first ? "\n    " : ",\n    ") + ReportRenderer.encode(finding, pretty: false))
            first = false
        }
        if part.omittedFindings > 0 { sourcesTruncated[part.sources.joined(separator: ", "), default: 0] += part.omittedFindings }
    }

    public mutating func finish(_ totals: ScanReport) {
        struct Tail: Encodable {
            var counts: [String: Int]
            var totalFindings: Int
            var omittedFindings: Int
            var omittedBySource: [String: Int]
            var detailLimitPerSource: Int
            var distinctValues: Int
            var distinctValuesEstimated: Bool
            var sources: [String]
            var bytesScanned: Int
        }
        let tail = Tail(counts: totals.counts, totalFindings: totals.totalFindings, omittedFindings: sourcesTruncated.values.reduce(0, +),
                        omittedBySource: sourcesTruncated, detailLimitPerSource: totals.detailLimit, distinctValues: totals.distinctValues,
                        distinctValuesEstimated: totals.distinct.isEstimate, sources: totals.sources, bytesScanned: totals.bytesScanned)
        let body = ReportRenderer.encode(tail, pretty: true)
        // `{ "counts" ... }` continues the object opened in init.
        emit((first ? "]" : "\n  ]") + ",\n" + body.dropFirst(2) + "\n")
    }
}
