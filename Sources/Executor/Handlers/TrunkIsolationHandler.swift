import GenesysClient
import GenesysWire
import PlanGraph
import RefreshPlan

/// A full refresh copies production trunks; a sandbox trunk using a production carrier
/// registration could register with the carrier.
enum TrunkIsolationHandler {
    static func run(_ ctx: RunContext) async -> StepResult {
        do {
            async let production = ctx.production.fetchAll(.trunks, pageSize: 100, as: Trunk.self)
            async let sandbox = ctx.sandbox.fetchAll(.trunks, pageSize: 100, as: Trunk.self)
            let registrations = Set(try await production.compactMap(\.carrierRegistration))
            let shared = try await sandbox.filter { trunk in trunk.carrierRegistration.map(registrations.contains) ?? false }
            guard shared.isEmpty else {
                return .failure(StepFailure(.validationGateFailed, "\(shared.count) sandbox trunks share production carrier registrations and could register: \(shared.prefix(5).map(\.name).joined(separator: ", "))"))
            }
            ctx.emit("gate.passed", step: "trunk-isolation", "no sandbox trunk shares a production carrier registration")
            return .success
        } catch let error as APIError {
            return .apiFailure(error)
        } catch {
            return .failure(StepFailure(.apiError, "\(error)"))
        }
    }
}
