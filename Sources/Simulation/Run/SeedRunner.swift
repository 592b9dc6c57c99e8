import EmulatorCore
import Executor
import Foundation
import GenesysClient
import GenesysWire
import Logging
import PlanGraph
import RefreshPlan
import Synchronization
import Timekeeping

/// Runs one seed: builds its world, runs its plans with the real executor and clients against
/// the in-process emulator on a `SimulationClock`, and checks the invariants as it goes.
public enum SeedRunner {
    static let apiBase = URL(string: "http://127.0.0.1:9080")!

    public static func run(seed: UInt64, options: SimulationOptions) async -> SeedResult {
        await run(Scenario.make(seed: seed, options: options), options: options)
    }

    public static func run(_ scenario: Scenario, options: SimulationOptions) async -> SeedResult {
        let clock = SimulationClock()
        // The seed's digest covers its whole request history, so the log keeps every request.
        let emulator = Emulator(world: World.generate(scenario.world), clock: clock, faults: scenario.faultPlan, requestLogCapacity: .max)
        if let profiles = options.progressProfiles { emulator.useProgressProfiles(profiles) }
        if options.nights > 1 { emulator.useNightlyVariation(NightlyVariation(seed: scenario.seed)) }
        for action in scenario.faults.actions { apply(action, to: emulator) }
        let monitor = InvariantMonitor(emulator: emulator, clock: clock)
        registerSecrets(emulator, monitor)
        let trace = TraceBuffer(enabled: options.trace)
        let artifacts = ScratchDirectories.make(seed: scenario.seed)
        defer { ScratchDirectories.remove(artifacts) }
        // The nightly schedule's journal lives with the seed's other scratch files (in memory
        // where the machine has /dev/shm) and goes with them.
        let nightlyJournal = artifacts.appendingPathComponent("nightly-journal.sqlite")

        var bodies: [@Sendable () async -> RunReport?] = []
        for participant in scenario.participants {
            let number = participant.index + 1
            let setup: ParticipantSetup
            do {
                setup = try makeSetup(participant, scenario: scenario, options: options, emulator: emulator, clock: clock,
                                      monitor: monitor, trace: trace, artifacts: artifacts)
            } catch {
                return SeedResult(seed: scenario.seed, scenario: scenario, runs: [], faultsFired: [:], violations: [], digest: "",
                                  requests: 0, setupError: "plan \(number): \(error)", trace: [])
            }
            monitor.register(participant: number, plan: setup.plan, runId: participant.runId)
            let prediction = options.prediction
            bodies.append {
                if participant.startAfter > .zero { try? await clock.sleep(for: participant.startAfter) }
                monitor.runStarted(number)
                let body: @Sendable () async -> RunReport? = {
                    if options.nights > 1 {
                        return await NightlyRun(setup: setup, runId: participant.runId, journalPath: nightlyJournal.path).run()
                    }
                    if let crashes = participant.crashes {
                        // Through the journal, killed and restarted as the crash plan says.
                        return await CrashingRun(setup: setup, runId: participant.runId, crashes: crashes, journalPath: artifacts.appendingPathComponent("journal-p\(number).sqlite").path).run()
                    }
                    // One process, no journal: the budgets are the process's own, as a file journal's are.
                    guard let context = try? setup.context(runId: participant.runId, process: SimulatedProcess(), budgets: SharedBudgets(clock: clock)) else {
                        monitor.journalError(number, process: 1, error: "the plan's clients could not be built")
                        return nil
                    }
                    return await Executor.run(context)
                }
                let report: RunReport?
                if let prediction {
                    report = await PollMachine.$defaultPrediction.withValue(prediction) { await body() }
                } else {
                    report = await body()
                }
                if let report { monitor.runFinished(report, participant: number) }
                return report
            }
        }
        let reports = await clock.run(bodies)
        var result = summarize(scenario, reports: reports, emulator: emulator, monitor: monitor, trace: trace)
        if options.keepWorld { result.finalWorld = emulator.world }
        return result
    }

    static func apply(_ action: WorldAction, to emulator: Emulator) {
        switch action {
        case .productionDrift(let queues, let skills, let flows):
            emulator.addProductionDrift(queues: queues, skills: skills, flows: flows)
        case .removeSandboxQueue(let sandboxId):
            emulator.removeSandboxQueue(sandboxId: sandboxId)
        case .foreignRefresh(let sandboxId, let age, let description, let scope):
            let refresh = emulator.startManualRefresh(sandboxId: sandboxId, description: description, scope: scope)
            emulator.backdate(refreshId: refresh.id, by: age)
        }
    }

    /// Client secrets, Basic credentials, session tokens, and every card number and SSN in the
    /// world's customer data: none of them may surface anywhere.
    static func registerSecrets(_ emulator: Emulator, _ monitor: InvariantMonitor) {
        for org in emulator.organizations { addClientSecrets(clientId: org.clientId, secret: org.clientSecret, monitor) }
        let world = emulator.world
        for org in world.organizations {
            for session in org.sessions { monitor.addSecret(session.token) }
            for contact in org.contacts { if let notes = contact.notesText { monitor.addPII(from: notes) } }
            for rows in org.dataTableRows.values {
                for row in rows { for value in row.values { if case .string(let text) = value { monitor.addPII(from: text) } } }
            }
        }
    }

    static func addClientSecrets(clientId: String, secret: String, _ monitor: InvariantMonitor) {
        monitor.addSecret(secret)
        monitor.addSecret(Data("\(clientId):\(secret)".utf8).base64EncodedString())
    }

    /// What outlives a process of the plan: its OAuth clients (registered once, as a pipeline's
    /// secrets are), its compiled plan, and where it reports. `ParticipantSetup.context` builds
    /// what each process builds anew: API clients, transports, loggers.
    static func makeSetup(_ participant: SimulatedParticipant, scenario: Scenario, options: SimulationOptions, emulator: Emulator,
                          clock: SimulationClock, monitor: InvariantMonitor, trace: TraceBuffer, artifacts: URL) throws -> ParticipantSetup {
        let number = participant.index + 1
        // Each plan has OAuth clients of its own, as separate pipelines would.
        var environment: [String: String] = [:]
        for (key, organization) in [("PROD", World.productionName), ("SB", participant.sandboxId)] {
            let scopes = emulator.organization(organization)?.scopes ?? []
            guard let client = emulator.addClient(organization: organization, scopes: scopes, name: "simulated plan \(number)") else {
                throw SetupError("no organization \(organization) in the emulated world")
            }
            addClientSecrets(clientId: client.clientId, secret: client.clientSecret, monitor)
            environment["SIM_\(key)_ID"] = client.clientId
            environment["SIM_\(key)_SECRET"] = client.clientSecret
        }
        var plan = options.basePlan ?? SimulatedPlan.base
        if let variant = participant.variant { plan = variant.apply(to: plan) }
        if let polling = options.pollingOverride { plan.refresh.polling = polling }
        plan.sandbox.id = participant.sandboxId
        // Snapshots stay in the seed's scratch directory, like its artifacts.
        plan.snapshot.directory = artifacts.appendingPathComponent("p\(number)-snapshots").path
        plan.production.apiBase = apiBase.absoluteString
        plan.sandbox.apiBase = apiBase.absoluteString
        plan.production.credentials = Credentials(clientId: .init(.env("SIM_PROD_ID")), clientSecret: .init(.env("SIM_PROD_SECRET")))
        plan.sandbox.credentials = Credentials(clientId: .init(.env("SIM_SB_ID")), clientSecret: .init(.env("SIM_SB_SECRET")))
        let graph = try PlanCompiler.compile(plan)

        return ParticipantSetup(
            number: number, seed: scenario.seed, plan: plan, graph: graph, environment: environment, jitterSeed: scenario.seed &* 31 &+ UInt64(number),
            emulator: emulator, clock: clock, monitor: monitor,
            trace: trace, sabotage: options.sabotage, artifactsRoot: artifacts.appendingPathComponent("p\(number)"))
    }

    /// A killed process logs nothing more: its lines stop at the kill.
    static func logger(_ label: String, source: InvariantMonitor.Source?, clock: SimulationClock, monitor: InvariantMonitor, trace: TraceBuffer,
                       process: SimulatedProcess) -> Logger {
        var logger = Logger(label: label) { label in
            MemoryLogHandler(label: label, clock: clock) { line in
                guard process.isAlive else { return }
                monitor.log(line, source: source)
                trace.add(line.rendered)
            }
        }
        logger.logLevel = .trace
        return logger
    }

    static func summarize(_ scenario: Scenario, reports: [RunReport?], emulator: Emulator, monitor: InvariantMonitor, trace: TraceBuffer) -> SeedResult {
        var fired: [String: Int] = [:]
        for fault in emulator.firedFaults() { fired[fault.kind.name, default: 0] += 1 }
        for action in scenario.faults.actions { fired[action.kind, default: 0] += 1 }
        var digest = HistoryDigest()
        let log = emulator.requestLog()
        for entry in log {
            digest.add("\(entry.moment.sinceEpoch) \(entry.method) \(entry.path) \(entry.organization ?? "-") \(entry.status.map(String.init) ?? "-") \(entry.fault ?? "-") \(entry.correlationId)")
        }
        var runs: [SeedResult.RunResult] = []
        for (index, report) in reports.enumerated() {
            guard let report else {
                digest.add("outcome \(index) none")
                continue
            }
            digest.add("outcome \(index) \(report.outcome.rawValue)")
            var order: [String] = []
            var counts: [String: Int] = [:]
            for status in report.state.statuses {
                if counts[status.refreshId] == nil { order.append(status.refreshId) }
                counts[status.refreshId, default: 0] += 1
            }
            let participant = scenario.participants[index]
            let tags = InvariantMonitor.chainTags(participant.runId)
            let submitted = emulator.submissions(sandboxId: participant.sandboxId).filter { RunTag.runId(in: $0.description).map(tags.contains) == true }
            runs.append(.init(participant: index + 1, runId: report.summary.runId, outcome: report.outcome, message: report.state.failureMessage,
                              statusRequests: order.map { counts[$0]! }, detectionLag: report.summary.detectionLagSeconds,
                              simulatedSeconds: report.summary.durationSeconds, submissions: submitted.count,
                              deaths: monitor.deaths(participant: index + 1).map { "write \($0.write) (\($0.kind))" }))
        }
        // Where each process died is part of the history.
        let crashes = monitor.crashCounts
        if crashes.kills > 0 { digest.add("crashes \(crashes.kills) resumed \(crashes.resumes)") }
        let violations = monitor.violations
        for violation in violations { trace.add("VIOLATION \(violation)") }
        return SeedResult(seed: scenario.seed, scenario: scenario, runs: runs, faultsFired: fired, violations: violations, digest: digest.hex,
                          requests: log.count, setupError: nil, trace: trace.lines, crashesInjected: crashes.kills, resumes: crashes.resumes,
                          restartPollGaps: monitor.restartPollGaps.map(\.seconds))
    }
}

struct SetupError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The trace of one seed, kept only when asked for.
final class TraceBuffer: Sendable {
    let enabled: Bool
    private let storage = Mutex<[String]>([])

    init(enabled: Bool) { self.enabled = enabled }

    func add(_ line: @autoclosure () -> String) {
        guard enabled else { return }
        let text = line()
        storage.withLock { $0.append(text) }
    }

    var lines: [String] { storage.withLock { $0 } }
}
