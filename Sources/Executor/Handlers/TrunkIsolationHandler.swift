import GenesysClient
import GenesysWire
import PlanGraph

/// A full refresh copies production trunks with their trunk base settings: a sandbox trunk
/// registering with production's carrier identity would take production's registration over.
/// Judged on `registersEnabledStatus`, `enabled` and the trunk bases' `properties`
/// (`TrunkIsolationCheck`).
enum TrunkIsolationHandler {
    static let step = "trunk-isolation"

    static func run(_ gate: TrunkIsolationSettings, _ ctx: RunContext) async -> StepResult {
        do {
            async let productionTrunks = ctx.production.fetchAll(.trunks, pageSize: 100, as: Trunk.self)
            async let productionBases = ctx.production.fetchAll(.trunkBaseSettings, pageSize: 100, as: TrunkBase.self)
            async let sandboxTrunks = ctx.sandbox.fetchAll(.trunks, pageSize: 100, as: Trunk.self)
            async let sandboxBases = ctx.sandbox.fetchAll(.trunkBaseSettings, pageSize: 100, as: TrunkBase.self)
            let check = TrunkIsolationCheck.judge(
                productionTrunks: try await productionTrunks, productionBases: try await productionBases,
                sandboxTrunks: try await sandboxTrunks, sandboxBases: try await sandboxBases, properties: gate.registrationProperties)
            guard check.passed else {
                let help = check.findings.contains { $0.kind == .unknownIdentity } || !check.unreadableProduction.isEmpty
                    ? " (name the trunk base property that holds the carrier registration in gates.trunkIsolation.registrationProperties)" : ""
                return .failure(StepFailure(.validationGateFailed, "\(check.findings.count) sandbox trunk(s) could register with production's carrier or cannot be judged: \(check.summary)\(help)"))
            }
            ctx.emit("gate.passed", step: step, check.summary)
            return .success
        } catch let error as APIError {
            return .apiFailure(error)
        } catch {
            return .failure(StepFailure(.apiError, "\(error)"))
        }
    }
}
