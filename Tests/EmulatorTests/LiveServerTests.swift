import EmulatorCore
import EmulatorServer
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GenesysWire
import HummingbirdTesting
import Testing
import Timekeeping

@Suite struct LiveServerTests {
    @Test func liveLoginPagingAndRefreshOverLoopback() async throws {
        // No sandbox work: the sandbox holds exactly production's 2,000 queues (four full pages).
        let harness = Harness(spec: WorldSpec(seed: 1, queues: 2000, driftQueues: 0, sandboxWork: 0))
        try await harness.test(.live) { client in
            #expect(client.port != nil)
            let token = try await client.login(harness.sandbox)
            let response = try await client.get("/api/v2/routing/queues?pageSize=500&pageNumber=4", token: token)
            #expect(response.status == .ok)
            #expect(response.headers[.correlationId] != nil)
            let page = try decode(EntityPage<Queue>.self, response)
            #expect(page.entities.count == 500 && page.pageCount == 4 && page.nextUri == nil)
            let unauthorized = try await client.get("/api/v2/routing/queues", token: nil)
            #expect(unauthorized.status == .unauthorized)
            #expect(try decode(ErrorBody.self, unauthorized).contextId == unauthorized.headers[.correlationId])
            let submit = try await client.call(.post, refreshesPath(), token: token,
                                               json: RefreshRequest(scope: "ARCHITECT,ROUTING", description: "live", preserveSandboxUsers: true))
            #expect(try decode(Refresh.self, submit).status == .queued)
        }
    }

    /// Each fault kills the test client's connection, so each gets its own server.
    @Test(arguments: [FaultKind.drop, .resetMidBody])
    func liveDropAndResetBreakTheConnection(kind: FaultKind) async throws {
        let harness = Harness(faults: FaultPlan(rules: [FaultRule(name: kind.name, kind: kind, match: FaultMatch(path: "/api/v2/routing/queues"))]))
        try await harness.test(.live) { client in
            let token = try await client.login(harness.production)
            await #expect(throws: (any Error).self) { _ = try await client.get("/api/v2/routing/queues", token: token) }
        }
        #expect(harness.emulator.firedFaults().map(\.rule) == [kind.name])
        // The request was processed and logged even though no complete answer arrived.
        #expect(harness.emulator.requestLog().last?.path == "/api/v2/routing/queues")
    }

    @Test func startReportsTheBoundPortAndStops() async throws {
        let emulator = Emulator(world: World.generate(WorldSpec(seed: 3)), clock: VirtualClock())
        let server = try await EmulatorHTTPServer.start(emulator: emulator)
        #expect(server.port > 0)
        var request = URLRequest(url: URL(string: "\(server.baseURL)/api/v2/routing/queues")!)
        request.httpMethod = "GET"
        let (data, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 401)
        #expect(try WireCoding.decode(ErrorBody.self, from: data).code == "not.authorized")
        await server.stop()
        #expect(emulator.requestLog().count == 1)
    }
}
