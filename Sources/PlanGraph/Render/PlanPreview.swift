import RefreshPlan

/// `sandbox-refresh plan`: the graph in the order the steps run, readable by someone who has
/// never seen the tool. It answers "what will this do to my sandbox?".
public enum PlanPreview {
    public static func render(_ graph: PlanGraph, source: String, color: Bool) -> String {
        let s = Style(color: color)
        let plan = graph.plan
        let hosts = Hosts(plan: plan)
        var out: [String] = []
        out.append(s.bold("Refresh plan '\(plan.name)'") + s.dim("  (\(source))"))
        out.append("  copies from production \(hosts.productionAPI)")
        out.append("  into sandbox \(s.bold(plan.sandbox.id)) at \(hosts.sandboxAPI)")
        out.append("")

        let scope = graph.submitScope
        if scope.isAll {
            out.append(s.bold("Scope ALL") + ": a full clone, every domain " + s.dim("(in the order the platform applies it)"))
        } else {
            out.append(s.bold("Scope") + s.dim("  (in the order the platform applies it)"))
        }
        for (index, domain) in scope.effectiveDomains.map(\.planDomain).enumerated() {
            out.append("  \(index + 1). \(s.green(pad(domain.rawValue, 10))) \(domain.brings)")
        }
        let left = Domain.dependencyOrder.filter { !scope.effectiveDomains.map(\.planDomain).contains($0) }
        if !left.isEmpty {
            out.append("  not copied:")
            for domain in left { out.append("     \(s.dim(pad(domain.rawValue, 10))) \(domain.breaksIfOmitted)") }
        }
        out.append("  preserveSandboxUsers: \(plan.refresh.preserveSandboxUsers)   maskPii: \(plan.masking.maskPii)   masking rules: \(plan.masking.rules.count)")
        if let expanded = graph.expandedScope {
            out.append("  may expand once to \(s.yellow(expanded.wireValue)) when flow validation finds missing routing references")
        }
        out.append("")

        out.append(s.bold("Steps"))
        var number = 0
        for node in graph.mainPath {
            number += 1
            out += renderNode(node, label: "\(number).", hosts: hosts, style: s)
            if case .validateFlows(.primary, _) = node.step, !graph.expansionBranch.isEmpty {
                out.append("     \(s.yellow("↳ scope-expansion branch")) (only through rule missing-routing-reference, at most once):")
                for (offset, branch) in graph.expansionBranch.enumerated() {
                    out += renderNode(branch, label: "\(number)\(["a", "b", "c"][offset]).", hosts: hosts, style: s, indent: "     ")
                }
            }
        }
        if let notify = graph.node("notify") {
            out.append("  notify: \(notify.summary.joined(separator: " "))")
            for request in notify.requests {
                out.append("     → POST \(request.request.path)  \(s.dim("[\(request.repeatNote ?? "webhook")]"))")
            }
        }
        out.append("")

        let schedule = PollSchedule(policy: SettingsMapping.polling(plan.refresh.polling), maxWait: plan.refresh.maxWait)
        out.append(s.bold("Polling"))
        out.append("  first waits: \(schedule.firstIntervals(6).map(\.formatted).joined(separator: ", ")), … capped at \(max(plan.refresh.polling.maxInterval, PollSchedule.floor).formatted), \(plan.refresh.polling.jitter.rawValue) jitter, floor 15s")
        out.append("  total wait budget: \(plan.refresh.maxWait.formatted); worst case \(schedule.statusRequestsWithoutJitter) status requests without jitter, never more than \(schedule.worstCaseStatusRequests)")
        out.append("  retries: up to \(plan.refresh.retry.maxAttempts) attempts on \(plan.refresh.retry.on.map(\.description).joined(separator: ", ")); circuit breaker after \(plan.refresh.circuitBreaker.consecutive503) consecutive 503s pauses \(plan.refresh.circuitBreaker.pause.formatted)")
        out.append("")

        out.append(s.bold("Gates"))
        let gates = graph.nodes.filter { $0.step.isGate && !$0.id.hasSuffix(".expansion") }
        if gates.isEmpty { out.append("  none: the run succeeds when the platform says COMPLETED") }
        for gate in gates { out.append("  • \(gate.title.replacingOccurrences(of: "Gate: ", with: "")): \(gate.summary[0])") }
        out.append("")

        let warnings = graph.diagnostics.filter { $0.severity != .error }
        if !warnings.isEmpty {
            out.append(s.bold("Warnings"))
            for d in warnings {
                let tag = d.severity == .warning ? s.yellow("warning[\(d.code)]") : s.cyan("note[\(d.code)]")
                let place = d.location.map { "\($0): " } ?? ""
                out.append("  \(place)\(tag): \(d.message)")
            }
            out.append("")
        }

        let requests = graph.nodes.reduce(0) { $0 + $1.requests.count }
        let gateCount = gates.count
        out.append(s.bold("Plan:") + " 1 refresh of \(plan.sandbox.id) (\(scope.wireValue))\(graph.expandedScope.map { ", at most 1 expansion to \($0.wireValue)" } ?? ""), \(graph.mainPath.count) steps, \(requests) kinds of request, \(gateCount) gate\(gateCount == 1 ? "" : "s"). Production is only read. `plan` sent nothing.")
        return out.joined(separator: "\n") + "\n"
    }

    static func renderNode(_ node: PlanNode, label: String, hosts: Hosts, style s: Style, indent: String = "") -> [String] {
        var out = ["\(indent)  \(s.bold(pad(label, 4)))\(s.bold(node.title))"]
        for line in node.summary { out.append("\(indent)      \(line)") }
        for planned in node.requests {
            let base = planned.target == .webhook ? "" : hosts.base(for: planned.target)
            let target = s.dim("[\(planned.target.rawValue)]")
            let repeatNote = planned.repeatNote.map { s.dim(" (\($0))") } ?? ""
            out.append("\(indent)      → \(planned.request.method.rawValue) \(base)\(planned.request.pathWithQuery)  \(target)\(repeatNote)")
            for header in planned.displayHeaders where header.contains("(sensitive)") {
                out.append("\(indent)          \(s.dim(header))")
            }
            if let body = planned.request.bodyText, planned.request.method == .post || planned.request.method == .put, planned.target != .productionLogin, planned.target != .sandboxLogin {
                out.append("\(indent)          \(s.dim(body))")
            }
        }
        out.append("\(indent)      \(s.dim("on failure:")) \(node.onFailure)")
        return out
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}

extension RefreshDomain {
    /// The plan's domain of the same name, for its descriptions (what it brings, what breaks).
    var planDomain: Domain { Domain(rawValue: rawValue) ?? .ROUTING }
}
