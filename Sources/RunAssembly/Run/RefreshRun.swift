import Executor
import Foundation
import GenesysClient
import Logging
import PlanGraph
import PostgresJournal
import RunJournal
import RunReports
import Timekeeping

/// How `apply` (and `resume`, the same run told which run id to take up) runs one plan.
public struct ApplyOptions: Sendable {
    public var platform: PlatformChoice
    /// False for `--no-wait`: a sandbox another process holds ends the attempt (exit 75).
    public var waitForLock: Bool
    /// `resume RUN_ID`: exactly that unfinished run, or nothing.
    public var onlyRunId: String?

    public init(platform: PlatformChoice = .organizations, waitForLock: Bool = true, onlyRunId: String? = nil) {
        self.platform = platform
        self.waitForLock = waitForLock
        self.onlyRunId = onlyRunId
    }
}

/// What the command that runs a plan is told, and asked, along the way: where events go and what
/// to say when. The composition decides what happens; the command only renders.
public struct ApplyHooks: Sendable {
    /// The run's events, and the clients' retries and breaker changes.
    public var events: RunEventSink
    /// The journal's notices (waiting for a lock, a run taken over).
    public var notice: @Sendable (String) -> Void
    /// The run is set up and nothing was sent: show the emulator, ask for confirmation. Throwing
    /// ends the attempt with that error (the emulator is stopped first).
    public var prepared: @Sendable (PreparedRun) async throws -> Void
    /// The journal gave the run its id (and, when it picks up an unfinished run, where it was).
    public var started: @Sendable (_ runId: String, _ resume: ResumePoint?, _ graph: PlanGraph) -> Void
    /// Which interruption a cancellation of the run stands for (SIGINT or SIGTERM).
    public var interruption: @Sendable () -> RunOutcome

    public init(events: @escaping RunEventSink, notice: @escaping @Sendable (String) -> Void = { _ in },
                prepared: @escaping @Sendable (PreparedRun) async throws -> Void = { _ in },
                started: @escaping @Sendable (String, ResumePoint?, PlanGraph) -> Void = { _, _, _ in },
                interruption: @escaping @Sendable () -> RunOutcome = { .interrupted }) {
        self.events = events
        self.notice = notice
        self.prepared = prepared
        self.started = started
        self.interruption = interruption
    }
}

/// How an attempt to apply a plan ended.
public enum ApplyResult: Sendable {
    /// The executor ran: the report carries the outcome.
    case finished(RunReport)
    /// Another process holds the sandbox and `--no-wait` was given; nothing was sent.
    case alreadyRunning(LockRecord)
    /// Nothing ran, or the journal failed under the run: the outcome and why.
    case failed(RunOutcome, String)

    public var outcome: RunOutcome {
        switch self {
        case .finished(let report): return report.outcome
        case .alreadyRunning: return .alreadyRunning
        case .failed(let outcome, _): return outcome
        }
    }
}

/// One plan applied: prepared, journaled (locked, resumed where unfinished), executed, and its
/// emulator stopped however it ended.
public enum RefreshRun {
    public static func apply(_ compiled: CompiledPlan, planPath: String, options: ApplyOptions, resources: RunResources,
                             logger: Logger, hooks: ApplyHooks) async -> ApplyResult {
        let prepared: PreparedRun
        do {
            prepared = try await PreparedRun.prepare(compiled, platform: options.platform, environment: resources.environment, logger: logger)
        } catch {
            return .failed(error.outcome, error.description)
        }
        let transport = AHCTransport(network: prepared.network)
        let result = await apply(prepared, planPath: planPath, transport: transport, options: options, resources: resources, logger: logger, hooks: hooks)
        try? await transport.shutdown()
        await prepared.finish()
        return result
    }

    static func apply(_ prepared: PreparedRun, planPath: String, transport: AHCTransport, options: ApplyOptions, resources: RunResources,
                      logger: Logger, hooks: ApplyHooks) async -> ApplyResult {
        do {
            try await hooks.prepared(prepared)
        } catch is CancellationError {
            return .failed(hooks.interruption(), "")
        } catch let setup as RunSetupError {
            return .failed(setup.outcome, setup.description)
        } catch {
            return .failed(.invalidPlan, "\(error)")
        }
        let graph = prepared.compiled.graph
        let plan = prepared.compiled.plan
        let store: any JournalStore
        let budgets: SharedBudgets
        do {
            // A wait for a connection is an event of the run (`journal.waiting`, in the JSON log
            // and the text output), as well as a log line.
            let (events, log) = (hooks.events, JournalLocator.logWaiting(logger))
            store = try await resources.journal(waiting: { wait in
                log(wait)
                events(RunEvent(timestamp: Date(), elapsed: 0, level: .warning, event: "journal.waiting", step: nil, message: wait.message,
                                fields: JournalLocator.fields(wait)))
            })
            budgets = try await resources.budgets(clock: prepared.clock)
        } catch {
            return .failed(.journalFailed, "the run journal cannot be used: \(error); nothing was sent")
        }
        var apply = JournaledApply(journal: store)
        // Both kinds of rehearsal are journaled as emulated: only emulated runs resume them.
        apply.emulated = options.platform.isEmulated
        apply.emulatorURL = options.platform.sharedEmulatorURL
        apply.waitForLock = options.waitForLock
        apply.notice = hooks.notice
        let artifactsRoot = URL(fileURLWithPath: plan.artifacts.directory)
        let (clock, secrets) = (prepared.clock, prepared.secrets)
        do {
            let result = try await apply.run(planName: plan.name, sandboxId: plan.sandbox.id, proposedRunId: resources.proposedRunId.id,
                                              proposedIsChosen: resources.proposedRunId.chosen, onlyRunId: options.onlyRunId) { runId, resume in
                // report.html lists the clients' retries and breaker changes next to the run's own events.
                let eventLog = RunEventLog()
                let (production, sandbox) = try ClientFactory.make(plan, secrets: secrets, transport: transport, clock: clock, logger: logger,
                                                                    requireAlerting: true, events: { eventLog.record($0); hooks.events($0) },
                                                                    budgets: budgets)
                hooks.started(runId, resume, graph)
                var context = RunContext(
                    graph: graph, runId: runId, production: production, sandbox: sandbox, transport: transport, clock: clock,
                    artifactsRoot: artifactsRoot, secrets: secrets,
                    seed: RunIdentity.seed(runId), logger: logger, events: hooks.events, planPath: planPath, views: RunReportViews())
                context.interruption = hooks.interruption
                context.eventLog = eventLog
                return context
            }
            switch result {
            case .finished(let report, _):
                return .finished(report)
            case .alreadyRunning(let lock):
                return .alreadyRunning(lock)
            }
        } catch let failure as StepFailure {
            return .failed(failure.outcome, failure.message)
        } catch let failure as JournaledApply.Failure {
            return .failed(.invalidPlan, failure.description)
        } catch is CancellationError {
            return .failed(hooks.interruption(), "")
        } catch {
            return .failed(.journalFailed, "the run journal \(JournalLocator.redacted(resources.journalArgument)) could not be used: \(JournalLocator.reason(error))")
        }
    }
}
