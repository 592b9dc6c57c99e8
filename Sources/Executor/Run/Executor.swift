import Foundation
import GenesysClient
import GenesysWire
import PlanGraph
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
        var state = RunState(scope: ctx.settings.scope)
        do {
            try await journalStart(ctx)
        } catch {
            return abandon(ctx, &state, error)
        }
        let graph = ctx.graph
        var current: String? = graph.nodes.first?.id
        var followed: [PlanEdge: Int] = [:]
        var tail = Tail()
        // Every transition is an edge of the graph; this only bounds a walk gone wrong.
        var steps = 0
        let maxSteps = graph.nodes.count * 4 + graph.edges.compactMap(\.limit).reduce(0, +) * 4
        var deadEnd: String?
        while let id = current, steps < maxSteps {
            guard let node = graph.node(id) else {
                deadEnd = "an edge leads to \(id), which is not a step of the graph"
                break
            }
            steps += 1
            state.stepsRun.append(id)
            let result: StepResult
            switch node.step {
            case .artifacts, .notify, .release:
                result = await runTail(node, ctx, &state, &tail)
            default:
                if let outcome = state.outcome, outcome.abandonsRun { return abandon(ctx, &state, StepFailure(outcome, state.failureMessage ?? "")) }
                switch await runStep(node, ctx, &state) {
                case .some(let stepResult): result = stepResult
                case .none: return abandon(ctx, &state, StepFailure(state.abandonedAs ?? .journalFailed, state.failureMessage ?? "the run journal could not be written"))
                }
            }
            current = next(after: node, result, graph, &state, &followed, ctx)
            if current == nil, node.step != .release {
                deadEnd = "\(node.id) has no edge for its result (\(describe(result)))"
            }
        }
        if deadEnd == nil, let id = current {
            deadEnd = "the walk ran out of steps (\(maxSteps)) before release; it was at \(id)"
        }
        if let deadEnd {
            return await endWalkGoneWrong(deadEnd, ctx, &state, &tail)
        }
        if let report = tail.report { return report }
        return await endWalkGoneWrong("the walk ended without reaching release", ctx, &state, &tail)
    }

    /// A walk that reached a step with no edge for its result, or ran out of steps, is a defect
    /// of the tool (`verify` rejects such graphs). It never ends as a success: the outcome is
    /// `internal-error`, and the tail steps not yet walked run in order, so the outcome is
    /// journaled and the artifacts written as for any other ending.
    static func endWalkGoneWrong(_ reason: String, _ ctx: RunContext, _ state: inout RunState, _ tail: inout Tail) async -> RunReport {
        let earlier = state.outcome.flatMap { $0 == .success ? nil : " (the run had already failed: \($0.rawValue): \(state.failureMessage ?? ""))" } ?? ""
        state.outcome = .internalError
        state.failureMessage = "internal error: \(reason)\(earlier)"
        if state.failedStep == nil { state.failedStep = state.stepsRun.last }
        ctx.emit("run.internal-error", step: state.stepsRun.last, state.failureMessage ?? reason, level: .error,
                 fields: ["outcome": RunOutcome.internalError.rawValue])
        for id in PlanCompiler.tail where !tail.ran.contains(id) {
            let node = ctx.graph.node(id) ?? PlanNode(Self.tailStep(id), title: id, summary: [], requests: [], onFailure: "")
            state.stepsRun.append(id)
            _ = await runTail(node, ctx, &state, &tail)
        }
        return tail.report ?? RunReport(outcome: .internalError, state: state, summary: summarize(ctx, state),
                                        artifactsDirectory: ctx.artifactsDirectory, artifacts: tail.written)
    }

    static func tailStep(_ id: String) -> Step {
        switch id {
        case "artifacts": return .artifacts(directory: "", sourceRepository: nil)
        case "notify": return .notify(targets: [])
        default: return .release
        }
    }

    static func describe(_ result: StepResult) -> String {
        switch result {
        case .success: return "success"
        case .branch(let rule): return "branch '\(rule)'"
        case .failure(let failure): return "failure \(failure.outcome.rawValue)"
        }
    }

    /// One journaled step. Nil when the journal failed: the run stops as a crashed process would.
    static func runStep(_ node: PlanNode, _ ctx: RunContext, _ state: inout RunState) async -> StepResult? {
        let id = node.id
        ctx.emit("step.started", step: id, node.title)
        var result: StepResult
        do {
            try await ctx.write(.stepStarted(step: id))
            result = await handle(node, ctx, &state)
        } catch {
            result = .failure(error)
        }
        // A cancelled run is interrupted, whatever the step made of the cancellation (a
        // cancelled request is not an API error); only a journal that failed for real differs.
        if Task.isCancelled {
            let interruption = ctx.interruption()
            switch result {
            case .failure(let failure) where failure.outcome.abandonsRun:
                break
            case .failure(let failure) where failure.outcome.isInterruption:
                result = .failure(StepFailure(interruption, failure.message))
            default:
                result = .failure(StepFailure(interruption, "interrupted during \(id); the platform job, if any, was left running"))
            }
        }
        if case .failure(let failure) = result, failure.outcome.abandonsRun {
            state.failureMessage = failure.message
            state.abandonedAs = failure.outcome
            return nil
        }
        do {
            try await journalFinished(node, result, ctx)
        } catch {
            state.failureMessage = error.message
            return nil
        }
        return result
    }

    /// The edge the result selects. A failed gate goes on to the next gate (its verdict is kept
    /// and the first failure is the run's outcome); an interruption or any other failure goes to
    /// the failure edge; a limited edge is not followed past its limit.
    static func next(after node: PlanNode, _ result: StepResult, _ graph: PlanGraph, _ state: inout RunState,
                     _ followed: inout [PlanEdge: Int], _ ctx: RunContext) -> String? {
        let edges = graph.successors(of: node.id)
        func take(_ condition: PlanEdge.Condition) -> String? {
            guard let edge = edges.first(where: { $0.condition == condition && (followed[$0] ?? 0) < ($0.limit ?? Int.max) }) else { return nil }
            followed[edge, default: 0] += 1
            return edge.to
        }
        switch result {
        case .success:
            switch node.step {
            case .artifacts: return take(state.outcome.map { $0 == .success } ?? true ? .runSucceeded : .runFailed)
            case .notify, .release: return take(.success)
            default:
                if node.step.isGate { record(node, passed: true, nil, &state, ctx) }
                ctx.emit("step.finished", step: node.id, "\(node.title): done")
                return take(.success)
            }
        case .branch(let rule):
            if let to = take(.rule(rule)) { return to }
            // A loop at its limit: the branch cannot be taken again, which is the step failing.
            return next(after: node, .failure(StepFailure(.validationGateFailed, "\(node.id): '\(rule)' again, but its edge is at its limit")), graph, &state, &followed, ctx)
        case .failure(let failure):
            if state.outcome == nil || state.outcome == .success {
                state.outcome = failure.outcome
                state.failureMessage = failure.message
                state.failedStep = node.id
            }
            ctx.emit("step.failed", step: node.id, failure.message, level: .error, fields: ["outcome": failure.outcome.rawValue])
            if node.step.isGate {
                record(node, passed: false, failure, &state, ctx)
                if !failure.outcome.isInterruption, let to = take(.gateFailed) { return to }
            }
            return take(.failure)
        }
    }

    static func record(_ node: PlanNode, passed: Bool, _ failure: StepFailure?, _ state: inout RunState, _ ctx: RunContext) {
        let verdict = GateVerdict(gate: node.id, passed: passed, outcome: failure?.outcome.rawValue,
                                  detail: failure?.message ?? state.gatePassReasons[node.id].map { "passed: \($0)" } ?? "passed")
        state.gateVerdicts.append(verdict)
        ctx.emit("gate.verdict", step: node.id, "\(node.title): \(passed ? "passed" : "failed: \(failure?.message ?? "")")", level: passed ? .info : .error,
                 fields: ["gate": node.id, "passed": String(passed)])
    }

    /// The first journal entry: a new run, or the pick-up of one the journal shows unfinished.
    static func journalStart(_ ctx: RunContext) async throws(StepFailure) {
        if let resume = ctx.resume {
            try await ctx.write(.runResumed(attempt: resume.attempt, pid: getpid()))
            ctx.emit("run.resumed", step: nil, "resuming run \(ctx.runId) from the journal (attempt \(resume.attempt)); requests already sent are reconciled, not repeated")
        } else {
            try await ctx.write(.runStarted(RunStart(
                planName: ctx.settings.planName, planPath: ctx.planPath, sandboxId: ctx.settings.sandboxId, scope: ctx.graph.submitScope.wireValue,
                pid: getpid(), artifactsDirectory: ctx.artifactsDirectory.path)))
        }
    }

    /// Gate verdicts get their own entry so `history` and audits need not parse step results.
    static func journalFinished(_ node: PlanNode, _ result: StepResult, _ ctx: RunContext) async throws(StepFailure) {
        let text: String
        switch result {
        case .success: text = "success"
        case .branch(let rule): text = "branch:\(rule)"
        case .failure(let failure): text = "failure:\(failure.outcome.rawValue)"
        }
        switch node.step {
        case .validateFlows, .piiScan, .trunkIsolation, .isolation:
            var detail = text
            if case .failure(let failure) = result { detail = failure.message }
            try await ctx.write(.gateResult(gate: node.id, passed: result == .success, detail: detail))
        default:
            break
        }
        try await ctx.write(.stepFinished(step: node.id, result: text))
    }

    /// The journal cannot be written: stop at once, as a crashed process would. Nothing more is
    /// sent and no artifacts are written; the journal as it stands is what a resume starts from.
    static func abandon(_ ctx: RunContext, _ state: inout RunState, _ error: StepFailure) -> RunReport {
        let outcome = error.outcome.abandonsRun ? error.outcome : .journalFailed
        state.outcome = outcome
        state.failureMessage = error.message
        ctx.emit("run.abandoned", step: nil, error.message, level: .error, fields: ["outcome": outcome.rawValue])
        let directory = ctx.artifactsDirectory
        return RunReport(outcome: outcome, state: state, summary: summarize(ctx, state), artifactsDirectory: directory, artifacts: [])
    }

    static func handle(_ node: PlanNode, _ ctx: RunContext, _ state: inout RunState) async -> StepResult {
        switch node.step {
        case .preflight(let settings): return await PreflightHandler.run(settings, ctx)
        case .lock(let settings): return await LockHandler.run(settings, ctx, &state)
        case .dependencyScan(let policy, _): return await DependencyScanHandler.run(policy, ctx, &state)
        case .impact(let settings): return await ImpactHandler.run(settings, ctx, &state)
        case .snapshot(let settings): return await SnapshotHandler.run(settings, ctx, &state)
        case .restore(let chain, let settings): return await RestoreHandler.run(chain, settings, ctx, &state)
        case .harden(let chain, let settings): return await HardenHandler.run(chain, settings, ctx, &state)
        case .sessionPreClear:
            // A run that follows an already submitted refresh has no sessions left to protect.
            if let adopted = state.adoptedRefreshId {
                ctx.emit("sessions.skipped", step: node.id, "not revoking sessions: refresh \(adopted) of this run was already submitted")
                return .success
            }
            do {
                try await ctx.write(.aboutToSend(step: node.id, effect: .revokeTokens(sandboxId: ctx.settings.sandboxId)))
            } catch {
                return .failure(error)
            }
            return await SessionPreClearHandler.run(ctx, &state)
        case .submit(let chain, let settings): return await SubmitHandler.run(chain, settings, ctx, &state)
        case .poll(let chain, let schedule): return await PollHandler.run(chain, schedule: schedule, ctx, &state)
        case .validateFlows(let chain, let gate): return await FlowValidationHandler.run(chain, gate: gate, ctx, &state)
        case .piiScan(let gate): return await PiiScanHandler.run(gate, ctx, &state)
        case .trunkIsolation(let gate): return await TrunkIsolationHandler.run(gate, ctx)
        case .isolation(let gate): return await IsolationHandler.run(gate, ctx, &state)
        case .artifacts, .notify, .release: return .success
        }
    }

    /// What the tail steps pass along: the files written and, once released, the report.
    struct Tail {
        /// The tail steps walked so far.
        var ran: Set<String> = []
        var summary: RunSummary?
        var written: [String] = []
        var report: RunReport?
    }

    /// The tail of every run, walked like any step but not journaled as steps: artifacts
    /// always, notifications after a failure (or a success a target listens for), then release, which journals the outcome last
    /// so that a crash anywhere before it leaves the run resumable.
    static func runTail(_ node: PlanNode, _ ctx: RunContext, _ state: inout RunState, _ tail: inout Tail) async -> StepResult {
        if state.outcome == nil {
            // The refresh and its gates succeeded; preserved objects left behind still count.
            if state.restoreProblems.isEmpty {
                state.outcome = .success
            } else {
                state.outcome = .restoreIncomplete
                state.failureMessage = "\(state.restoreProblems.count) preserved object(s) could not be put back: \(state.restoreProblems.prefix(5).joined(separator: "; "))"
            }
        }
        let outcome = state.outcome ?? .success
        tail.ran.insert(node.id)
        switch node.step {
        case .artifacts(_, let sourceRepository):
            var summary = summarize(ctx, state)
            summary.provenance = await RunProvenance.of(planPath: ctx.planPath, graph: ctx.graph)
            tail.summary = summary
            let directory = ctx.artifactsDirectory
            do {
                guard ctx.artifactsDirectoryIsContained else {
                    throw StepFailure(.invalidPlan, "the run's artifacts directory \(directory.path) is outside \(ctx.artifactsRoot.path); not written")
                }
                var commits: [FlowCommit] = []
                if let repository = sourceRepository, !state.validationErrors.isEmpty {
                    let names = Array(Set(state.validationErrors.map { $0.flowName ?? $0.flowId })).sorted()
                    commits = await FlowCommitLookup.lookup(flowNames: names, repository: repository)
                }
                tail.written = try ArtifactWriter.write(summary: summary, state: state, flowCommits: commits, events: ctx.eventLog, planPath: ctx.planPath,
                                                     views: ctx.views, to: directory)
                ctx.emit("artifacts", step: "artifacts", "artifacts written to \(directory.path)", fields: ["files": tail.written.joined(separator: ",")])
            } catch {
                ctx.emit("artifacts.error", step: "artifacts", "could not write artifacts to \(directory.path): \(error.localizedDescription)", level: .error)
            }
        case .notify(let targets):
            if !outcome.isInterruption, let summary = tail.summary {
                await Notifier.notify(targets, ctx, summary: summary)
            }
        case .release:
            do {
                try await ctx.write(.outcome(outcome, message: state.failureMessage, refreshIds: state.refreshIds, scope: state.expandedScope?.wireValue ?? state.effectiveScope.wireValue))
            } catch {
                ctx.emit("journal.error", step: "release", error.message, level: .warning)
            }
            ctx.emit("run.finished", step: "release", outcome == .success ? "run \(ctx.runId) succeeded" : "run \(ctx.runId) ended: \(outcome.rawValue): \(state.failureMessage ?? "")", level: outcome == .success ? .info : .error, fields: ["outcome": outcome.rawValue, "exitCode": String(outcome.exitCode)])
            tail.report = RunReport(outcome: outcome, state: state, summary: tail.summary ?? summarize(ctx, state), artifactsDirectory: ctx.artifactsDirectory, artifacts: tail.written)
        default:
            break
        }
        return .success
    }

    static func summarize(_ ctx: RunContext, _ state: RunState) -> RunSummary {
        let outcome = state.outcome ?? .success
        let now = ctx.clock.now
        var requests: [String: Int] = [:]
        for (op, count) in ctx.production.statistics.requestsByOperation { requests["production \(op)", default: 0] += count }
        for (op, count) in ctx.sandbox.statistics.requestsByOperation { requests["sandbox \(op)", default: 0] += count }
        var lag: Double?
        if let completed = state.completedAt, let detected = state.detectedAt { lag = detected.timeIntervalSince(completed) }
        var summary = RunSummary(
            runId: ctx.runId, plan: ctx.settings.planName, sandboxId: ctx.settings.sandboxId, outcome: outcome.rawValue, exitCode: outcome.exitCode,
            message: state.failureMessage, failedStep: state.failedStep, scopeRequested: state.requestedScope,
            scopeEffective: state.effectiveScope.wireValue, scopeExpanded: state.expandedScope?.wireValue,
            expansionReasons: state.expansionReasons, refreshIds: state.refreshIds, adoptedRefreshId: state.adoptedRefreshId,
            abortedForeignRefreshes: state.abortedForeignRefreshes, revokedUserIds: state.revokedUserIds,
            startedAt: WireCoding.timestamp(ctx.resume?.originallyStartedAt ?? ctx.clock.date(at: ctx.startedAt)), finishedAt: WireCoding.timestamp(ctx.clock.date(at: now)),
            durationSeconds: ctx.startedAt.duration(to: now).seconds, requests: requests,
            statusRequests: requests["sandbox refreshes.get"] ?? 0, detectionLagSeconds: lag,
            steps: state.stepsRun, gates: state.gateVerdicts)
        summary.impact = state.impact?.summary
        for (name, client) in [("production", ctx.production), ("sandbox", ctx.sandbox)] {
            let stats = client.statistics
            summary.resilience[name] = ResilienceCounts(retries: stats.retries, rateLimited429: stats.rateLimited429, rateLimitWaitSeconds: stats.rateLimitWait.seconds,
                                                        relogins: stats.relogins, breakerOpenings: stats.breakerOpenings)
        }
        return summary
    }
}
