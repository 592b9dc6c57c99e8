import Executor
import GenesysClient
import Impact
import Logging
import PlanGraph

/// The impact read for a person before they confirm an `apply`: the same reads the run's impact
/// step sends (GET only), with the clients the run would build, on a transport of its own.
public enum ImpactPreview {
    /// Nil when the plan has no impact step; the error's text when a read failed.
    public static func read(_ prepared: PreparedRun, logger: Logger) async -> Result<ImpactReport, StepFailure>? {
        let graph = prepared.compiled.graph
        guard case .impact(let settings)? = graph.node("impact")?.step else { return nil }
        let transport = AHCTransport(network: prepared.network)
        let result = await read(settings, prepared, transport: transport, logger: logger)
        try? await transport.shutdown()
        return result
    }

    private static func read(_ settings: ImpactSettings, _ prepared: PreparedRun, transport: AHCTransport, logger: Logger) async -> Result<ImpactReport, StepFailure> {
        let production: GenesysClient, sandbox: GenesysClient
        do {
            (production, sandbox) = try ClientFactory.make(prepared.compiled.plan, secrets: prepared.secrets, transport: transport,
                                                           clock: prepared.clock, logger: logger)
        } catch {
            return .failure(error)
        }
        do throws(APIError) {
            let reader = ImpactReader(production: production, sandbox: sandbox)
            return .success(try await reader.read(settings, sandboxId: prepared.compiled.graph.settings.sandboxId))
        } catch {
            return .failure(StepFailure(.apiError, error.description))
        }
    }
}
