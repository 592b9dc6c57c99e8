import PIIScanner
import PlanGraph

/// The report `scan` streams, in the format asked for, to standard output.
enum ScanReportWriter {
    static func make(format: String, detectors: [String]) -> any ReportWriter {
        let emit: (String) -> Void = { Terminal.write($0) }
        switch format {
        case "json": return JSONReportWriter(emit: emit)
        case "sarif": return SARIFReportWriter(detectors: detectors, toolVersion: ToolVersion.current, emit: emit)
        default: return TextReportWriter(emit: emit)
        }
    }
}
