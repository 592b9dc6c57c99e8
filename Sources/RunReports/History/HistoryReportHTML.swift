import Foundation

/// `history --html FILE`: many runs on one self-contained page in report.html's style. Per
/// sandbox, a small chart of outcome and duration over time and a table of its runs, so a
/// refresh that grows slower or starts failing is visible without reading the journal.
public enum HistoryReportHTML {
    /// One run as the journal's history lists it.
    public struct Run: Sendable, Hashable {
        public var runId: String
        public var plan: String
        public var sandboxId: String
        public var outcome: String
        public var exitCode: Int32?
        public var scope: String
        public var startedAt: Date
        public var durationSeconds: Double?
        public var refreshIds: [String]
        public var emulated: Bool

        public init(runId: String, plan: String, sandboxId: String, outcome: String, exitCode: Int32?, scope: String, startedAt: Date,
                    durationSeconds: Double?, refreshIds: [String], emulated: Bool) {
            self.runId = runId
            self.plan = plan
            self.sandboxId = sandboxId
            self.outcome = outcome
            self.exitCode = exitCode
            self.scope = scope
            self.startedAt = startedAt
            self.durationSeconds = durationSeconds
            self.refreshIds = refreshIds
            self.emulated = emulated
        }
    }

    public static func render(_ runs: [Run], generatedAt: Date) -> String {
        let sandboxes = Array(Set(runs.map(\.sandboxId))).sorted()
        let failed = runs.filter { ReportHTML.outcomeClass($0.outcome) == "fail" }.count
        var parts = [
            "<header class=\"banner \(failed == 0 ? "ok" : "fail")\">",
            "<h1>sandbox-refresh history</h1>",
            "<p>\(runs.count) run\(runs.count == 1 ? "" : "s") on \(sandboxes.count) sandbox\(sandboxes.count == 1 ? "" : "es"), \(failed) failed; generated \(ReportHTML.escape(ReportHTML.timestamp(generatedAt)))</p>",
            "</header>",
        ]
        if runs.isEmpty { parts.append("<p class=\"muted\">The journal has no runs.</p>") }
        for (index, sandbox) in sandboxes.enumerated() {
            let own = runs.filter { $0.sandboxId == sandbox }.sorted { $0.startedAt < $1.startedAt }
            let durations = own.compactMap(\.durationSeconds)
            let median = durations.isEmpty ? nil : durations.sorted()[durations.count / 2]
            let succeeded = own.filter { $0.outcome == "success" }.count
            let caption = "\(succeeded) of \(own.count) succeeded\(median.map { "; median duration \(ReportHTML.duration($0))" } ?? "")"
            let rows = own.reversed().map { run -> [String] in
                [ReportHTML.escape(ReportHTML.timestamp(run.startedAt)), ReportHTML.code(run.runId) + (run.emulated ? " <span class=\"muted\">(emulated)</span>" : ""),
                 ReportHTML.escape(run.plan), ReportHTML.badge(run.outcome) + (run.exitCode.map { " <span class=\"muted\">exit \($0)</span>" } ?? ""),
                 run.durationSeconds.map(ReportHTML.duration) ?? "–", ReportHTML.escape(run.scope), run.refreshIds.map(ReportHTML.code).joined(separator: ", ")]
            }
            let content = "<figure>\n\(HistoryChartSVG.render(own))\n<figcaption>\(ReportHTML.escape(caption))</figcaption>\n</figure>\n"
                + ReportHTML.table(["Started", "Run", "Plan", "Outcome", "Duration", "Scope", "Refresh"], rows, numeric: [4])
            parts.append(ReportHTML.section(sandbox, id: "sandbox-\(index + 1)", content))
        }
        return ReportHTML.page(title: "sandbox-refresh history", body: parts.joined(separator: "\n"))
    }
}
