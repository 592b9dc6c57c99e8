import GenesysClient
import Impact
import PlanGraph

/// The impact step: before anything is changed, what the refresh would add, overwrite and
/// delete in the sandbox, object by object; then the plan's protection decides.
enum ImpactHandler {
    static func run(_ settings: ImpactSettings, _ ctx: RunContext, _ state: inout RunState) async -> StepResult {
        // A resumed run whose refresh may already have been submitted compares a sandbox that is
        // being (or was) replaced: its impact was taken, and acted on, before that submission.
        if let adopted = state.adoptedRefreshId {
            ctx.emit("impact.skipped", step: "impact", "not comparing: refresh \(adopted) of this run was already submitted")
            return .success
        }
        if let resume = ctx.resume, !resume.submits.isEmpty {
            ctx.emit("impact.skipped", step: "impact", "not comparing: this run's refresh may already have been submitted")
            return .success
        }
        let report: ImpactReport
        do throws(APIError) {
            report = try await ImpactReader(production: ctx.production, sandbox: ctx.sandbox).read(settings, sandboxId: ctx.settings.sandboxId)
        } catch {
            return .apiFailure(error)
        }
        state.impact = report
        let atRisk = report.atRisk
        ctx.emit("impact.summary", step: "impact", "impact on \(report.sandboxId): \(report.summary)", level: atRisk.isEmpty ? .info : .warning,
                 fields: ["removed": String(report.count(.removed)), "changed": String(report.count(.changed)), "added": String(report.count(.added)),
                          "same": String(report.count(.same)), "reads": String(report.listingRequests + report.objectReads)])
        for line in report.lines(limit: 20) {
            ctx.emit("impact.object", step: "impact", line, level: line.hasPrefix("-") || line.hasPrefix("~") ? .warning : .info)
        }
        guard !atRisk.isEmpty else { return .success }
        await Notifier.notifyImpact(report, ctx)
        switch settings.protection.mode {
        case .refuse:
            let names = atRisk.prefix(10).map { "\($0.kind.singular) \"\($0.name)\"" }.joined(separator: ", ")
            return .failure(StepFailure(.impactRefused, "protection.onRisk is 'refuse' and the refresh would \(report.summary) (\(names)\(atRisk.count > 10 ? ", …" : "")); nothing was submitted"))
        case .snapshot:
            ctx.emit("impact.protected", step: "impact", "\(atRisk.count) object\(atRisk.count == 1 ? "" : "s") at risk: the snapshot step keeps a copy before the submission")
            return .success
        case .allow:
            ctx.emit("impact.allowed", step: "impact", "\(atRisk.count) object\(atRisk.count == 1 ? "" : "s") at risk and protection.onRisk is 'allow': going on without a copy", level: .warning)
            return .success
        }
    }
}
