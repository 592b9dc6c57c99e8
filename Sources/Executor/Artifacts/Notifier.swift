import Foundation
import GenesysWire

/// Posts a short JSON summary to the plan's failure webhook. Only ids, outcome and the failure
/// message go out: never secrets or customer data.
enum Notifier {
    struct Payload: Encodable {
        var text: String
        var runId: String
        var plan: String
        var sandboxId: String
        var outcome: String
        var exitCode: Int32
        var refreshIds: [String]
        var failedStep: String?
    }

    static func notify(_ ctx: RunContext, summary: RunSummary) async {
        guard let hook = ctx.plan.notify?.onFailureWebhook else { return }
        let url: URL
        do {
            guard let parsed = URL(string: try ctx.secrets.resolve(hook)), parsed.scheme != nil else {
                ctx.emit("notify.error", step: "notify", "the failure webhook \(hook) is not a URL", level: .warning)
                return
            }
            url = parsed
        } catch {
            ctx.emit("notify.skipped", step: "notify", "no failure webhook sent: \(error)", level: .warning)
            return
        }
        let payload = Payload(
            text: "sandbox-refresh \(summary.plan): \(summary.outcome) on \(summary.sandboxId)\(summary.failedStep.map { " at \($0)" } ?? "")",
            runId: summary.runId, plan: summary.plan, sandboxId: summary.sandboxId, outcome: summary.outcome,
            exitCode: summary.exitCode, refreshIds: summary.refreshIds, failedStep: summary.failedStep)
        let request = WireRequest(method: .post, url: url, headers: ["Content-Type": "application/json"], body: WireCoding.encode(payload))
        do {
            let response = try await ctx.transport.send(request, timeout: .seconds(10))
            ctx.emit("notify", step: "notify", "failure webhook answered HTTP \(response.status)")
        } catch {
            ctx.emit("notify.error", step: "notify", "failure webhook could not be reached: \(error)", level: .warning)
        }
    }
}
