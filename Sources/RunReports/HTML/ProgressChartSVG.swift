import Executor
import Foundation
import GenesysWire

/// The refresh's progress against time as inline SVG: one line per refresh job (an expansion
/// round is a second job), every status request a dot, so a reader sees how often the run
/// polled and where progress stalled. Each dot's tooltip holds the poll's time, status and
/// percentage.
enum ProgressChartSVG {
    static let width = 800.0
    static let height = 260.0
    static let left = 44.0, right = 14.0, top = 12.0, bottom = 32.0
    static let colors = ["#0969da", "#8250df", "#bf3989", "#1a7f37"]

    /// `start` is the run's start: the x axis counts seconds from it.
    static func render(_ statuses: [RunState.ObservedStatus], start: Date) -> String {
        let points = statuses.compactMap { status -> (status: RunState.ObservedStatus, seconds: Double)? in
            guard let at = WireCoding.date(from: status.at) else { return nil }
            return (status, max(at.timeIntervalSince(start), 0))
        }
        let span = max(points.map(\.seconds).max() ?? 0, 1)
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        func x(_ seconds: Double) -> Double { left + seconds / span * plotWidth }
        func y(_ progress: Int) -> Double { top + (1 - Double(min(max(progress, 0), 100)) / 100) * plotHeight }
        func f(_ value: Double) -> String { String(format: "%.1f", value) }

        var parts: [String] = []
        for percent in stride(from: 0, through: 100, by: 25) {
            parts.append("<line x1=\"\(f(left))\" y1=\"\(f(y(percent)))\" x2=\"\(f(width - right))\" y2=\"\(f(y(percent)))\" stroke=\"#d0d7de\" stroke-width=\"1\"/>")
            parts.append("<text x=\"\(f(left - 6))\" y=\"\(f(y(percent) + 4))\" text-anchor=\"end\" font-size=\"11\" fill=\"#57606a\">\(percent)%</text>")
        }
        for tick in 0...4 {
            let seconds = span * Double(tick) / 4
            let anchor = tick == 0 ? "start" : tick == 4 ? "end" : "middle"
            parts.append("<text x=\"\(f(x(seconds)))\" y=\"\(f(height - 10))\" text-anchor=\"\(anchor)\" font-size=\"11\" fill=\"#57606a\">\(ReportHTML.escape(ReportHTML.duration(seconds)))</text>")
        }
        let jobs = points.reduce(into: [String]()) { if !$0.contains($1.status.refreshId) { $0.append($1.status.refreshId) } }
        for (index, job) in jobs.enumerated() {
            let color = colors[index % colors.count]
            let series = points.filter { $0.status.refreshId == job }
            let line = series.map { "\(f(x($0.seconds))),\(f(y($0.status.progress)))" }.joined(separator: " ")
            parts.append("<polyline points=\"\(line)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"/>")
            for point in series {
                let failed = point.status.status == "FAILED"
                let tip = "\(point.status.at) \(point.status.status) \(point.status.progress)% (refresh \(job))"
                parts.append("<circle class=\"poll\" cx=\"\(f(x(point.seconds)))\" cy=\"\(f(y(point.status.progress)))\" r=\"3.5\" fill=\"\(failed ? "#cf222e" : color)\"><title>\(ReportHTML.escape(tip))</title></circle>")
            }
        }
        let label = "Refresh progress over \(ReportHTML.duration(span)): \(points.count) status requests"
        return "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(ReportHTML.escape(label))\">\n"
            + parts.joined(separator: "\n") + "\n</svg>"
    }
}
