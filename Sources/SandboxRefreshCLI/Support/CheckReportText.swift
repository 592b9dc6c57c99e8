import Executor
import Foundation
import PlanGraph

/// `check`'s text output: one section per thing looked at, then the verdict and its exit code.
enum CheckReportText {
    static func render(_ r: CheckReport, source: String, color: Bool) -> String {
        let style = Style(color: color)
        var out = [style.bold("Check of \(source) (plan \(r.plan)) against sandbox \(r.sandboxId)") + style.dim(" (read-only: nothing was changed)"), ""]
        out.append(style.bold("Organizations"))
        for org in r.organizations {
            let who = org.organizationId.map { "\(org.organizationName.map { "'\($0)' " } ?? "")(id \($0))" } ?? "(not identified)"
            let scopes = org.missingScopes.isEmpty ? "scopes ok (\(org.requiredScopes.joined(separator: ", ")))" : style.red("missing \(org.missingScopes.joined(separator: ", "))")
            out.append("  \(org.role.padding(toLength: 10, withPad: " ", startingAt: 0))  \(who)  \(scopes)")
            if let problem = org.problem { out.append("              " + style.red(problem)) }
        }
        let ids = r.organizations.compactMap(\.organizationId)
        if ids.count == 2, ids[0].lowercased() != ids[1].lowercased() {
            out.append("  identity    " + style.green("the sandbox credentials resolve to another organization than production's"))
        }
        if let lock = r.lock {
            out += ["", style.bold("Lock") + " (onForeignRefresh \(lock.policy))"]
            for active in lock.active {
                out.append("  active: \(active.id) \(active.status) \(active.progress)% created \(active.createdDate) by \(active.owner)\(active.description.map { " \"\($0)\"" } ?? "")")
            }
            out.append("  \(lock.decision): \(lock.detail)")
        }
        if let scan = r.dependencyScan {
            out += ["", style.bold("Dependency scan") + " (onDrift \(scan.onDrift))"]
            for count in scan.counts {
                let mark = count.production == count.sandbox ? "" : style.yellow("  drift")
                out.append("  \(count.kind.padding(toLength: 7, withPad: " ", startingAt: 0)) \(count.production) in production, \(count.sandbox) in sandbox\(mark)")
            }
            out.append("  \(scan.detail)")
        }
        if r.lock != nil {
            out += ["", style.bold("Scope") + " \(r.scopeEffective)\(r.scopeEffective == r.scopeRequested ? "" : " (the plan says \(r.scopeRequested))")"]
        }
        if let impact = r.impact {
            out += [""] + ImpactText.render(impact, style: style)
        }
        if let hardening = r.hardening {
            let changing = hardening.filter { $0.action == .changed }
            out += ["", style.bold("Hardening") + " (after the refresh: \(changing.count) object(s) would change)"]
            for object in changing { out.append("  \(object.kind) \"\(object.name)\"") }
            let left = hardening.filter { $0.action == .allowed }
            if !left.isEmpty { out.append(style.dim("  left by an allow glob: \(left.map { "\($0.kind) \"\($0.name)\"" }.joined(separator: ", "))")) }
        }
        if let validation = r.validation {
            out += ["", style.bold("Flow validation") + " (\(validation.method))"]
            out.append("  \(validation.flows) flow(s) from \(validation.source): \(validation.batches) \(validation.method == "validate-jobs" ? "validation job(s)" : "validation request(s)")")
            if !validation.missingFlowNames.isEmpty { out.append("  " + style.red("missing: \(validation.missingFlowNames.joined(separator: ", "))")) }
        }
        if let estimate = r.estimate {
            out += ["", style.bold("Estimate")]
            if let seconds = estimate.durationSeconds {
                out.append("  refresh: about \(minutes(seconds)) (\(estimate.basis))")
            } else {
                out.append("  refresh: no estimate (\(estimate.basis))")
            }
            let steps = estimate.requestsByStep.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            out.append("  requests: \(estimate.upperBound ? "at most" : "about") \(estimate.totalRequests), \(estimate.statusRequests) of them status polls (\(steps))")
            for note in estimate.notes { out.append(style.dim("  note: \(note)")) }
        }
        let gets = r.requestsSent.filter { $0.hasPrefix("GET ") }.count
        let logins = r.requestsSent.filter { $0 == "POST /oauth/token" }.count
        let others = r.requestsSent.count - gets - logins
        out += ["", "This check sent \(r.requestsSent.count) request(s): \(gets) GET, \(logins) login\(others > 0 ? style.red(", \(others) other") : "")."]
        for problem in r.problems { out.append(style.red("problem: ") + problem) }
        let verdict: String
        switch r.verdict {
        case .ready: verdict = style.green("✓ Ready: apply would run")
        case .preflightProblem: verdict = style.red("✗ Preflight problem: apply would stop before changing anything")
        case .locked: verdict = style.yellow("✗ Locked: the sandbox is held by another refresh")
        case .wouldFail: verdict = style.red("✗ apply would fail")
        case .wouldRefuse: verdict = style.red("✗ apply would refuse: the refresh would destroy sandbox work (protection.onRisk: refuse)")
        case .apiError: verdict = style.red("✗ The API failed")
        }
        out.append("\(verdict) (exit \(r.exitCode))")
        return out.joined(separator: "\n") + "\n"
    }

    static func minutes(_ seconds: Double) -> String {
        seconds < 90 ? "\(Int(seconds.rounded())) s" : seconds < 5400 ? "\(Int((seconds / 60).rounded())) min" : String(format: "%.1f h", seconds / 3600)
    }
}
