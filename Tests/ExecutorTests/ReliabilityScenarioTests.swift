import EmulatorCore
import Foundation
import GenesysClient
import GenesysWire
@testable import Executor
import Synchronization
import Testing

/// Failures that are the platform's, not the user's, are reported as such; and every step the
/// client takes to survive them is visible in the log and counted in run.json.
@Suite("reliability: error classes and resilience events")
struct ReliabilityScenarioTests {
    static let devBody = """
        refresh: {scope: [ARCHITECT, ROUTING], description: nightly}
        gates: {validateFlows: {flows: all}}
        """

    @Test(arguments: [FaultKind.rateLimitBurst(count: 50, retryAfterSeconds: 2), FaultKind.serviceUnavailableRun(count: 50)])
    func aPlatformStormOnTheTokenCheckIsAnAPIErrorNotACredentialsProblem(_ kind: FaultKind) async throws {
        let storm = FaultRule(kind: kind, match: FaultMatch(path: "/api/v2/tokens/me"))
        let h = Harness(faults: FaultPlan(rules: [storm]))
        let report = try await h.run(Self.devBody)
        #expect(report.outcome == .apiError, "\(report.state.failureMessage ?? "")")
        #expect(report.outcome.exitCode == 10)
        let message = report.state.failureMessage ?? ""
        #expect(message.contains("GET /api/v2/tokens/me") && message.contains("not because of the credentials"), "\(message)")
        #expect(h.emulator.refreshes(sandboxId: Harness.sandboxId).isEmpty, "nothing was submitted")
    }

    @Test func refusedCredentialsAreStillAPreflightFailure() async throws {
        let h = Harness()
        let report = try await h.run(Self.devBody, sandboxCredentials: ClientCredentials(clientId: "nobody", clientSecret: "wrong"))
        #expect(report.outcome == .preflightFailed)
        #expect(report.state.failureMessage?.contains("credentials") == true)
    }

    @Test func retriesRateLimitsAndBreakerChangesAreReportedAndCounted() async throws {
        let limited = FaultRule(kind: .rateLimitBurst(count: 2, retryAfterSeconds: 3), match: FaultMatch(path: "/api/v2/sandboxes/*/refreshes/*", method: "GET"))
        let storm = FaultRule(kind: .serviceUnavailableRun(count: 4), match: FaultMatch(path: "/api/v2/sandboxes/*/refreshes/*", method: "GET"))
        let h = Harness(faults: FaultPlan(rules: [limited, storm]))
        let seen = Mutex<[ResilienceEvent]>([])
        let report = try await h.run(graph: try h.graph(Self.devBody), observer: { event in seen.withLock { $0.append(event) } })
        #expect(report.outcome == .success)
        let events = seen.withLock { $0 }
        let rateLimited = events.filter { $0.name == "api.rate-limited" }
        #expect(!rateLimited.isEmpty, "\(events.map(\.name))")
        if case .retry(let endpoint, let status, _, let wait, let correlationId) = try #require(rateLimited.first) {
            #expect(endpoint.hasPrefix("GET /api/v2/sandboxes/") && status == 429 && wait == .seconds(3))
            #expect(correlationId != nil, "the correlation id is carried")
        }
        #expect(events.contains { $0.name == "api.retry" })
        #expect(events.contains { $0.name == "api.circuit-breaker" })
        let sandbox = try #require(report.summary.resilience["sandbox"])
        #expect(sandbox.rateLimited429 == 2 && sandbox.rateLimitWaitSeconds == 6)
        #expect(sandbox.retries >= 5 && sandbox.breakerOpenings >= 1, "\(sandbox)")
        let json = try String(contentsOf: report.artifactsDirectory.appendingPathComponent("run.json"), encoding: .utf8)
        #expect(json.contains("\"resilience\"") && json.contains("\"rateLimited429\" : 2"), "counted in run.json")
    }

    @Test func theArtifactsDirectoryIsPerSandboxAndRunAndNeverOutsideTheRoot() async throws {
        let h = Harness()
        let report = try await h.run(Self.devBody, runId: "gh-1")
        #expect(report.artifactsDirectory.path.hasSuffix("/\(Harness.sandboxId)/gh-1"))
        #expect(FileManager.default.fileExists(atPath: report.artifactsDirectory.appendingPathComponent("run.json").path))
        // A library caller that skips run id validation still cannot write outside the root.
        let escape = try await Harness().run(Self.devBody, runId: "../../escape")
        #expect(escape.artifacts.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: h.artifacts.deletingLastPathComponent().appendingPathComponent("escape").path))
    }
}
