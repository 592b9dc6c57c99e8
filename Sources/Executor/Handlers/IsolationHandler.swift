import GenesysClient
import GenesysWire
import PlanGraph

/// The isolation gate (`gates.isolation`), after hardening: reads the sandbox back and fails
/// with exit 7 listing each object that can still reach production's world, and why.
enum IsolationHandler {
    static let step = "isolation"

    static func run(_ gate: IsolationSettings, _ ctx: RunContext, _ state: inout RunState) async -> StepResult {
        do {
            let sandbox = ctx.sandbox
            let integrations = try await sandbox.fetchAll(.integrations, pageSize: 100, as: Integration.self)
            var configs: [(Integration, IntegrationConfiguration?)] = []
            for integration in integrations {
                guard let id = integration.id else { continue }
                configs.append((integration, try await sandbox.send(SandboxWriteEndpoint.integrationConfig(integrationId: id), as: IntegrationConfiguration.self)))
            }
            let actions = try await sandbox.fetchAll(pages: { page in
                Endpoint.list(.dataActions, pageNumber: page, pageSize: 100, filters: [.init("includeConfig", "true")])
            }, as: DataAction.self)
            let campaigns = try await sandbox.fetchAll(.campaigns, pageSize: 100, as: Campaign.self)
            let triggers = try await Hardener.allTriggers(sandbox)
            let check = IsolationCheck.judge((gate.allowedHosts, gate.campaignAllow, gate.triggerAllow), configs: configs, actions: actions,
                                             campaigns: campaigns, triggers: triggers)
            guard check.passed else {
                return .failure(StepFailure(.validationGateFailed, check.summary))
            }
            state.gatePassReasons[step] = check.summary
            ctx.emit("gate.passed", step: step, check.summary)
            return .success
        } catch let error as APIError {
            return .apiFailure(error)
        } catch {
            return .failure(StepFailure(.apiError, "\(error)"))
        }
    }
}
