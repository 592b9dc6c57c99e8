import Executor
import Foundation

/// The closing lines of `apply`: what happened, where the evidence is, and what the exit code means.
enum RunSummaryText {
    static func render(_ report: RunReport, color: Bool) -> String {
        func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
        let s = report.summary
        var lines = [""]
        if report.outcome == .success {
            lines.append(paint("✓ Refresh of \(s.sandboxId) succeeded", "1;32") + " (scope \(s.scopeExpanded ?? s.scopeEffective), \(Int(s.durationSeconds / 60)) min \(Int(s.durationSeconds) % 60) s)")
        } else {
            lines.append(paint("✗ Run ended: \(report.outcome.rawValue)", "1;31") + " (exit \(report.outcome.exitCode)): \(report.outcome.meaning)")
            if let message = s.message { lines.append("  \(message)") }
        }
        if !s.refreshIds.isEmpty { lines.append("  refresh id\(s.refreshIds.count == 1 ? "" : "s"): \(s.refreshIds.joined(separator: ", "))") }
        if s.scopeRequested != s.scopeEffective || s.scopeExpanded != nil {
            lines.append("  scope: requested \(s.scopeRequested), ran \(s.scopeExpanded ?? s.scopeEffective): \(s.expansionReasons.joined(separator: "; "))")
        }
        let total = s.requests.values.reduce(0, +)
        lines.append("  API requests: \(total) (\(s.statusRequests) status polls)\(s.detectionLagSeconds.map { String(format: ", completion noticed %.0f s after it happened", $0) } ?? "")")
        lines.append("  artifacts: \(report.artifactsDirectory.path)/ (\(report.artifacts.joined(separator: ", ")))")
        return lines.joined(separator: "\n") + "\n"
    }
}
