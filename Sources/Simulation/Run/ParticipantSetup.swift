import EmulatorCore
import Executor
import Foundation
import GenesysClient
import Logging
import PlanGraph
import RefreshPlan
import RunAssembly
import RunJournal
import RunReports
import Timekeeping

/// One plan of a scenario, as far as it outlives a process: the compiled plan, the pipeline's
/// OAuth credentials, the shared emulator and clock, and where everything is reported. A
/// restarted process gets none of the dead one's memory, only what `context` builds afresh.
struct ParticipantSetup: Sendable {
    let number: Int
    let seed: UInt64
    /// The plan as the scenario built it, for the invariants; the executor gets only `graph`.
    let plan: Plan
    let graph: PlanGraph
    let environment: [String: String]
    /// The client configuration's jitter seed: one per plan of a seed, so that runs differ.
    let jitterSeed: UInt64
    let emulator: Emulator
    let clock: SimulationClock
    let monitor: InvariantMonitor
    let trace: TraceBuffer
    let sabotage: Sabotage?
    let artifactsRoot: URL

    /// A new process's run context: new clients (no token, no rate-limiter or breaker state), new
    /// transports and loggers, all bound to `process` so they fall silent when it is killed. The
    /// clients are built by `ClientFactory`, as `apply` builds them, from the plan's secrets and
    /// with the process's `budgets`; they report under the same monitor source as every other
    /// process of this plan: the polling floor and the rate budget are the platform's view, which
    /// a restart does not reset.
    func context(runId: String, process: SimulatedProcess, budgets: SharedBudgets) throws -> RunContext {
        let number = self.number
        let clock = self.clock, monitor = self.monitor, trace = self.trace, emulator = self.emulator, sabotage = self.sabotage
        let jitterSeed = self.jitterSeed
        let wiring = ClientWiring(
            transport: { organization in
                let source = InvariantMonitor.Source(participant: number, organization: organization.rawValue)
                return RecordingTransport(inner: InProcessTransport(emulator: emulator), source: source, monitor: monitor, sabotage: sabotage, process: process)
            },
            logger: { organization in
                let source = InvariantMonitor.Source(participant: number, organization: organization.rawValue)
                return SeedRunner.logger("p\(number).\(organization.rawValue)", source: source, clock: clock, monitor: monitor, trace: trace, process: process)
            },
            configure: { configuration in
                configuration.jitterSeed = jitterSeed
                // One page at a time: concurrent pages would race for the baton within one plan.
                configuration.pagingConcurrency = 1
            })
        let secrets = SecretResolver(environment: environment, readFile: { _ in "" })
        let (production, sandbox) = try ClientFactory.make(plan, secrets: secrets, wiring: wiring, clock: clock, budgets: budgets)
        let webhook = RecordingTransport(inner: InProcessTransport(emulator: emulator), source: .init(participant: number, organization: "webhook"),
                                         monitor: monitor, sabotage: nil, process: process)
        let restart = process.number > 1 ? " (process \(process.number))" : ""
        return RunContext(
            graph: graph, runId: runId, production: production, sandbox: sandbox,
            transport: webhook, clock: clock, artifactsRoot: artifactsRoot,
            secrets: secrets, seed: seed &+ UInt64(number),
            logger: SeedRunner.logger("p\(number).executor", source: nil, clock: clock, monitor: monitor, trace: trace, process: process),
            events: { event in
                guard process.isAlive else { return }
                monitor.event(event, participant: number)
                trace.add("\(clock.now) p\(number)\(restart) event \(event.event)\(event.step.map { " [\($0)]" } ?? ""): \(event.message)")
            }, views: RunReportViews())
    }
}

extension ParticipantSetup {
    /// `apply` as one simulated process runs it: a fresh connection to the journal file, opened
    /// as `apply` opens it (not flushed: the simulator's crashes are cancelled tasks), the rate
    /// budgets that journal gives, the simulation's clock, and every earlier holder of the lock
    /// dead for `reason`.
    func journaledApply(journalPath: String, pid: Int32, hostname: String, deadBecause reason: String,
                        noticePrefix: String) async throws -> (JournaledApply, SharedBudgets) {
        let clock = self.clock, trace = self.trace
        let store = try await JournalLocator.store(journalPath, environment: [:], durable: false)
        var apply = JournaledApply(journal: store)
        apply.emulated = true
        apply.holder = LockHolder(pid: pid, hostname: hostname)
        apply.probe = { _ in .dead(reason) }
        apply.now = { clock.nowDate }
        apply.sleep = { try await clock.sleep(for: $0) }
        apply.notice = { text in trace.add("\(clock.now) \(noticePrefix): \(text)") }
        return (apply, store.rateBudgets(clock: clock))
    }
}
