import ArgumentParser
import Executor
import Foundation
import GenesysClient
import GenesysWire
import Logging
import PlanGraph
import RefreshPlan
import Timekeeping

/// `sandbox-refresh check FILE`: a read-only live preflight (`LiveCheck`).
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Read-only live preflight: identity, scopes, the lock, drift and scope, and an estimate of the run.",
        discussion: """
            Logs in to both organizations and sends only reads (GET, plus the two logins): nothing is submitted, \
            aborted, revoked or validated, and the report lists every request sent. It verifies each set of credentials \
            resolves to its organization (never the sandbox's to production's, and to the plan's organization pins), \
            lists active refreshes and what lock.onForeignRefresh would do, runs the dependency scan (drift and the \
            resulting scope), counts the flows the validation gate would send, and estimates requests and duration \
            from the sandbox's refresh history.
            Exit codes: 0 ready, 2 invalid plan, 3 preflight problem (login, scopes, identity), 4 locked (the lock \
            policy would wait or fail), 7 apply would fail (drift with onDrift: fail, named flows missing), 10 API error.
            """)

    @Argument(help: "A plan file.", completion: .file(extensions: ["yaml", "yml"]))
    var file: String

    @Flag(help: "Check against the built-in emulator (served in process); no credentials needed.")
    var emulate = false

    @Option(help: ArgumentHelp("Check against an emulator already running at URL (`sandbox-refresh emulator`).", valueName: "URL"))
    var emulator: String?

    @Option(help: "With --emulate: world seed.")
    var seed: UInt64 = 1

    @Option(help: "The run id apply would use (default: GITHUB_RUN_ID, CI_PIPELINE_ID, BUILD_BUILDID): an active refresh carrying it would be adopted.")
    var runId: String?

    @Flag(help: "Print the report as JSON (version 1) instead of text.")
    var json = false

    @Flag(help: "Also print the client's debug log to stderr (never tokens or secrets).")
    var verbose = false

    func validate() throws {
        if let runId, let problem = RunIdGrammar.problem(runId) {
            throw ValidationError("--run-id \(RunIdGrammar.quoted(runId)) is not a valid run id: \(problem) (a run id is \(RunIdGrammar.summary))")
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        var compiled = try PlanInput.compile(path: file, environment: environment)
        let verbose = self.verbose
        var logger = Logger(label: "sandbox-refresh") { label -> any LogHandler in
            verbose ? StreamLogHandler.standardError(label: label) : SwiftLogNoOpLogHandler()
        }
        logger.logLevel = verbose ? .debug : .critical

        var clock: any InjectedClock = SystemClock()
        var session: EmulatorSession?
        var secrets = SecretResolver(environment: environment, readFile: { try String(contentsOfFile: $0, encoding: .utf8) })
        let network = try NetworkFactory.optionsOrExit(for: compiled.plan, environment: environment)
        if emulate || emulator != nil {
            if let url = emulator {
                guard !emulate else {
                    Terminal.error("error: give either --emulate or --emulator URL")
                    throw ExitCode(RunOutcome.invalidPlan.exitCode)
                }
                do {
                    session = try await EmulatorSession.connect(to: url, for: compiled.plan, expectedScale: nil)
                } catch let failure as EmulatorSession.ConnectError {
                    Terminal.error("error: \(failure.description)")
                    throw ExitCode(failure.outcome.exitCode)
                }
            } else {
                session = try await EmulatorSession.start(for: compiled.plan, seed: seed, faultsFile: nil, timeScale: 30, logger: logger)
            }
            if let session {
                clock = session.clock
                compiled.plan = session.pointing(compiled.plan)
                compiled.graph = try PlanCompiler.compile(compiled.plan, diagnostics: compiled.result.diagnostics)
                secrets = SecretResolver(environment: environment.merging(session.secretEnvironment) { $1 }, readFile: { try String(contentsOfFile: $0, encoding: .utf8) })
            }
        }
        let graph = compiled.graph
        let plan = compiled.plan
        let transport = AHCTransport(network: network)
        let recorder = RequestRecorder(transport)
        let exitCode: Int32
        switch Result(catching: { try ClientFactory.make(plan, secrets: secrets, transport: recorder, clock: clock, logger: logger) }) {
        case .failure(let failure):
            Terminal.error("error: \((failure as? StepFailure)?.message ?? "\(failure)")")
            exitCode = RunOutcome.invalidPlan.exitCode
        case .success(let (production, sandbox)):
            // Only a run id apply would really use: explicit, or the CI system's (a generated one adopts nothing).
            let ci = RunIdentity.ciVariables.contains { !(environment[$0] ?? "").isEmpty }
            let proposed = runId ?? (ci ? (try? RunIdentity.resolve(explicit: nil, environment: environment))?.id : nil)
            var report = await LiveCheck.run(graph: graph, production: production, sandbox: sandbox, now: clock.nowDate, runId: proposed)
            report.requestsSent = recorder.requests
            if json {
                Terminal.write(String(decoding: WireCoding.encode(report, pretty: true), as: UTF8.self) + "\n")
            } else {
                if let session { Terminal.write("Emulator: production and sandbox \(graph.settings.sandboxId) on \(session.baseURL)\n\n") }
                Terminal.write(CheckReportText.render(report, source: file, color: Terminal.useColor))
            }
            exitCode = report.exitCode
        }
        try? await transport.shutdown()
        await session?.stop()
        if exitCode != 0 { throw ExitCode(exitCode) }
    }
}
