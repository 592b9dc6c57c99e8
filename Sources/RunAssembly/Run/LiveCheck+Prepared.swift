import Executor
import GenesysClient
import Logging

extension LiveCheck {
    /// `check`: the read-only live preflight, with the clients `apply` would build (every secret
    /// resolved first; an unresolved one is an invalid plan and nothing is sent). `transport`
    /// records what was sent for the report.
    public static func run(_ prepared: PreparedRun, transport: RequestRecorder, logger: Logger, runId: String?) async throws(StepFailure) -> CheckReport {
        let (production, sandbox) = try ClientFactory.make(prepared.compiled.plan, secrets: prepared.secrets, transport: transport,
                                                           clock: prepared.clock, logger: logger)
        var report = await run(graph: prepared.compiled.graph, production: production, sandbox: sandbox, now: prepared.clock.nowDate, runId: runId)
        report.requestsSent = transport.requests
        return report
    }
}
