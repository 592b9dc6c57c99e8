import EmulatorCore
import EmulatorServer
import Foundation
import Logging
import RefreshPlan
import Timekeeping

/// `apply --emulate`: the emulator served in process on a loopback port, with a world whose
/// sandbox is the plan's, and the plan pointed at it with the emulator's own credentials.
struct EmulatorSession {
    let emulator: Emulator
    let server: RunningEmulatorServer

    var baseURL: String { server.baseURL }

    static func start(for plan: Plan, seed: UInt64, faultsFile: String?, clock: any InjectedClock, logger: Logger) async throws -> EmulatorSession {
        var spec = WorldSpec.dev
        spec.seed = seed
        spec.sandboxes = [plan.sandbox.id]
        let faults = try faultsFile.map { try FaultPlan.load(contentsOf: URL(fileURLWithPath: $0)) } ?? .none
        let emulator = Emulator(world: World.generate(spec), clock: clock, faults: faults, logger: logger)
        let server = try await EmulatorHTTPServer.start(emulator: emulator, logger: logger)
        return EmulatorSession(emulator: emulator, server: server)
    }

    /// Variables holding the emulator's client credentials, for the rewritten plan to resolve.
    var secretEnvironment: [String: String] {
        var environment: [String: String] = [:]
        for org in emulator.organizations {
            let key = org.isProduction ? "PRODUCTION" : "SANDBOX"
            environment["SANDBOX_REFRESH_EMULATOR_\(key)_CLIENT_ID"] = org.clientId
            environment["SANDBOX_REFRESH_EMULATOR_\(key)_CLIENT_SECRET"] = org.clientSecret
        }
        return environment
    }

    /// The same plan with both organizations on the emulator's loopback URL.
    func pointing(_ plan: Plan) -> Plan {
        var plan = plan
        plan.production.apiBase = baseURL
        plan.sandbox.apiBase = baseURL
        plan.production.credentials = Credentials(clientId: .env("SANDBOX_REFRESH_EMULATOR_PRODUCTION_CLIENT_ID"), clientSecret: .env("SANDBOX_REFRESH_EMULATOR_PRODUCTION_CLIENT_SECRET"))
        plan.sandbox.credentials = Credentials(clientId: .env("SANDBOX_REFRESH_EMULATOR_SANDBOX_CLIENT_ID"), clientSecret: .env("SANDBOX_REFRESH_EMULATOR_SANDBOX_CLIENT_SECRET"))
        return plan
    }

    func stop() async {
        await server.stop()
    }
}
