import Foundation
import GenesysClient
import GenesysWire
import PlanGraph
import RefreshPlan
import Timekeeping

/// `apply`: walks the plan graph, one handler per step kind, following the edge each result
/// selects. The same graph `plan` previewed; the same request builders.
public struct RunReport: Sendable {
    public var outcome: RunOutcome
    public var state: RunState
    public var summary: RunSummary
    public var artifactsDirectory: URL
    public var artifacts: [String]
}

public enum Executor {
    public static func run(_ ctx: RunContext) async -> RunReport {
        var state = RunState(scope: ctx.plan.refresh.scope)
        let graph = ctx.graph
        var current: String? = graph.nodes.first?.id
        var visited = 0
        while let id = current, let node = graph.node(id) {
            visited += 1
            guard visited <= graph.nodes.count * 2 else { break }  // a DAG never revisits; defensive bound
            state.stepsRun.append(id)
            if case .artifacts = node.step { break }
            ctx.emit("step.started", step: id, node.title)
            var result = await handle(node, ctx, &state)
            if Task.isCancelled, case .success = result {
                result = .failure(StepFailure(.interrupted, "interrupted after \(id)"))
            }
            switch result {
            case .success:
                ctx.emit("step.finished", step: id, "\(node.title): done")
                current = graph.successors(of: id).first { $0.condition == .success }?.to
            case .branch(let rule):
                current = graph.successors(of: id).first { $0.condition == .rule(rule) }?.to
            case .failure(let failure):
                state.outcome = failure.outcome
                state.failureMessage = failure.message
                state.failedStep = id
                ctx.emit("step.failed", step: id, failure.message, level: .error, fields: ["outcome": failure.outcome.rawValue])
                current = "artifacts"
            }
        }
        if state.outcome == nil { state.outcome = .success }
        return await finish(ctx, &state)
    }

    static func handle(_ node: PlanNode, _ ctx: RunContext, _ state: inout RunState) async -> StepResult {
        switch node.step {
        case .preflight(let org, let scopes): return await PreflightHandler.run(org, required: scopes, ctx)
        case .lock: return await LockHandler.run(ctx, &state)
        case .dependencyScan(let policy, _): return await DependencyScanHandler.run(policy, ctx, &state)
        case .sessionPreClear: return await SessionPreClearHandler.run(ctx, &state)
        case .submit(let chain, let scope): return await SubmitHandler.run(chain, scope: scope, ctx, &state)
        case .poll(let chain, let schedule): return await PollHandler.run(chain, schedule: schedule, ctx, &state)
        case .validateFlows(let chain, let gate): return await FlowValidationHandler.run(chain, gate: gate, ctx, &state)
        case .piiScan(let gate): return await PiiScanHandler.run(gate, ctx)
        case .trunkIsolation: return await TrunkIsolationHandler.run(ctx)
        case .artifacts, .notifyOnFailure, .release: return .success
        }
    }

    /// Artifacts always; the webhook only on failure; then release.
    static func finish(_ ctx: RunContext, _ state: inout RunState) async -> RunReport {
        let outcome = state.outcome ?? .success
        let now = ctx.clock.now
        var requests: [String: Int] = [:]
        for (op, count) in ctx.production.statistics.requestsByOperation { requests["production \(op)", default: 0] += count }
        for (op, count) in ctx.sandbox.statistics.requestsByOperation { requests["sandbox \(op)", default: 0] += count }
        var lag: Double?
        if let completed = state.completedAt, let detected = state.detectedAt { lag = detected.timeIntervalSince(completed) }
        let summary = RunSummary(
            runId: ctx.runId, plan: ctx.plan.name, sandboxId: ctx.plan.sandbox.id, outcome: outcome.rawValue, exitCode: outcome.exitCode,
            message: state.failureMessage, failedStep: state.failedStep, scopeRequested: state.requestedScope,
            scopeEffective: state.effectiveScope.wireValue, scopeExpanded: state.expandedScope?.wireValue,
            expansionReasons: state.expansionReasons, refreshIds: state.refreshIds, adoptedRefreshId: state.adoptedRefreshId,
            abortedForeignRefreshes: state.abortedForeignRefreshes, revokedUserIds: state.revokedUserIds,
            startedAt: WireCoding.timestamp(ctx.clock.date(at: ctx.startedAt)), finishedAt: WireCoding.timestamp(ctx.clock.date(at: now)),
            durationSeconds: ctx.startedAt.duration(to: now).seconds, requests: requests,
            statusRequests: requests["sandbox refreshes.get"] ?? 0, detectionLagSeconds: lag,
            steps: state.stepsRun)
        let directory = ctx.artifactsRoot.appendingPathComponent(ctx.runId)
        var written: [String] = []
        do {
            written = try ArtifactWriter.write(summary: summary, state: state, to: directory)
            ctx.emit("artifacts", step: "artifacts", "artifacts written to \(directory.path)", fields: ["files": written.joined(separator: ",")])
        } catch {
            ctx.emit("artifacts.error", step: "artifacts", "could not write artifacts to \(directory.path): \(error.localizedDescription)", level: .error)
        }
        if outcome != .success, outcome != .interrupted {
            await Notifier.notify(ctx, summary: summary)
        }
        ctx.emit("run.finished", step: "release", outcome == .success ? "run \(ctx.runId) succeeded" : "run \(ctx.runId) ended: \(outcome.rawValue): \(state.failureMessage ?? "")", level: outcome == .success ? .info : .error, fields: ["outcome": outcome.rawValue, "exitCode": String(outcome.exitCode)])
        return RunReport(outcome: outcome, state: state, summary: summary, artifactsDirectory: directory, artifacts: written)
    }
}
