import ArgumentParser
import Executor
import Foundation
import PlanGraph
import GenesysClient
import GenesysWire
import Logging
import RunAssembly

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

    @OptionGroup var platform: PlatformOptions

    @OptionGroup var runIdOption: RunIdOption

    @Flag(help: "Print the report as JSON (version 1) instead of text.")
    var json = false

    @Flag(help: "Also print the client's debug log to stderr (never tokens or secrets).")
    var verbose = false

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let compiled = try PlanInput.compile(path: file, environment: environment)
        let verbose = self.verbose
        var logger = Logger(label: "sandbox-refresh") { label -> any LogHandler in
            verbose ? StreamLogHandler.standardError(label: label) : SwiftLogNoOpLogHandler()
        }
        logger.logLevel = verbose ? .debug : .critical
        let prepared: PreparedRun
        do {
            prepared = try await PreparedRun.prepare(compiled, platform: platform.choice, environment: environment, logger: logger)
        } catch {
            Terminal.error("error: \(error.description)")
            throw ExitCode(error.outcome.exitCode)
        }
        let transport = AHCTransport(network: prepared.network)
        let recorder = RequestRecorder(transport)
        // Only a run id apply would really use: explicit, or the CI system's (a generated one adopts nothing).
        let ci = RunIdentity.ciVariables.contains { !(environment[$0] ?? "").isEmpty }
        let proposed = runIdOption.runId ?? (ci ? (try? RunIdentity.resolve(explicit: nil, environment: environment))?.id : nil)
        let exitCode: Int32
        do {
            let report = try await LiveCheck.run(prepared, transport: recorder, logger: logger, runId: proposed)
            if json {
                Terminal.write(String(decoding: WireCoding.encode(report, pretty: true), as: UTF8.self) + "\n")
            } else {
                if let session = prepared.emulator { Terminal.write("Emulator: production and sandbox \(prepared.compiled.plan.sandbox.id) on \(session.baseURL)\n\n") }
                Terminal.write(CheckReportText.render(report, source: file, color: Terminal.useColor))
            }
            exitCode = report.exitCode
        } catch {
            Terminal.error("error: \(error.message)")
            exitCode = RunOutcome.invalidPlan.exitCode
        }
        try? await transport.shutdown()
        await prepared.finish()
        if exitCode != 0 { throw ExitCode(exitCode) }
    }
}
