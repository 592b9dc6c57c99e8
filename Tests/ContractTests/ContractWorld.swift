import EmulatorCore
import Foundation
import GenesysWire
import Timekeeping

/// A small emulated platform for contract probes: a production organization and one sandbox,
/// a manual virtual clock, and requests sent straight to the emulator (no sockets).
final class ContractWorld: Sendable {
    static let sandboxId = "sandbox-dev-01"
    let clock = VirtualClock(mode: .manual)
    let emulator: Emulator
    let world: World

    enum Caller: Sendable, Hashable {
        case production, sandbox, anonymous
        /// A production client holding only `sandbox:view`: for 403s.
        case limited
    }

    struct Call: Sendable {
        var method: HTTPMethod
        var path: String
        var body: Data?
        var caller: Caller = .production

        static func get(_ path: String, as caller: Caller = .production) -> Call { Call(method: .get, path: path, caller: caller) }
    }

    init() {
        let spec = WorldSpec(seed: 11, queues: 30, skills: 8, flows: 30, contacts: 40, dataTables: 3, dataTableRows: 30, users: 6, trunks: 2,
                             sandboxes: [Self.sandboxId])
        emulator = Emulator(world: World.generate(spec), clock: clock)
        world = emulator.world
        limitedClient = emulator.addClient(organization: World.productionName, scopes: ["sandbox:view"], name: "limited")!
    }

    private let limitedClient: EmulatedOrganization

    var production: OrgData { world.production }
    var sandbox: OrgData { world.sandbox(Self.sandboxId)! }

    func credentials(_ caller: Caller) -> EmulatedOrganization? {
        switch caller {
        case .production: return emulator.organization(World.productionName)
        case .sandbox: return emulator.organization(Self.sandboxId)
        case .limited: return limitedClient
        case .anonymous: return nil
        }
    }

    func login(_ org: EmulatedOrganization, secret: String? = nil) async -> WireResponse {
        let request = WireRequest(method: .post, url: URL(string: "http://emulator.invalid/oauth/token")!,
                                  headers: ["Authorization": TokenEndpoint.basicAuthorization(clientId: org.clientId, clientSecret: secret ?? org.clientSecret),
                                            "Content-Type": "application/x-www-form-urlencoded"],
                                  body: Data(TokenEndpoint.formBody.utf8))
        return await emulator.handle(request).response ?? WireResponse(status: 0)
    }

    func token(_ caller: Caller) async -> String? {
        guard let org = credentials(caller) else { return nil }
        let response = await login(org)
        return (try? WireCoding.decode(TokenResponse.self, from: response.body))?.accessToken
    }

    func send(_ call: Call) async -> WireResponse {
        var headers: WireHeaders = ["Accept": "application/json"]
        if let token = await token(call.caller) { headers["Authorization"] = "Bearer \(token)" }
        if call.body != nil { headers["Content-Type"] = "application/json" }
        let request = WireRequest(method: call.method, url: URL(string: "http://emulator.invalid" + call.path)!, headers: headers, body: call.body)
        return await emulator.handle(request).response ?? WireResponse(status: 0)
    }

    func advance(by duration: Duration) { clock.advance(by: duration) }
}
