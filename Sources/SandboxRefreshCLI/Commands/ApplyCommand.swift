import ArgumentParser
import Executor
import Foundation
import GenesysClient
import GenesysWire
import Logging
import PlanGraph
import RefreshPlan
import Timekeeping

struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Run a refresh plan end to end: preflight, lock, submit, poll, gates, artifacts.",
        discussion: """
            Exit codes: \(RunOutcome.allCases.map { "\($0.exitCode) \($0.rawValue)" }.joined(separator: ", ")).
            Without --yes on a terminal the preview is shown and confirmation asked; non-interactive runs need --yes.
            """)

    enum LogFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "A plan file, or a plan saved with `plan --out`.", completion: .file(extensions: ["yaml", "yml", "json"]))
    var file: String

    @Option(help: "The run id tagged into the refresh description (default: GITHUB_RUN_ID, CI_PIPELINE_ID, BUILD_BUILDID, or a new id).")
    var runId: String?

    @Flag(help: "Run against the built-in emulator on a loopback port with a compressed clock; no credentials needed.")
    var emulate = false

    @Option(help: "With --emulate: emulated seconds per real second.")
    var timeScale: Double = 30

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

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let planPath = try resolvePlanPath()
        var compiled = try PlanInput.compile(path: planPath, environment: environment)
        let printer = ProgressPrinter(mode: (logFormat ?? (Terminal.stdoutIsTTY ? .text : .json)) == .json ? .jsonLines : .human(color: Terminal.useColor, live: Terminal.stdoutIsTTY))
        let verbose = self.verbose
        var logger = Logger(label: "sandbox-refresh") { label -> any LogHandler in
            verbose ? StreamLogHandler.standardError(label: label) : SwiftLogNoOpLogHandler()
        }
        logger.logLevel = verbose ? .debug : .critical

        let clock: any InjectedClock
        var emulator: EmulatorSession?
        var secrets = SecretResolver(environment: environment, readFile: { try String(contentsOfFile: $0, encoding: .utf8) })
        if emulate {
            let scaled = ScaledClock(scale: timeScale)
            clock = scaled
            let session = try await EmulatorSession.start(for: compiled.graph.plan, seed: seed, faultsFile: faults, clock: scaled, logger: logger)
            emulator = session
            compiled.graph = try PlanCompiler.compile(session.pointing(compiled.graph.plan), diagnostics: compiled.graph.diagnostics)
            secrets = SecretResolver(environment: environment.merging(session.secretEnvironment) { $1 }, readFile: { try String(contentsOfFile: $0, encoding: .utf8) })
            if case .human = printer.mode {
                Terminal.write("Emulator: production and sandbox \(compiled.graph.plan.sandbox.id) served on \(session.baseURL) (clock ×\(Int(timeScale)))\n")
            }
        } else {
            clock = SystemClock()
        }
        let graph = compiled.graph
        try confirm(graph)

        let runId = RunIdentity.resolve(explicit: runId, environment: environment)
        let transport = AHCTransport()
        let outcome: RunOutcome
        do {
            let (production, sandbox) = try makeClients(graph.plan, secrets: secrets, transport: transport, clock: clock, logger: logger)
            let context = RunContext(
                graph: graph, runId: runId, production: production, sandbox: sandbox, transport: transport, clock: clock,
                artifactsRoot: URL(fileURLWithPath: graph.plan.artifacts.directory), secrets: secrets,
                seed: UInt64(truncatingIfNeeded: runId.hashValue), logger: logger, events: printer.handle)
            if case .human = printer.mode { Terminal.write("Run \(runId): refreshing \(graph.plan.sandbox.id) with scope \(graph.submitScope.wireValue)\n") }
            let report = await SignalScope.run { await Executor.run(context) }
            outcome = report.outcome
            if case .human = printer.mode { Terminal.write(RunSummaryText.render(report, color: Terminal.useColor)) }
        } catch let failure as StepFailure {
            Terminal.error("error: \(failure.message)")
            outcome = failure.outcome
        }
        try? await transport.shutdown()
        await emulator?.stop()
        if outcome != .success { throw ExitCode(outcome.exitCode) }
    }

    private func resolvePlanPath() throws -> String {
        guard file.hasSuffix(".json"), let data = FileManager.default.contents(atPath: file), let saved = SavedPlan.decode(data) else { return file }
        let changed = saved.changedSources { FileManager.default.contents(atPath: $0) }
        guard changed.isEmpty else {
            Terminal.error("error: \(file) was saved from sources that changed since: \(changed.joined(separator: ", ")); run `sandbox-refresh plan --out` again and review it")
            throw ExitCode(RunOutcome.invalidPlan.exitCode)
        }
        return saved.entry
    }

    private func confirm(_ graph: PlanGraph) throws {
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

    /// Resolves every secret before anything is sent; a missing one is an invalid plan.
    private func makeClients(_ plan: Plan, secrets: SecretResolver, transport: any HTTPTransport, clock: any InjectedClock, logger: Logger) throws -> (GenesysClient, GenesysClient) {
        var problems: [String] = []
        func value(_ secret: SecretValue) -> String {
            do { return try secrets.resolve(secret) } catch { problems.append("\(error)"); return "" }
        }
        let productionCredentials = ClientCredentials(clientId: value(plan.production.credentials.clientId), clientSecret: value(plan.production.credentials.clientSecret))
        let sandboxCredentials = ClientCredentials(clientId: value(plan.sandbox.credentials.clientId), clientSecret: value(plan.sandbox.credentials.clientSecret))
        guard problems.isEmpty else {
            throw StepFailure(.invalidPlan, "cannot resolve the plan's credentials: \(problems.joined(separator: "; "))")
        }
        let hosts = Hosts(plan: plan)
        func endpoint(_ api: String, _ login: String) throws -> OrganizationEndpoint {
            guard let apiURL = URL(string: api), let loginURL = URL(string: login) else { throw StepFailure(.invalidPlan, "invalid API base \(api)") }
            do { return try OrganizationEndpoint(apiBase: apiURL, loginBase: loginURL) } catch { throw StepFailure(.invalidPlan, "\(error)") }
        }
        let configuration = ClientSettings.configuration(for: plan)
        let production = GenesysClient(name: "production", endpoint: try endpoint(hosts.productionAPI, hosts.productionLogin), credentials: productionCredentials, configuration: configuration, transport: transport, clock: clock, logger: logger)
        let sandbox = GenesysClient(name: "sandbox", endpoint: try endpoint(hosts.sandboxAPI, hosts.sandboxLogin), credentials: sandboxCredentials, configuration: configuration, transport: transport, clock: clock, logger: logger)
        return (production, sandbox)
    }
}
