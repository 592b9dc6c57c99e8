import Foundation

/// One sandbox's runs as a small inline SVG: a bar per run, oldest on the left, its height the
/// run's duration and its colour the outcome, so a slowing refresh or a run of failures shows
/// at a glance. Each bar's tooltip names the run.
enum HistoryChartSVG {
    static let width = 600.0
    static let height = 120.0
    static let left = 44.0, right = 8.0, top = 8.0, bottom = 8.0

    static func color(_ outcome: String) -> String {
        switch ReportHTML.outcomeClass(outcome) {
        case "ok": return "#1a7f37"
        case "warn": return "#9a6700"
        default: return "#cf222e"
        }
    }

    /// `runs` oldest first.
    static func render(_ runs: [HistoryReportHTML.Run]) -> String {
        let longest = max(runs.compactMap(\.durationSeconds).max() ?? 0, 1)
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let slot = plotWidth / Double(max(runs.count, 1))
        let barWidth = max(min(slot * 0.7, 40), 1)
        func f(_ value: Double) -> String { String(format: "%.1f", value) }
        var parts = [
            "<line x1=\"\(f(left))\" y1=\"\(f(height - bottom))\" x2=\"\(f(width - right))\" y2=\"\(f(height - bottom))\" stroke=\"#d0d7de\" stroke-width=\"1\"/>",
            "<text x=\"\(f(left - 6))\" y=\"\(f(top + 10))\" text-anchor=\"end\" font-size=\"11\" fill=\"#57606a\">\(ReportHTML.escape(ReportHTML.duration(longest)))</text>",
            "<text x=\"\(f(left - 6))\" y=\"\(f(height - bottom))\" text-anchor=\"end\" font-size=\"11\" fill=\"#57606a\">0</text>",
        ]
        for (index, run) in runs.enumerated() {
            // A run without a duration (unfinished) is a short stub in its outcome's colour.
            let barHeight = max((run.durationSeconds ?? 0) / longest * plotHeight, 2)
            let x = left + Double(index) * slot + (slot - barWidth) / 2
            let tip = "\(run.runId): \(run.outcome), \(run.durationSeconds.map(ReportHTML.duration) ?? "unfinished"), started \(ReportHTML.timestamp(run.startedAt))"
            parts.append("<rect class=\"run\" x=\"\(f(x))\" y=\"\(f(height - bottom - barHeight))\" width=\"\(f(barWidth))\" height=\"\(f(barHeight))\" fill=\"\(color(run.outcome))\"><title>\(ReportHTML.escape(tip))</title></rect>")
        }
        let label = "\(runs.count) runs; bar height is duration, colour is outcome"
        return "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(ReportHTML.escape(label))\">\n" + parts.joined(separator: "\n") + "\n</svg>"
    }
}
