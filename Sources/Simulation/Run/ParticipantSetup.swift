import EmulatorCore
import Executor
import Foundation
import GenesysClient
import Logging
import PlanGraph
import RefreshPlan
import RunJournal
import RunReports
import Timekeeping

/// One plan of a scenario, as far as it outlives a process: the compiled plan, the pipeline's
/// OAuth credentials, the shared emulator and clock, and where everything is reported. A
/// restarted process gets none of the dead one's memory, only what `context` builds afresh.
struct ParticipantSetup: Sendable {
    let number: Int
    let seed: UInt64
    let graph: PlanGraph
    let environment: [String: String]
    let credentials: [String: ClientCredentials]
    let configuration: ClientConfiguration
    let endpoint: OrganizationEndpoint
    let emulator: Emulator
    let clock: SimulationClock
    let monitor: InvariantMonitor
    let trace: TraceBuffer
    let sabotage: Sabotage?
    let artifactsRoot: URL

    /// A new process's run context: new clients (no token, no rate-limiter or breaker state), new
    /// transports and loggers, all bound to `process` so they fall silent when it is killed. The
    /// clients report under the same monitor source as every other process of this plan: the
    /// polling floor and the rate budget are the platform's view, which a restart does not reset.
    func context(runId: String, process: SimulatedProcess) -> RunContext {
        let number = self.number
        let clock = self.clock, monitor = self.monitor, trace = self.trace
        func client(_ key: String, _ organization: String) -> GenesysClient {
            let source = InvariantMonitor.Source(participant: number, organization: organization)
            let transport = RecordingTransport(inner: InProcessTransport(emulator: emulator), source: source, monitor: monitor, sabotage: sabotage, process: process)
            return GenesysClient(name: organization, endpoint: endpoint, credentials: credentials[key]!, configuration: configuration, transport: transport, clock: clock,
                                 logger: SeedRunner.logger("p\(number).\(organization)", source: source, clock: clock, monitor: monitor, trace: trace, process: process))
        }
        let webhook = RecordingTransport(inner: InProcessTransport(emulator: emulator), source: .init(participant: number, organization: "webhook"),
                                         monitor: monitor, sabotage: nil, process: process)
        let restart = process.number > 1 ? " (process \(process.number))" : ""
        return RunContext(
            graph: graph, runId: runId, production: client("PROD", "production"), sandbox: client("SB", "sandbox"),
            transport: webhook, clock: clock, artifactsRoot: artifactsRoot,
            secrets: SecretResolver(environment: environment, readFile: { _ in "" }), seed: seed &+ UInt64(number),
            logger: SeedRunner.logger("p\(number).executor", source: nil, clock: clock, monitor: monitor, trace: trace, process: process),
            events: { event in
                guard process.isAlive else { return }
                monitor.event(event, participant: number)
                trace.add("\(clock.now) p\(number)\(restart) event \(event.event)\(event.step.map { " [\($0)]" } ?? ""): \(event.message)")
            }, views: RunReportViews())
    }
}

extension ParticipantSetup {
    /// `apply` as one simulated process runs it: a fresh connection to the journal file (not
    /// flushed: the simulator's crashes are cancelled tasks), the simulation's clock, and every
    /// earlier holder of the lock dead for `reason`.
    func journaledApply(journalPath: String, pid: Int32, hostname: String, deadBecause reason: String, noticePrefix: String) throws -> JournaledApply {
        let clock = self.clock, trace = self.trace
        var apply = JournaledApply(journal: try RunJournal(path: journalPath, durable: false))
        apply.emulated = true
        apply.holder = LockHolder(pid: pid, hostname: hostname)
        apply.probe = { _ in .dead(reason) }
        apply.now = { clock.nowDate }
        apply.sleep = { try await clock.sleep(for: $0) }
        apply.notice = { text in trace.add("\(clock.now) \(noticePrefix): \(text)") }
        return apply
    }
}
