import EmulatorCore
import EmulatorServer
import Foundation
import GenesysWire
import Testing
import Timekeeping

/// Figures for the closing note; skipped unless `EMULATOR_BENCH=1` (they take seconds and
/// need `curl`). Commands and results: Benchmarks/emulator/README.md.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["EMULATOR_BENCH"] == "1"))
struct BenchmarkTests {
    @Test func generateA100kContactWorld() {
        let start = ContinuousClock.now
        let world = World.generate(WorldSpec(seed: 1, queues: 2000, flows: 5000, contacts: 100_000))
        let elapsed = ContinuousClock.now - start
        print("BENCH world generation (2000 queues, 5000 flows, 100000 contacts): \(elapsed)")
        #expect(world.production.contacts.count == 100_000)
    }

    @Test func queuesPageRequestsPerSecondOverLoopback() async throws {
        let emulator = Emulator(world: World.generate(WorldSpec(seed: 1, queues: 2000)), clock: SystemClock(), rateLimitPerMinute: 0)
        let server = try await EmulatorHTTPServer.start(emulator: emulator)
        let org = try #require(emulator.organization(World.productionName))
        let login = Process()
        login.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        login.arguments = ["-s", "-u", "\(org.clientId):\(org.clientSecret)", "-d", "grant_type=client_credentials", "\(server.baseURL)/oauth/token"]
        let loginOut = Pipe()
        login.standardOutput = loginOut
        try login.run()
        login.waitUntilExit()
        let token = try WireCoding.decode(TokenResponse.self, from: loginOut.fileHandleForReading.readDataToEndOfFile()).accessToken

        let count = Int(ProcessInfo.processInfo.environment["EMULATOR_BENCH_REQUESTS"] ?? "") ?? 2000
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("emulator-bench-\(server.port).curl")
        var lines = ["header = \"Authorization: Bearer \(token)\"", "silent", "write-out = \"%{http_code}\\n\""]
        for page in 0..<count {
            lines.append("url = \"\(server.baseURL)/api/v2/routing/queues?pageSize=100&pageNumber=\(page % 20 + 1)\"")
            lines.append("output = \"/dev/null\"")
        }
        try lines.joined(separator: "\n").write(to: config, atomically: true, encoding: .utf8)
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        curl.arguments = ["--config", config.path]
        let out = Pipe()
        curl.standardOutput = out
        let start = ContinuousClock.now
        try curl.run()
        let codes = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n")
        curl.waitUntilExit()
        let elapsed = ContinuousClock.now - start
        await server.stop()
        let rate = Double(count) / elapsed.seconds
        print("BENCH \(count) x GET /api/v2/routing/queues?pageSize=100 over one keep-alive connection: \(elapsed) → \(Int(rate)) req/s")
        #expect(codes.count == count && codes.allSatisfy { $0 == "200" })
    }
}
