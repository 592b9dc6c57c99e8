import ArgumentParser
import Executor
import Foundation
import GenesysClient
import GenesysWire
import PostgresJournal
import Logging
import PlanGraph
import RefreshPlan
import RunJournal
import RunReports
import Timekeeping

struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Run a refresh plan end to end: preflight, lock, submit, poll, gates, artifacts.",
        discussion: """
            Exit codes: \(RunOutcome.allCases.map { "\($0.exitCode) \($0.rawValue)" }.joined(separator: ", ")).
            Without --yes on a terminal the preview is shown and confirmation asked; non-interactive runs need --yes.
            Every run is journaled (--journal, SANDBOX_REFRESH_JOURNAL, default .sandbox-refresh/journal.sqlite); an \
            unfinished run of the same plan and sandbox is resumed with its run id instead of starting a new one. \
            Two runs on one sandbox never overlap: the second waits, or exits 75 with --no-wait. See docs/operations.md.
            """)

    enum LogFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "A plan file, a plan saved with `plan --out`, or several plans or a directory of them (a fleet: see --parallel).",
              completion: .file(extensions: ["yaml", "yml", "json"]))
    var files: [String]

    @Option(help: "With several plans: how many run at once in this process (they share one journal and one rate budget per client id).")
    var parallel: Int = 1

    @Option(help: "The run id tagged into the refresh description (default: GITHUB_RUN_ID, CI_PIPELINE_ID, BUILD_BUILDID, or a new id).")
    var runId: String?

    @Flag(help: "Run against the built-in emulator on a loopback port with a compressed clock; no credentials needed.")
    var emulate = false

    @Option(help: ArgumentHelp("Run against an emulator already running at URL (`sandbox-refresh emulator`), with its credentials and clock; it outlives this process, so a killed run can be resumed against it.", valueName: "URL"))
    var emulator: String?

    @Option(help: "With --emulate: emulated seconds per real second (default 30). With --emulator: taken from the emulator; if given, it must match.")
    var timeScale: Double?

    @Option(help: "With --emulate: world seed (the emulated organizations are generated from it).")
    var seed: UInt64 = 1

    @Option(help: "With --emulate: a fault-injection file (JSON) for the emulator.")
    var faults: String?

    @Flag(help: "Do not ask for confirmation.")
    var yes = false

    @Option(help: "text (a readable log with a live progress line on a terminal) or json (JSON lines).")
    var logFormat: LogFormat?

    @Flag(help: "Also print the client's debug log to stderr (never tokens or secrets).")
    var verbose = false

    @Option(help: "The run journal: a SQLite file, or postgres://USER@HOST:PORT/DB?sslmode=... shared by a fleet (password from PGPASSWORD). Default: $SANDBOX_REFRESH_JOURNAL, else .sandbox-refresh/journal.sqlite.", completion: .file(extensions: ["sqlite"]))
    var journal: String?

    @Flag(help: "When another process is refreshing this sandbox, exit 75 (already-running) instead of waiting. For cron.")
    var noWait = false

    /// Set by `resume RUN_ID`: resume exactly that run, or fail.
    @Option(help: .hidden)
    var resumeRunId: String?

    func validate() throws {
        if files.isEmpty { throw ValidationError("give a plan file (or several, or a directory of plans)") }
        guard (1...64).contains(parallel) else { throw ValidationError("--parallel must be between 1 and 64; got \(parallel)") }
        if let timeScale { try Self.checkTimeScale(timeScale) }
        if let runId, let problem = RunIdGrammar.problem(runId) {
            throw ValidationError("--run-id \(RunIdGrammar.quoted(runId)) is not a valid run id: \(problem) (a run id is \(RunIdGrammar.summary))")
        }
    }

    /// A clock scale must be a finite positive number no larger than the clock can step by.
    static func checkTimeScale(_ scale: Double) throws {
        guard scale.isFinite, scale > 0, scale <= 100_000 else {
            throw ValidationError("--time-scale must be a number greater than 0 and at most 100000 (emulated seconds per real second); got \(scale)")
        }
    }

    func run() async throws {
        // A refresh under way outlives its log reader: output that cannot be written is dropped.
        Terminal.keepRunningWithoutOutput()
        let environment = ProcessInfo.processInfo.environment
        // One id for every plan of the run (an id is per sandbox): a CI variable that is not a
        // valid id is refused (64) before anything runs.
        let proposed: (id: String, chosen: Bool)
        do {
            proposed = try RunIdentity.resolve(explicit: runId, environment: environment)
        } catch {
            Terminal.error("error: \(error)")
            throw ExitCode.validationFailure
        }
        let plans: [String]
        do {
            plans = try FleetApply.expand(files)
        } catch {
            Terminal.error("error: \(error)")
            throw ExitCode(RunOutcome.invalidPlan.exitCode)
        }
        let shared = FleetApply.Shared(journalArgument: RunJournal.resolvePath(explicit: journal, environment: environment), environment: environment,
                                       proposedRunId: proposed)
        let signals = SignalScope()
        if plans.count == 1, !FleetApply.isDirectory(files[0]) {
            let outcome = await signals.run { [self] in await runReportingErrors(plans[0], shared: shared, signals: signals, fleet: false) }
            await shared.close()
            if outcome != .success { throw ExitCode(outcome.exitCode) }
            return
        }
        guard yes else {
            Terminal.error("error: applying \(plans.count) plans needs --yes (review them with `sandbox-refresh plan` first)")
            throw ExitCode(RunOutcome.invalidPlan.exitCode)
        }
        if resumeRunId != nil {
            Terminal.error("error: resume takes one plan")
            throw ExitCode(RunOutcome.invalidPlan.exitCode)
        }
        let started = Date()
        let limit = parallel
        let results = await signals.run { [self] in
            await withTaskGroup(of: (Int, FleetApply.Result).self) { group -> [FleetApply.Result] in
                var next = 0
                var results = [FleetApply.Result?](repeating: nil, count: plans.count)
                func launch(_ index: Int) {
                    group.addTask {
                        let begun = Date()
                        let outcome = await self.runReportingErrors(plans[index], shared: shared, signals: signals, fleet: true)
                        return (index, FleetApply.Result(planFile: plans[index], outcome: outcome, seconds: Date().timeIntervalSince(begun),
                                                          run: shared.lastRun(of: plans[index])))
                    }
                }
                while next < min(limit, plans.count) { launch(next); next += 1 }
                for await (index, result) in group {
                    results[index] = result
                    if next < plans.count { launch(next); next += 1 }
                }
                return results.compactMap { $0 }
            }
        }
        await shared.close()
        let worst = FleetApply.mostSevere(results.map(\.outcome))
        let table = FleetApply.summary(results, wall: Date().timeIntervalSince(started))
        if (logFormat ?? (Terminal.stdoutIsTTY ? .text : .json)) == .json {
            Terminal.error(table)
            Terminal.write(FleetApply.summaryJSONLine(results, outcome: worst) + "\n")
        } else {
            Terminal.write(table)
        }
        if worst != .success { throw ExitCode(worst.exitCode) }
    }

    /// One plan; every way it can end is an outcome (the fleet goes on with the others).
    private func runReportingErrors(_ file: String, shared: FleetApply.Shared, signals: SignalScope, fleet: Bool) async -> RunOutcome {
        do {
            return try await runPlan(file, shared: shared, signals: signals, fleet: fleet)
        } catch let exit as ExitCode {
            return RunOutcome.allCases.first { $0.exitCode == exit.rawValue } ?? .invalidPlan
        } catch is CancellationError {
            return signals.outcome
        } catch {
            Terminal.error("error: \(fleet ? "\(file): " : "")\(error)")
            return .invalidPlan
        }
    }

    private func runPlan(_ file: String, shared: FleetApply.Shared, signals: SignalScope, fleet: Bool) async throws -> RunOutcome {
        let environment = shared.environment
        let proposed = shared.proposedRunId
        let planPath = try resolvePlanPath(file)
        var compiled = try PlanInput.compile(path: planPath, environment: environment)
        let printer = ProgressPrinter(mode: (logFormat ?? (Terminal.stdoutIsTTY ? .text : .json)) == .json ? .jsonLines : .human(color: Terminal.useColor, live: Terminal.stdoutIsTTY && !fleet),
                                      tag: fleet ? compiled.graph.plan.name : nil)
        let verbose = self.verbose
        var logger = Logger(label: "sandbox-refresh") { label -> any LogHandler in
            verbose ? StreamLogHandler.standardError(label: label) : SwiftLogNoOpLogHandler()
        }
        logger.logLevel = verbose ? .debug : .critical

        let clock: any InjectedClock
        var emulatorSession: EmulatorSession?
        var secrets = SecretResolver(environment: environment, readFile: { try String(contentsOfFile: $0, encoding: .utf8) })
        let network = try NetworkFactory.optionsOrExit(for: compiled.graph.plan, environment: environment)
        if emulate || emulator != nil {
            let session: EmulatorSession
            if let url = emulator {
                // The remote emulator was started with its own seed and faults; ours would be ignored.
                guard !emulate, faults == nil else {
                    Terminal.error("error: --emulator URL uses a running emulator: --emulate and --faults do not apply (give them to `sandbox-refresh emulator`)")
                    throw ExitCode(RunOutcome.invalidPlan.exitCode)
                }
                do {
                    session = try await EmulatorSession.connect(to: url, for: compiled.graph.plan, expectedScale: timeScale)
                } catch let failure as EmulatorSession.ConnectError {
                    Terminal.error("error: \(failure.description)")
                    throw ExitCode(failure.outcome.exitCode)
                }
            } else {
                session = try await EmulatorSession.start(for: compiled.graph.plan, seed: seed, faultsFile: faults, timeScale: timeScale ?? 30, logger: logger)
            }
            clock = session.clock
            emulatorSession = session
            compiled.graph = try PlanCompiler.compile(session.pointing(compiled.graph.plan), diagnostics: compiled.graph.diagnostics)
            secrets = SecretResolver(environment: environment.merging(session.secretEnvironment) { $1 }, readFile: { try String(contentsOfFile: $0, encoding: .utf8) })
            if case .human = printer.mode {
                Terminal.write("Emulator: production and sandbox \(compiled.graph.plan.sandbox.id) \(emulator == nil ? "served" : "running") on \(session.baseURL) (clock ×\(session.clock.scale.formatted()))\n")
            }
        } else {
            clock = SystemClock()
        }
        let graph = compiled.graph
        if !fleet { try confirm(graph, file: file) }

        let onlyRunId = resumeRunId
        let transport = AHCTransport(network: network)
        var outcome: RunOutcome
        do {
            let opened: any JournalStore
            do {
                opened = try await shared.journal()
            } catch {
                throw JournalUnavailable(message: "\(error)")
            }
            let budgets = await shared.budgets(clock: clock)
            var apply = JournaledApply(journal: opened)
            // Both kinds of rehearsal are journaled as emulated: only emulated runs resume them.
            apply.emulated = emulatorSession != nil
            apply.emulatorURL = emulator
            apply.waitForLock = !noWait
            apply.notice = { message in
                printer.handle(RunEvent(timestamp: Date(), elapsed: 0, level: .warning, event: "journal", step: nil, message: message))
            }
            let human: Bool
            if case .human = printer.mode { human = true } else { human = false }
            let artifactsRoot = URL(fileURLWithPath: graph.plan.artifacts.directory)
            let result = try await { [apply, secrets, logger] () async -> Result<JournaledApply.Result, any Error> in
                do {
                    return .success(try await apply.run(planName: graph.plan.name, sandboxId: graph.plan.sandbox.id, proposedRunId: proposed.id,
                                                        proposedIsChosen: proposed.chosen, onlyRunId: onlyRunId) { runId, resume in
                        // report.html lists the clients' retries and breaker changes next to the run's own events.
                        let eventLog = RunEventLog()
                        let (production, sandbox) = try ClientFactory.make(graph.plan, secrets: secrets, transport: transport, clock: clock, logger: logger,
                                                                            requireAlerting: true, events: { eventLog.record($0); printer.handle($0) },
                                                                            budgets: budgets)
                        if human { Terminal.write("Run \(runId): \(resume == nil ? "refreshing" : "resuming the refresh of") \(graph.plan.sandbox.id) with scope \(graph.submitScope.wireValue)\n") }
                        var context = RunContext(
                            graph: graph, runId: runId, production: production, sandbox: sandbox, transport: transport, clock: clock,
                            artifactsRoot: artifactsRoot, secrets: secrets,
                            seed: RunIdentity.seed(runId), logger: logger, events: printer.handle, planPath: planPath, views: RunReportViews())
                        context.interruption = { signals.outcome }
                        context.eventLog = eventLog
                        return context
                    })
                } catch {
                    return .failure(error)
                }
            }().get()
            switch result {
            case .finished(let report, _):
                outcome = report.outcome
                shared.record(report.summary, of: file)
                if human { Terminal.write(RunSummaryText.render(report, color: Terminal.useColor)) }
                // GitHub Actions shows this on the job's page.
                if let path = environment["GITHUB_STEP_SUMMARY"], !path.isEmpty,
                   !StepSummary.append(StepSummary.markdown(report.summary, artifactsDirectory: report.artifactsDirectory.path), to: path) {
                    Terminal.error("warning: could not append the run summary to $GITHUB_STEP_SUMMARY (\(path))")
                }
            case .alreadyRunning(let lock):
                outcome = .alreadyRunning
                Terminal.error("\(graph.plan.sandbox.id) is already being refreshed by pid \(lock.holder.pid) on \(lock.holder.hostname)\(lock.runId.map { " (run \($0))" } ?? "") since \(lock.acquiredAt.formatted(.iso8601)); --no-wait given, nothing sent (exit 75)")
            }
        } catch let failure as StepFailure {
            Terminal.error("error: \(failure.message)")
            outcome = failure.outcome
        } catch let failure as JournaledApply.Failure {
            Terminal.error("error: \(failure.description)")
            outcome = .invalidPlan
        } catch is CancellationError {
            outcome = signals.outcome
        } catch let failure as JournalUnavailable {
            Terminal.error("error: the run journal cannot be used: \(failure.message); nothing was sent")
            outcome = .journalFailed
        } catch {
            Terminal.error("error: the run journal \(JournalAccess.redacted(shared.journalArgument)) could not be used: \(PostgresJournal.reason(error))")
            outcome = .journalFailed
        }
        try? await transport.shutdown()
        await emulatorSession?.stop()
        return outcome
    }

    private func resolvePlanPath(_ file: String) throws -> String {
        guard file.hasSuffix(".json"), let data = FileManager.default.contents(atPath: file), let saved = SavedPlan.decode(data) else { return file }
        let changed = saved.changedSources { FileManager.default.contents(atPath: $0) }
        guard changed.isEmpty else {
            Terminal.error("error: \(file) was saved from sources that changed since: \(changed.joined(separator: ", ")); run `sandbox-refresh plan --out` again and review it")
            throw ExitCode(RunOutcome.invalidPlan.exitCode)
        }
        return saved.entry
    }

    private func confirm(_ graph: PlanGraph, file: String) throws {
        if yes { return }
        guard Terminal.stdinIsTTY else {
            Terminal.error("error: apply is non-interactive here (no terminal on stdin); review with `sandbox-refresh plan` and pass --yes")
            throw ExitCode(RunOutcome.invalidPlan.exitCode)
        }
        Terminal.write(PlanPreview.render(graph, source: file, color: Terminal.useColor))
        Terminal.write("\nApply this plan to \(graph.plan.sandbox.id)? Only 'yes' is accepted: ")
        guard readLine()?.trimmingCharacters(in: .whitespaces) == "yes" else {
            Terminal.error("apply cancelled; nothing was sent")
            throw ExitCode(RunOutcome.interrupted.exitCode)
        }
    }
}

/// The journal could not be opened: nothing was started, so nothing is left to resume.
struct JournalUnavailable: Error {
    var message: String
}
