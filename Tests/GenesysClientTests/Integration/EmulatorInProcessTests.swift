import EmulatorCore
import Foundation
@testable import GenesysClient
import GenesysWire
import Testing
import Timekeeping

/// The client against the emulator through `InProcessTransport` (no sockets): the emulator
/// enforces the platform's 300/min sliding window, so these prove our pacing never earns a 429.
@Suite struct EmulatorInProcessTests {
    func makeClient(world: World, clock: VirtualClock, logs: LogBuffer = LogBuffer()) throws -> (GenesysClient, Emulator) {
        let emulator = Emulator(world: world, clock: clock)
        let production = try #require(emulator.organizations.first { $0.isProduction })
        let base = URL(string: "http://127.0.0.1:1")!
        let client = GenesysClient(
            name: "production",
            endpoint: try OrganizationEndpoint(apiBase: base, loginBase: base),
            credentials: ClientCredentials(clientId: production.clientId, clientSecret: production.clientSecret),
            transport: InProcessTransport(emulator: emulator),
            clock: clock,
            logger: logs.logger()
        )
        return (client, emulator)
    }

    @Test func pagesTwoThousandQueuesFromTheEmulator() async throws {
        let clock = VirtualClock(mode: .autoAdvance)
        let (client, _) = try makeClient(world: World.generate(WorldSpec(queues: 2_000, driftQueues: 0)), clock: clock)
        let total = try await client.count(.queues)
        let queues = try await client.fetchAll(.queues, pageSize: 100, as: Queue.self)
        #expect(queues.count == total)
        #expect(Set(queues.map(\.id)).count == total)
        #expect(client.statistics.rateLimited429 == 0)
    }

    @Test func sustainedConcurrentTrafficStaysUnderTheEmulatorsWindow() async throws {
        let clock = VirtualClock(mode: .autoAdvance)
        let (client, _) = try makeClient(world: World.generate(WorldSpec(queues: 10)), clock: clock)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask { for _ in 0..<80 { _ = try await client.count(.queues) } }
            }
            try await group.waitForAll()
        }
        #expect(client.statistics.requestsByOperation["queues.count"] == 640)
        #expect(client.statistics.rateLimited429 == 0)
        // 640 requests at 300/min (burst 10, then 290/min) need a little over two minutes.
        #expect(clock.now.sinceEpoch >= .seconds(60.0 * 630 / 290 - 1))
    }
}
