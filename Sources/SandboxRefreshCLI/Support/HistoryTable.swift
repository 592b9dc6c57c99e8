import Foundation
import RunJournal

/// `history` as a table a person reads in a terminal or a cron mail.
enum HistoryTable {
    static func render(_ rows: [HistoryRow], color: Bool) -> String {
        guard !rows.isEmpty else { return "no runs in the journal\n" }
        let header = ["RUN ID", "PLAN", "SANDBOX", "OUTCOME", "SCOPE", "STARTED", "DURATION", "REFRESH IDS"]
        let cells = rows.map { row in
            [row.runId + (row.emulated ? " (emulated)" : ""), row.plan, row.sandboxId,
             row.outcome + (row.exitCode.map { " (\($0))" } ?? ""), row.scope, JournalAccess.timestamp(row.startedAt),
             JournalAccess.duration(row.durationSeconds) + (row.attempts > 1 ? " ×\(row.attempts)" : ""),
             row.refreshIds.isEmpty ? "-" : row.refreshIds.joined(separator: ",")]
        }
        let widths = header.indices.map { column in ([header] + cells).map { $0[column].count }.max() ?? 0 }
        func line(_ values: [String]) -> String {
            zip(values, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        func paint(_ text: String, _ outcome: String) -> String {
            guard color else { return text }
            let code = outcome == "success" ? "32" : outcome == "unfinished" || outcome == "interrupted" ? "33" : "31"
            return "\u{1B}[\(code)m\(text)\u{1B}[0m"
        }
        var out = [color ? "\u{1B}[1m\(line(header))\u{1B}[0m" : line(header)]
        for (row, values) in zip(rows, cells) { out.append(paint(line(values), row.outcome)) }
        out.append("\(rows.count) run\(rows.count == 1 ? "" : "s"); ×N = resumed N-1 times")
        return out.joined(separator: "\n") + "\n"
    }
}
