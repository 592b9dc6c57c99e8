import Executor
import Foundation

/// The Markdown that GitHub Actions shows on a job's page (`$GITHUB_STEP_SUMMARY`): outcome,
/// refresh, every gate's verdict and where the artifacts are. Ids, outcomes and messages only.
public enum StepSummary {
    public static func markdown(_ summary: RunSummary, artifactsDirectory: String) -> String {
        let ok = summary.outcome == "success"
        var lines = [
            "### \(ok ? "✅" : "❌") sandbox-refresh `\(summary.plan)` on `\(summary.sandboxId)`: \(summary.outcome) (exit \(summary.exitCode))",
            "",
            "| | |",
            "|---|---|",
            "| run | `\(summary.runId)` |",
            "| scope | \(summary.scopeExpanded ?? summary.scopeEffective)\(summary.scopeExpanded == nil ? "" : " (expanded from \(summary.scopeRequested))") |",
            "| refresh | \(summary.refreshIds.map { "`\($0)`" }.joined(separator: ", ").ifEmpty("none")) |",
            "| duration | \(Int(summary.durationSeconds.rounded())) s, \(summary.statusRequests) status requests |",
            "| artifacts | `\(artifactsDirectory)` |",
        ]
        if let step = summary.failedStep, let message = summary.message {
            lines.insert("", at: 1)
            lines.insert("> \(cell(String(message.prefix(600)))) (step `\(step)`)", at: 2)
        }
        if !summary.gates.isEmpty {
            lines += ["", "| gate | verdict |", "|---|---|"]
            for gate in summary.gates {
                lines.append("| `\(gate.gate)` | \(gate.passed ? "passed" : "failed: \(cell(String(gate.detail.prefix(300))))") |")
            }
        }
        return lines.joined(separator: "\n") + "\n\n"
    }

    /// Appends to the file GitHub Actions names; a summary that cannot be written changes
    /// nothing about the run.
    public static func append(_ text: String, to path: String) -> Bool {
        guard let handle = FileHandle(forWritingAtPath: path) else {
            return FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        }
        defer { try? handle.close() }
        do {
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
            return true
        } catch {
            return false
        }
    }

    /// A table cell: one line, no pipe that would end it.
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}

private extension String {
    func ifEmpty(_ fallback: String) -> String { isEmpty ? fallback : self }
}
