import Foundation
import Testing

/// Proxies and trust as a deployment sees them: the built binary, a real CONNECT proxy on
/// loopback, the emulator behind it.
@Suite("network: proxies and CA bundles, as a process", .serialized)
struct NetworkProcessTests {
    /// `check` against a running emulator, with `environment` added.
    static func check(_ bench: Bench, plan: String = Bench.plan, emulator: String, environment: [String: String]) async throws -> (status: Int32, stderr: String, stdout: String) {
        let child = try Child(binary: bench.binary, arguments: ["check", plan, "--emulator", emulator, "--json"],
                              directory: bench.directory, name: "check-\(UUID().uuidString.prefix(4))", environment: environment)
        defer { child.kill() }
        let lines = await child.readLines(cap: 100_000) { _ in false }
        let exit = await child.exit()
        return (exit.status, child.stderr, lines.joined(separator: "\n"))
    }

    static let noProxyEnvironment = ["HTTPS_PROXY": "", "https_proxy": "", "HTTP_PROXY": "", "http_proxy": "", "NO_PROXY": "", "no_proxy": "", "SSL_CERT_FILE": ""]

    @Test func checkGoesThroughHTTPSProxyUnlessNoProxyMatches() async throws {
        let bench = try Bench()
        defer { bench.cleanUp() }
        let emulator = try await bench.startEmulator(scale: 50)
        defer { emulator.kill() }
        let proxy = try ConnectProxy()
        defer { proxy.stop() }
        let target = try #require(URL(string: emulator.url)).port.map { "127.0.0.1:\($0)" } ?? ""

        var environment = Self.noProxyEnvironment
        environment["HTTPS_PROXY"] = "http://127.0.0.1:\(proxy.port)"
        let proxied = try await Self.check(bench, emulator: emulator.url, environment: environment)
        #expect(proxied.status == 0, "check through the proxy: \(proxied.stderr)")
        #expect(proxy.requestLines.contains("CONNECT \(target) HTTP/1.1"), "the proxy saw \(proxy.requestLines)")

        let before = proxy.requestLines.count
        for bypass in ["127.0.0.1", "*", "localhost,.example.com, 127.0.0.1:\(target.split(separator: ":").last!)"] {
            environment["NO_PROXY"] = bypass
            let direct = try await Self.check(bench, emulator: emulator.url, environment: environment)
            #expect(direct.status == 0, "NO_PROXY=\(bypass): \(direct.stderr)")
        }
        #expect(proxy.requestLines.count == before, "NO_PROXY hosts go direct: \(proxy.requestLines.dropFirst(before))")
    }

    @Test func applyAgainstTheEmulatorGoesThroughThePlansProxy() async throws {
        let bench = try Bench()
        defer { bench.cleanUp() }
        let emulator = try await bench.startEmulator(scale: 400)
        defer { emulator.kill() }
        let proxy = try ConnectProxy()
        defer { proxy.stop() }
        let plan = try bench.variantPlan(name: "proxied", replacing: ["sandbox:\n": "network: {proxy: \"http://127.0.0.1:\(proxy.port)\"}\nsandbox:\n"])
        let child = try Child(binary: bench.binary, arguments: ["apply", plan, "--emulator", emulator.url, "--yes", "--log-format", "json",
                                                               "--journal", bench.journal, "--run-id", bench.runId("proxy")],
                              directory: bench.directory, name: "apply-proxy", environment: Self.noProxyEnvironment)
        defer { child.kill() }
        child.drain()
        let exit = await child.exit()
        #expect(exit.status == 0, "apply through the plan's proxy: \(child.stderr)")
        let target = try #require(URL(string: emulator.url)).port.map { "127.0.0.1:\($0)" } ?? ""
        #expect(proxy.requestLines.contains("CONNECT \(target) HTTP/1.1"), "the proxy saw \(proxy.requestLines)")

        // `proxy: none` wins over the environment.
        let direct = try bench.variantPlan(name: "direct", replacing: ["sandbox:\n": "network: {proxy: none}\nsandbox:\n"])
        var environment = Self.noProxyEnvironment
        environment["HTTPS_PROXY"] = "http://127.0.0.1:1"  // nothing listens: a proxied request would fail
        let before = proxy.requestLines.count
        let checked = try await Self.check(bench, plan: direct, emulator: emulator.url, environment: environment)
        #expect(checked.status == 0, "network.proxy: none ignores HTTPS_PROXY: \(checked.stderr)")
        #expect(proxy.requestLines.count == before)
    }

    @Test func anUnreadableCABundleIsAnInvalidPlanNamingThePath() async throws {
        let bench = try Bench()
        defer { bench.cleanUp() }
        let emulator = try await bench.startEmulator(scale: 50)
        defer { emulator.kill() }
        let missing = bench.directory.appendingPathComponent("no-such-ca.pem").path
        let notPEM = bench.directory.appendingPathComponent("not-a-ca.pem")
        try "not a certificate\n".write(to: notPEM, atomically: true, encoding: .utf8)
        for (bundle, words) in [(missing, "cannot be read"), (notPEM.path, "PEM")] {
            let plan = try bench.variantPlan(name: "ca-\(UUID().uuidString.prefix(4))", replacing: ["sandbox:\n": "network: {caBundle: \"\(bundle)\"}\nsandbox:\n"])
            let result = try await Self.check(bench, plan: plan, emulator: emulator.url, environment: Self.noProxyEnvironment)
            #expect(result.status == 2, "a bad CA bundle is an invalid plan: \(result.stderr)")
            #expect(result.stderr.contains("network.caBundle \(bundle)") && result.stderr.contains(words), "\(result.stderr)")
        }
        // SSL_CERT_FILE is read the same way when the plan names no bundle.
        var environment = Self.noProxyEnvironment
        environment["SSL_CERT_FILE"] = missing
        let fromEnvironment = try await Self.check(bench, emulator: emulator.url, environment: environment)
        #expect(fromEnvironment.status == 2 && fromEnvironment.stderr.contains("SSL_CERT_FILE \(missing)"), "\(fromEnvironment.stderr)")
    }

    @Test func aValidPEMBundleIsLoadedAndTheRunProceeds() async throws {
        let bench = try Bench()
        defer { bench.cleanUp() }
        let pem = bench.directory.appendingPathComponent("ca.pem")
        // A throwaway self-signed CA, made offline; skipped where openssl is missing.
        let openssl = ["/usr/bin/openssl", "/usr/local/bin/openssl", "/opt/homebrew/bin/openssl"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let openssl else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: openssl)
        process.arguments = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=sandbox-refresh test CA",
                             "-keyout", bench.directory.appendingPathComponent("ca.key").path, "-out", pem.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "openssl made a CA")
        let emulator = try await bench.startEmulator(scale: 50)
        defer { emulator.kill() }
        let plan = try bench.variantPlan(name: "ca-ok", replacing: ["sandbox:\n": "network: {caBundle: \"\(pem.path)\"}\nsandbox:\n"])
        let result = try await Self.check(bench, plan: plan, emulator: emulator.url, environment: Self.noProxyEnvironment)
        #expect(result.status == 0, "a valid CA bundle is loaded and the check runs: \(result.stderr)")
    }
}
