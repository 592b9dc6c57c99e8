import Foundation

/// Whole-report renderings (tests, the gate's artifacts): the streaming writers, collected.
public enum ReportRenderer {
    public static func text(_ report: ScanReport) -> String {
        var out = ""
        var writer = TextReportWriter { out += $0 }
        writer.write(report)
        writer.finish(report)
        return out
    }

    public static func json(_ report: ScanReport) -> String {
        var out = ""
        var writer = JSONReportWriter { out += $0 }
        writer.write(report)
        writer.finish(report)
        return out
    }

    static func encode(_ value: some Encodable, pretty: Bool = true) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
