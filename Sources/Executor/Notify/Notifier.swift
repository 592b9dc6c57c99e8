import Foundation
import GenesysWire
import Impact
import PlanGraph

/// Posts how a run ended to every `notify` target whose `on` list has the ending. Deliveries
/// are logged by the target's place in the plan (`notify.targets[0] (slack)`), never by URL,
/// and never change the run's outcome or exit code.
enum Notifier {
    /// `targets` are the notify node's.
    static func notify(_ targets: [NotifyTargetSettings], _ ctx: RunContext, summary: RunSummary) async {
        guard let outcome = RunOutcome(rawValue: summary.outcome), let event = RunNotice.event(for: outcome) else { return }
        let listening = targets.filter { $0.on.contains(event) }
        guard !listening.isEmpty else { return }
        let notice = notice(ctx, summary: summary, event: event)
        for target in listening {
            await deliver(notice, to: target, place: target.place, ctx)
        }
    }

    /// Before the submission: the impact's summary to every target listening for `impact`, so a
    /// sandbox's owners hear before the copy. Names and counts only, never content.
    static func notifyImpact(_ impact: ImpactReport, _ ctx: RunContext) async {
        guard case .notify(let targets)? = ctx.graph.node("notify")?.step else { return }
        let listening = targets.filter { $0.on.contains(.impact) }
        guard !listening.isEmpty else { return }
        let names = impact.atRisk.prefix(10).map { "\($0.change.mark) \($0.kind.singular) \($0.name)" }.joined(separator: ", ")
        let notice = RunNotice(event: .impact, plan: ctx.settings.planName, runId: ctx.runId, sandboxId: ctx.settings.sandboxId,
                               outcome: "impact (\(impact.protection.rawValue))", exitCode: 0, scope: impact.scope, failedStep: nil,
                               errorMessage: "the refresh \(impact.summary): \(names)\(impact.atRisk.count > 10 ? ", …" : "")", refreshIds: [],
                               artifactLocation: "\(ctx.settings.artifactsDirectory)/\(ctx.settings.sandboxId)/\(ctx.runId)/")
        for target in listening {
            await deliver(notice, to: target, place: target.place, ctx)
        }
    }

    static func notice(_ ctx: RunContext, summary: RunSummary, event: NotificationEvent) -> RunNotice {
        RunNotice(event: event, plan: summary.plan, runId: summary.runId, sandboxId: summary.sandboxId, outcome: summary.outcome,
                  exitCode: summary.exitCode, scope: summary.scopeExpanded ?? summary.scopeEffective, failedStep: summary.failedStep,
                  errorMessage: summary.message, refreshIds: summary.refreshIds,
                  artifactLocation: "\(ctx.settings.artifactsDirectory)/\(summary.sandboxId)/\(summary.runId)/")
    }

    static func deliver(_ notice: RunNotice, to target: NotifyTargetSettings, place: String, _ ctx: RunContext) async {
        let url: URL
        do {
            guard let parsed = URL(string: try ctx.secrets.resolve(target.url)), let scheme = parsed.scheme?.lowercased(),
                  scheme == "https" || scheme == "http", parsed.host != nil else {
                ctx.emit("notify.error", step: "notify", "\(place): \(target.url) is not an http(s) URL; nothing sent", level: .warning)
                return
            }
            url = parsed
        } catch {
            ctx.emit("notify.skipped", step: "notify", "\(place): nothing sent: \(error)", level: .warning)
            return
        }
        let request = WireRequest(method: .post, url: url, headers: ["Content-Type": "application/json"],
                                  body: ctx.views.notificationBody(notice, for: target.channel))
        let fields = ["target": place, "channel": target.channel.rawValue, "event": notice.event.rawValue]
        let result = await NotificationDelivery().deliver(request, transport: ctx.transport, clock: ctx.clock) { attempt, problem in
            ctx.emit("notify.retry", step: "notify", "\(place): attempt \(attempt) failed (\(problem)); retrying", level: .warning, fields: fields)
        }
        var outcome = fields
        outcome["attempts"] = String(result.attempts)
        if let status = result.status { outcome["status"] = String(status) }
        if result.delivered {
            ctx.emit("notify", step: "notify", "\(place): \(notice.event.rawValue) notification delivered (HTTP \(result.status ?? 0), attempt \(result.attempts))", fields: outcome)
        } else {
            ctx.emit("notify.error", step: "notify", "\(place): \(notice.event.rawValue) notification not delivered after \(result.attempts) attempt\(result.attempts == 1 ? "" : "s") (\(result.problem ?? "unknown")); the run's outcome stands",
                     level: .warning, fields: outcome)
        }
    }
}
