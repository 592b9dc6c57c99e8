import EmulatorCore
import EmulatorServer
import Executor
import Foundation
import GenesysClient
import GenesysWire
import Logging
import RefreshPlan
import Timekeeping

/// The emulator a rehearsal runs against, and the plan pointed at it with the emulator's own
/// credentials. Either served in process for this one run (`apply --emulate`), or an emulator
/// another process serves (`apply --emulator URL`, started with `sandbox-refresh emulator`),
/// which outlives this process: a killed `apply` can then be resumed against the same platform.
public struct EmulatorSession: Sendable {
    public let baseURL: String
    public let organizations: [EmulatedOrganization]
    /// The clock the executor runs on: the very same instance as the in-process emulator's, or
    /// one in step with the remote emulator's (same scale, same emulated "now").
    public let clock: ScaledClock
    /// Only when served in process: stopped with the run.
    private let server: RunningEmulatorServer?

    public static func start(for plan: Plan, seed: UInt64, faultsFile: String?, timeScale: Double, logger: Logger) async throws -> EmulatorSession {
        var spec = WorldSpec.dev
        spec.seed = seed
        spec.sandboxes = [plan.sandbox.id]
        let faults = try faultsFile.map { try FaultPlan.load(json: YAMLToJSON.data(contentsOf: $0)) } ?? .none
        let clock = ScaledClock(scale: timeScale)
        let emulator = Emulator(world: World.generate(spec), clock: clock, faults: faults, logger: logger)
        let server = try await EmulatorHTTPServer.start(emulator: emulator, logger: logger)
        return EmulatorSession(baseURL: server.baseURL, organizations: emulator.organizations, clock: clock, server: server)
    }

    public struct ConnectError: Error, CustomStringConvertible {
        public var description: String
        /// A wrong invocation is an invalid plan (2); an emulator that is not there, an API error (10).
        public var outcome: RunOutcome = .apiError
    }

    /// Reads credentials and the clock from a running `sandbox-refresh emulator`'s control
    /// endpoints. The executor's clock starts at the emulator's emulated "now" with its scale, so
    /// journal timestamps, poll intervals and `maxWait` agree with the platform's dates, across
    /// every process that resumes the run.
    public static func connect(to url: String, for plan: Plan, expectedScale: Double?) async throws -> EmulatorSession {
        let base = url.hasSuffix("/") ? String(url.dropLast()) : url
        guard let baseURL = URL(string: base), baseURL.scheme == "http" || baseURL.scheme == "https", baseURL.host != nil else {
            throw ConnectError(description: "--emulator \(url) is not an http URL like http://127.0.0.1:9080", outcome: .invalidPlan)
        }
        // Its own short-lived client: AsyncHTTPClient must be shut down before it is released.
        let transport = AHCTransport(connectTimeout: .seconds(5), readTimeout: .seconds(30))
        do {
            let session = try await connect(base: base, baseURL: baseURL, transport: transport, plan: plan, expectedScale: expectedScale)
            try? await transport.shutdown()
            return session
        } catch {
            try? await transport.shutdown()
            throw error
        }
    }

    private static func connect(base: String, baseURL: URL, transport: AHCTransport, plan: Plan, expectedScale: Double?) async throws -> EmulatorSession {
        func get<T: Decodable>(_ path: String, as type: T.Type) async throws -> T {
            let response: WireResponse
            do {
                response = try await transport.send(WireRequest(method: .get, url: URL(string: base + path) ?? baseURL), timeout: .seconds(30))
            } catch {
                throw ConnectError(description: "no emulator answers at \(base) (\(error)); start one with `sandbox-refresh emulator --port N --sandbox \(plan.sandbox.id)`")
            }
            guard response.status == 200 else {
                throw ConnectError(description: "\(base)\(path) answered HTTP \(response.status): is it a `sandbox-refresh emulator` (control endpoints are served by that command only)?")
            }
            do { return try WireCoding.decode(T.self, from: response.body) } catch {
                throw ConnectError(description: "\(base)\(path) did not answer as a sandbox-refresh emulator: \(error)")
            }
        }
        let organizations = try await get("/emulator/organizations", as: [EmulatedOrganization].self)
        guard organizations.contains(where: { $0.isProduction }) else {
            throw ConnectError(description: "the emulator at \(base) has no production organization")
        }
        guard organizations.contains(where: { $0.name == plan.sandbox.id }) else {
            throw ConnectError(description: "the emulator at \(base) has no sandbox \(plan.sandbox.id) (it has \(organizations.filter { !$0.isProduction }.map(\.name).joined(separator: ", "))); start it with --sandbox \(plan.sandbox.id)")
        }
        let reading = try await get("/emulator/clock", as: EmulatorClockReading.self)
        guard let scale = reading.scale, scale > 0 else {
            throw ConnectError(description: "the emulator at \(base) runs on a clock another process cannot follow")
        }
        if let expectedScale, expectedScale != scale {
            throw ConnectError(description: "--time-scale \(expectedScale) does not match the emulator's ×\(scale); leave --time-scale out to follow the emulator", outcome: .invalidPlan)
        }
        let clock = ScaledClock(scale: scale, epoch: Date(timeIntervalSince1970: reading.now))
        return EmulatorSession(baseURL: base, organizations: organizations.filter { $0.isProduction || $0.name == plan.sandbox.id }, clock: clock, server: nil)
    }

    /// Variables holding the emulator's client credentials, for the rewritten plan to resolve.
    public var secretEnvironment: [String: String] {
        var environment: [String: String] = [:]
        for org in organizations {
            let key = org.isProduction ? "PRODUCTION" : "SANDBOX"
            environment["SANDBOX_REFRESH_EMULATOR_\(key)_CLIENT_ID"] = org.clientId
            environment["SANDBOX_REFRESH_EMULATOR_\(key)_CLIENT_SECRET"] = org.clientSecret
        }
        environment["SANDBOX_REFRESH_EMULATOR_WEBHOOK"] = baseURL + Emulator.webhookPath
        return environment
    }

    /// The same plan with both organizations on the emulator's URL.
    public func pointing(_ plan: Plan) -> Plan {
        var plan = plan
        plan.production.apiBase = baseURL
        plan.sandbox.apiBase = baseURL
        plan.production.credentials = Credentials(clientId: .env("SANDBOX_REFRESH_EMULATOR_PRODUCTION_CLIENT_ID"), clientSecret: .env("SANDBOX_REFRESH_EMULATOR_PRODUCTION_CLIENT_SECRET"))
        plan.sandbox.credentials = Credentials(clientId: .env("SANDBOX_REFRESH_EMULATOR_SANDBOX_CLIENT_ID"), clientSecret: .env("SANDBOX_REFRESH_EMULATOR_SANDBOX_CLIENT_SECRET"))
        // A rehearsal's alerts go to the emulator's inbox, never to the team's channels; each
        // keeps its format and `on` list, so the inbox shows what the channel would get.
        if plan.notify?.onFailureWebhook != nil {
            plan.notify?.onFailureWebhook = .env("SANDBOX_REFRESH_EMULATOR_WEBHOOK")
        }
        for index in plan.notify?.targets.indices ?? 0..<0 {
            plan.notify?.targets[index].url = .env("SANDBOX_REFRESH_EMULATOR_WEBHOOK")
        }
        return plan
    }

    /// Stops an in-process emulator; a remote one is left running for the next run.
    public func stop() async {
        await server?.stop()
    }
}
