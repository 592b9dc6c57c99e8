import EmulatorCore
import Foundation
import GenesysWire
import Testing
import Timekeeping

/// The request log is bounded (the latest requests in full) while its counters see everything.
@Suite struct RequestLogTests {
    static func get(_ path: String) -> WireRequest {
        WireRequest(method: .get, url: URL(string: "http://emulator\(path)")!)
    }

    @Test func theLogKeepsTheLatestRequestsAndTheCountersAll() async throws {
        let emulator = Emulator(world: World.generate(WorldSpec(seed: 3)), clock: VirtualClock(), requestLogCapacity: 3)
        for page in 1...5 { _ = await emulator.handle(Self.get("/api/v2/routing/queues?pageNumber=\(page)")) }
        _ = await emulator.handle(Self.get("/api/v2/nowhere"))

        #expect(emulator.requestLog().map(\.path) == ["/api/v2/routing/queues?pageNumber=4", "/api/v2/routing/queues?pageNumber=5", "/api/v2/nowhere"])
        let stats = emulator.requestStats()
        #expect(stats.total == 6 && stats.kept == 3)
        #expect(stats.statuses == ["401": 5, "404": 1])
        #expect(stats.routes == ["GET /api/v2/routing/queues": 5, "GET (no such endpoint)": 1])

        let answer = try #require(emulator.control(Self.get("/emulator/stats")))
        #expect(answer.status == 200)
        #expect(try WireCoding.decode(EmulatorRequestStats.self, from: answer.body) == stats)
    }
}
