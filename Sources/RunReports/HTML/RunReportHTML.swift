import Executor
import Foundation
import GenesysWire

/// `report.html`: one run on one self-contained page, for the person who downloads the run
/// directory from CI: the outcome, the steps and how long each took, the refresh's progress
/// with every poll, drift, each gate's verdict with the failing flows and the commits behind
/// them, requests by endpoint, and what the clients did to get past failures.
///
/// Built from what the other artifacts hold (run.json's summary, the run state) plus the run's
/// events, so it says nothing they do not. Every text from the plan, the platform or git is
/// escaped; PII findings are named by where they are, never by value.
enum RunReportHTML {
    struct Input {
        var summary: RunSummary
        var state: RunState
        var flowCommits: [FlowCommit] = []
        var events: [RunEvent] = []
        var droppedEvents = 0
        /// Files of the run directory to link to (relative links, beside report.html).
        var artifacts: [String] = []
    }

    static func render(_ input: Input) -> String {
        let summary = input.summary
        let sections = [
            banner(summary),
            facts(summary),
            ReportHTML.section("Steps", id: "steps", steps(input)),
            ReportHTML.section("Refresh progress", id: "progress", progress(input)),
            ReportHTML.section("Drift", id: "drift", drift(input.state)),
            ReportHTML.section("Impact", id: "impact", ImpactSectionHTML.render(input.state)),
            ReportHTML.section("Hardening", id: "hardening", HardeningSectionHTML.render(input.state)),
            ReportHTML.section("Gates", id: "gates", gates(input)),
            ReportHTML.section("Requests by endpoint", id: "requests", requests(summary)),
            ReportHTML.section("Retries and circuit breaker", id: "resilience", resilience(input)),
            ReportHTML.section("Artifacts", id: "artifacts", artifacts(input.artifacts)),
        ]
        return ReportHTML.page(title: "sandbox-refresh \(summary.plan) on \(summary.sandboxId): \(summary.outcome)", body: sections.joined(separator: "\n"))
    }

    static func banner(_ summary: RunSummary) -> String {
        var lines = ["<h1>sandbox-refresh \(ReportHTML.code(summary.plan)) on \(ReportHTML.code(summary.sandboxId))</h1>",
                     "<p><strong>\(ReportHTML.escape(summary.outcome))</strong> (exit \(summary.exitCode)) after \(ReportHTML.duration(summary.durationSeconds))</p>"]
        if let message = summary.message {
            lines.append("<p>\(summary.failedStep.map { "Step \(ReportHTML.code($0)): " } ?? "")\(ReportHTML.escape(message))</p>")
        }
        return "<header class=\"banner \(ReportHTML.outcomeClass(summary.outcome))\">\n\(lines.joined(separator: "\n"))\n</header>"
    }

    static func facts(_ summary: RunSummary) -> String {
        var rows: [(String, String)] = [
            ("Run", ReportHTML.code(summary.runId)),
            ("Refresh", summary.refreshIds.isEmpty ? "none submitted" : summary.refreshIds.map(ReportHTML.code).joined(separator: ", ")),
        ]
        if let adopted = summary.adoptedRefreshId { rows.append(("Adopted refresh", ReportHTML.code(adopted))) }
        var scope = ReportHTML.escape(summary.scopeExpanded ?? summary.scopeEffective)
        if summary.scopeExpanded != nil { scope += " (expanded from \(ReportHTML.escape(summary.scopeRequested)): \(ReportHTML.escape(summary.expansionReasons.joined(separator: "; "))))" }
        rows += [
            ("Scope", scope),
            ("Started", ReportHTML.escape(summary.startedAt)),
            ("Finished", ReportHTML.escape(summary.finishedAt)),
            ("Status requests", String(summary.statusRequests)),
        ]
        if let lag = summary.detectionLagSeconds { rows.append(("Completion seen after", ReportHTML.duration(lag))) }
        if !summary.abortedForeignRefreshes.isEmpty { rows.append(("Aborted foreign refreshes", summary.abortedForeignRefreshes.map(ReportHTML.code).joined(separator: ", "))) }
        if let provenance = summary.provenance {
            let commit = provenance.planCommit.map { ReportHTML.code(String($0.prefix(12))) + (provenance.planTreeDirty == true ? " (uncommitted changes)" : "") } ?? "not in git"
            rows += [("Plan commit", commit), ("Tool", ReportHTML.escape(provenance.toolVersion)), ("Plan SHA-256", ReportHTML.code(String(provenance.planSHA256.prefix(16))))]
        }
        return "<dl class=\"facts\">\n" + rows.map { "<dt>\(ReportHTML.escape($0.0))</dt><dd>\($0.1)</dd>" }.joined(separator: "\n") + "\n</dl>"
    }

    // MARK: steps

    /// One step's run: from its start to the next step's start (steps run one at a time), or to
    /// the end of the run for the last one.
    struct StepSpan: Equatable {
        var step: String
        var start: Double
        var end: Double
        var failed: Bool
    }

    static func stepSpans(_ events: [RunEvent], end: Double) -> [StepSpan] {
        var spans: [StepSpan] = []
        for event in events {
            switch event.event {
            case "step.started":
                if let last = spans.indices.last, spans[last].end < 0 { spans[last].end = event.elapsed }
                spans.append(StepSpan(step: event.step ?? "?", start: event.elapsed, end: -1, failed: false))
            case "step.failed":
                if let last = spans.indices.last, spans[last].step == event.step { spans[last].failed = true }
            default:
                break
            }
        }
        if let last = spans.indices.last, spans[last].end < 0 { spans[last].end = max(end, spans[last].start) }
        return spans
    }

    static func steps(_ input: Input) -> String {
        let total = max(input.summary.durationSeconds, 0.001)
        let spans = stepSpans(input.events, end: input.summary.durationSeconds)
        guard !spans.isEmpty else {
            return "<p class=\"muted\">Steps run: \(ReportHTML.escape(input.summary.steps.joined(separator: ", "))) (no timings recorded for this run).</p>"
        }
        let rows = spans.map { span -> [String] in
            let offset = min(span.start / total * 100, 100), width = min(max((span.end - span.start) / total * 100, 0), 100 - offset)
            let bar = "<div class=\"track\"><span\(span.failed ? " class=\"fail\"" : "") style=\"left: \(String(format: "%.2f", offset))%; width: \(String(format: "%.2f", width))%\"></span></div>"
            return [ReportHTML.code(span.step), ReportHTML.duration(span.start), ReportHTML.duration(span.end - span.start),
                    span.failed ? ReportHTML.badge("failed") : ReportHTML.badge("success"), bar]
        }
        return ReportHTML.table(["Step", "Started at", "Duration", "Result", "Timeline"], rows, numeric: [1, 2])
    }

    // MARK: progress, drift

    static func progress(_ input: Input) -> String {
        let statuses = input.state.statuses
        guard !statuses.isEmpty, let start = WireCoding.date(from: input.summary.startedAt) else {
            return "<p class=\"muted\">No refresh was polled in this run.</p>"
        }
        let last = statuses[statuses.count - 1]
        let caption = "\(statuses.count) polls; last: \(last.status) \(last.progress)% at \(last.at)\(last.errorMessage.map { " (\($0))" } ?? "")"
        return "<figure>\n\(ProgressChartSVG.render(statuses, start: start))\n<figcaption>\(ReportHTML.escape(caption))</figcaption>\n</figure>"
    }

    static func drift(_ state: RunState) -> String {
        guard !state.drift.isEmpty else { return "<p class=\"muted\">No dependency scan in this run.</p>" }
        let rows = state.drift.sorted { $0.key < $1.key }.map { kind, counts -> [String] in
            let production = counts.first ?? 0, sandbox = counts.count > 1 ? counts[1] : 0
            return [ReportHTML.escape(kind), String(production), String(sandbox), production == sandbox ? "none" : (sandbox > production ? "+" : "") + String(sandbox - production)]
        }
        return ReportHTML.table(["Kind", "Production", "Sandbox", "Sandbox − production"], rows, numeric: [1, 2, 3])
    }

    // MARK: gates

    static func gates(_ input: Input) -> String {
        let summary = input.summary, state = input.state
        guard !summary.gates.isEmpty else { return "<p class=\"muted\">No gate ran in this run.</p>" }
        var parts = [ReportHTML.table(["Gate", "Verdict", "Detail"], summary.gates.map {
            [ReportHTML.code($0.gate), ReportHTML.badge($0.passed ? "passed" : $0.outcome ?? "failed"), ReportHTML.escape($0.detail)]
        })]
        if !state.validationErrors.isEmpty {
            let commits = Dictionary(input.flowCommits.map { ($0.flowName, $0) }, uniquingKeysWith: { first, _ in first })
            var order: [String] = []
            var byFlow: [String: [FlowValidationError]] = [:]
            for error in state.validationErrors {
                let name = error.flowName ?? error.flowId
                if byFlow[name] == nil { order.append(name) }
                byFlow[name, default: []].append(error)
            }
            let rows = order.map { name -> [String] in
                let errors = byFlow[name] ?? []
                let messages = errors.prefix(10).map { ReportHTML.escape($0.message) }.joined(separator: "<br/>") + (errors.count > 10 ? "<br/>… \(errors.count - 10) more" : "")
                let commit = commits[name].map { c in
                    "\(ReportHTML.code(String(c.commit.prefix(12)))) \(ReportHTML.escape(c.subject)) <span class=\"muted\">(\(ReportHTML.escape(c.author)), \(ReportHTML.escape(c.date)); \(ReportHTML.code(c.file)))</span>"
                } ?? "<span class=\"muted\">not mapped</span>"
                return [ReportHTML.escape(name), String(errors.count), messages, commit]
            }
            parts.append("<h3>Failing flows (\(order.count) of \(state.validatedFlows) validated)</h3>")
            parts.append(ReportHTML.table(["Flow", "Errors", "Messages", "Last commit"], rows, numeric: [1]))
        }
        if !state.piiCounts.isEmpty || !state.piiFindings.isEmpty {
            let counts = state.piiCounts.sorted { $0.key < $1.key }.map { "\(ReportHTML.escape($0.key)): \($0.value)" }.joined(separator: ", ")
            parts.append("<h3>PII findings (\(state.piiCounts.values.reduce(0, +)): \(counts))</h3>")
            let rows = state.piiFindings.prefix(200).map { finding in
                [ReportHTML.escape(finding.detector.name), ReportHTML.escape(finding.source), GatesSARIF.recordName(finding).map(ReportHTML.code) ?? "", finding.field.map(ReportHTML.code) ?? ""]
            }
            parts.append(ReportHTML.table(["Detector", "Source", "Record", "Field"], rows))
            parts.append("<p class=\"muted\">Where each finding is, never its value; gates.sarif has them with stable fingerprints.</p>")
        }
        return parts.joined(separator: "\n")
    }

    // MARK: requests, resilience, artifacts

    static func requests(_ summary: RunSummary) -> String {
        guard !summary.requests.isEmpty else { return "<p class=\"muted\">No API requests.</p>" }
        let rows = summary.requests.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { [ReportHTML.code($0.key), String($0.value)] }
        let total = summary.requests.values.reduce(0, +)
        return ReportHTML.table(["Endpoint", "Requests"], rows + [["<strong>total</strong>", "<strong>\(total)</strong>"]], numeric: [1])
    }

    static func resilience(_ input: Input) -> String {
        var parts: [String] = []
        let counts = input.summary.resilience.sorted { $0.key < $1.key }
        if !counts.isEmpty {
            parts.append(ReportHTML.table(["Organization", "Retries", "429s", "429 wait", "Re-logins", "Breaker openings"], counts.map { name, c in
                [ReportHTML.escape(name), String(c.retries), String(c.rateLimited429), ReportHTML.duration(c.rateLimitWaitSeconds), String(c.relogins), String(c.breakerOpenings)]
            }, numeric: [1, 2, 3, 4, 5]))
        }
        let events = input.events.filter { $0.event.hasPrefix("api.") }
        if events.isEmpty {
            parts.append("<p class=\"muted\">No retries, re-logins or breaker changes.</p>")
        } else {
            parts.append(ReportHTML.table(["At", "Event", "What happened"], events.prefix(500).map {
                [ReportHTML.duration($0.elapsed), ReportHTML.code($0.event), ReportHTML.escape($0.message)]
            }, numeric: [0]))
            if events.count > 500 { parts.append("<p class=\"muted\">\(events.count - 500) more in the log.</p>") }
        }
        if input.droppedEvents > 0 {
            parts.append("<p class=\"muted\">The run's first \(input.droppedEvents) events are not kept here; the log has them.</p>")
        }
        return parts.joined(separator: "\n")
    }

    static func artifacts(_ files: [String]) -> String {
        let links = files.filter { $0 != "report.html" }.map { "<li><a href=\"\(ReportHTML.escape(relative($0)))\">\(ReportHTML.escape($0))</a></li>" }
        guard !links.isEmpty else { return "<p class=\"muted\">No other artifacts.</p>" }
        return "<ul class=\"links\">\n\(links.joined(separator: "\n"))\n</ul>"
    }

    /// A file beside the report, as a relative link: percent-escaped, never a scheme or a path
    /// that leaves the run directory.
    static func relative(_ name: String) -> String {
        let last = (name as NSString).lastPathComponent
        return "./" + (last.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: ":?#/"))) ?? last)
    }
}
