import Executor
import Foundation
import GenesysWire
import Testing

/// `sandbox-refresh check`, the real binary: against its own in-process emulator, and against a
/// shared `emulator` process whose record of every request received is the witness that only
/// reads were sent.
@Suite("check, the binary", .timeLimit(.minutes(3)))
struct CheckProcessTests {
    @Test func checkAgainstTheBuiltInEmulatorIsReadyAndSaysWhatItSent() async throws {
        let bench = try Bench()
        defer { bench.cleanUp() }
        let child = try Child(binary: bench.binary, arguments: ["check", Bench.plan, "--emulate"], directory: bench.directory, name: "check-emulate")
        defer { child.kill() }
        let lines = await child.readLines { _ in false }
        let ended = await child.exit()
        let text = lines.joined(separator: "\n")
        #expect(ended.reason == .exit && ended.status == 0, "exit \(ended); stdout: \(text); stderr: \(child.stderr)")
        #expect(text.contains("read-only: nothing was changed"))
        #expect(text.contains("'production' (id ") && text.contains("'sandbox-dev-01' (id "))
        #expect(text.contains("submit: no active refresh on sandbox-dev-01"))
        #expect(text.contains("Flow validation (architect-validate)"))
        let sent = try #require(lines.first { $0.hasPrefix("This check sent ") })
        #expect(sent.hasSuffix("GET, 2 login."), "\(sent)")
        #expect(text.contains("✓ Ready: apply would run (exit 0)"))
        #expect(!text.contains("clientSecret") && !child.stderr.contains("Bearer"))
    }

    @Test func checkAgainstASharedEmulatorSendsOnlyReads() async throws {
        let bench = try Bench()
        defer { bench.cleanUp() }
        let emulator = try await bench.startEmulator(scale: 30)
        defer { emulator.kill() }
        let child = try Child(binary: bench.binary, arguments: ["check", Bench.plan, "--emulator", emulator.url, "--json"], directory: bench.directory, name: "check-json")
        defer { child.kill() }
        let lines = await child.readLines { _ in false }
        let ended = await child.exit()
        #expect(ended.reason == .exit && ended.status == 0, "exit \(ended); stderr: \(child.stderr)")
        let report = try WireCoding.decode(CheckReport.self, from: Data(lines.joined(separator: "\n").utf8))
        #expect(report.verdict == .ready && report.readOnly && report.lock?.decision == "submit")

        // The platform's side: every request the emulated API received was a GET or a login.
        let answer = try await httpGet(emulator.url + "/emulator/requests")
        let received = try WireCoding.decode([RequestLine].self, from: answer.body)
        #expect(received.count == report.requestsSent.count, "\(received.map { "\($0.method) \($0.path)" })")
        let methods = Set(received.map { $0.method == "POST" && $0.path == "/oauth/token" ? "login" : $0.method })
        #expect(methods == ["GET", "login"], "\(received.map { "\($0.method) \($0.path)" })")
        #expect(try await emulator.submissions().isEmpty)
    }

    @Test func anInvalidPlanExitsTwo() async throws {
        let bench = try Bench()
        defer { bench.cleanUp() }
        let broken = bench.directory.appendingPathComponent("broken.yaml")
        try "version: 1\nname: broken\nrefresh:\n  scop: [ROUTING]\n".write(to: broken, atomically: true, encoding: .utf8)
        let child = try Child(binary: bench.binary, arguments: ["check", broken.path, "--emulate"], directory: bench.directory, name: "check-broken")
        defer { child.kill() }
        _ = await child.readLines { _ in false }
        let ended = await child.exit()
        #expect(ended.reason == .exit && ended.status == 2, "exit \(ended); stderr: \(child.stderr)")
    }

    struct RequestLine: Decodable {
        var method: String
        var path: String
    }
}
