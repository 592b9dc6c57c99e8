import EmulatorCore
import Foundation
import GenesysClient
import GenesysWire
@testable import Executor
import PlanGraph
import RefreshPlan
import Testing

/// `check`'s core against the emulator: what it reports, and that it only ever reads.
@Suite("live check")
struct LiveCheckTests {
    static let body = ApplyScenarioTests.devBody + "\ndependencyScan: {compare: [queues, skills], onDrift: warn}"

    func check(_ h: Harness, _ body: String = LiveCheckTests.body, sandboxCredentials: ClientCredentials? = nil, runId: String? = nil) async throws -> CheckReport {
        let recorder = RequestRecorder(InProcessTransport(emulator: h.emulator))
        let graph = try h.graph(body)
        var report = await LiveCheck.run(graph: graph, production: try h.client(.production, transport: recorder),
                                         sandbox: try h.client(.sandbox, credentials: sandboxCredentials, transport: recorder), now: h.clock.nowDate, runId: runId)
        report.requestsSent = recorder.requests
        return report
    }

    /// The emulator's own record: nothing but GETs and logins reached it, and nothing changed.
    func onlyReads(_ h: Harness) -> Bool {
        h.emulator.requestLog().allSatisfy { $0.method == "GET" || ($0.method == "POST" && $0.path == "/oauth/token") }
            && h.emulator.refreshes(sandboxId: Harness.sandboxId).allSatisfy { $0.description?.contains("Manual") == true || $0.description?.contains("admin") == true }
    }

    @Test func aReadySandboxIsReportedWithItsScopeFlowsAndEstimate() async throws {
        let h = Harness()
        let report = try await check(h)
        #expect(report.verdict == .ready && report.exitCode == 0, "\(report.problems)")
        #expect(report.organizations.map(\.role) == ["production", "sandbox"] && report.organizations.allSatisfy { $0.organizationId != nil && $0.missingScopes.isEmpty })
        #expect(report.lock?.decision == "submit")
        #expect(report.dependencyScan?.drift == true && report.scopeEffective == "ROUTING,ARCHITECT")
        let flows = h.emulator.world.production.flows.count
        #expect(report.validation?.flows == flows && report.validation?.batches == 1, "production's flows: ARCHITECT is copied")
        #expect(report.estimate?.durationSeconds == nil && report.estimate?.upperBound == true)
        #expect(report.readOnly && onlyReads(h))
        #expect(!report.requestsSent.isEmpty && h.emulator.submissions(sandboxId: Harness.sandboxId).isEmpty)
    }

    @Test func theHistoryGivesTheEstimate() async throws {
        let h = Harness()
        _ = try await h.run(ApplyScenarioTests.devBody)
        let report = try await check(h)
        let duration = try #require(report.estimate?.durationSeconds)
        #expect(duration > 60 && duration < 3600 && report.estimate?.upperBound == false)
        #expect(report.estimate?.basis.contains("median of 1 completed ROUTING,ARCHITECT refresh") == true, "\(report.estimate?.basis ?? "")")
        #expect((report.estimate?.statusRequests ?? 0) < 30)
    }

    @Test func aForeignRefreshIsReportedAndNeverTouched() async throws {
        let h = Harness()
        let manual = h.emulator.startManualRefresh(sandboxId: Harness.sandboxId, description: "Manual refresh by admin", scope: "ARCHITECT")
        let waiting = try await check(h)
        #expect(waiting.verdict == .locked && waiting.exitCode == 4)
        #expect(waiting.lock?.decision == "wait" && waiting.lock?.active.map(\.id) == [manual.id] && waiting.lock?.active.first?.owner == "a manual refresh")
        let failing = try await check(h, Self.body + "\nlock: {onForeignRefresh: fail}")
        #expect(failing.verdict == .locked && failing.lock?.decision == "fail")
        // Stale and untagged: apply would abort it; check only says so.
        h.emulator.backdate(refreshId: manual.id, by: .seconds(3 * 3600))
        let stale = try await check(h, Self.body + "\nlock: {onForeignRefresh: abort-if-stale, staleAfter: 30m}")
        #expect(stale.verdict == .ready && stale.lock?.decision == "abort", "\(stale.problems)")
        #expect(h.emulator.refreshes(sandboxId: Harness.sandboxId).first?.status.isActive == true, "check aborted nothing")
        #expect(onlyReads(h))
    }

    @Test func ourOwnRefreshWouldBeAdopted() async throws {
        let h = Harness()
        let token = RunTag.describe("nightly", runId: "ci-42")
        h.emulator.startManualRefresh(sandboxId: Harness.sandboxId, description: token, scope: "ARCHITECT")
        let report = try await check(h, runId: "ci-42")
        #expect(report.verdict == .ready && report.lock?.decision == "adopt" && report.lock?.active.first?.owner == "this run")
    }

    @Test func preflightProblemsExitThree() async throws {
        let h = Harness()
        let production = try #require(h.emulator.organization(World.productionName))
        let same = try await check(h, sandboxCredentials: ClientCredentials(clientId: production.clientId, clientSecret: production.clientSecret))
        #expect(same.verdict == .preflightProblem && same.exitCode == 3)
        #expect(same.problems.contains { $0.contains("both resolve") } && same.lock == nil)
        let weak = try #require(h.emulator.addClient(organization: Harness.sandboxId, scopes: ["sandbox:view"]))
        let scopes = try await check(h, sandboxCredentials: ClientCredentials(clientId: weak.clientId, clientSecret: weak.clientSecret))
        #expect(scopes.verdict == .preflightProblem && scopes.organizations.last?.missingScopes.contains("sandbox:refresh") == true)
        let wrong = try await check(h, sandboxCredentials: ClientCredentials(clientId: weak.clientId, clientSecret: "not-the-secret"))
        #expect(wrong.verdict == .preflightProblem, "\(wrong.problems)")
        #expect(onlyReads(h))
    }

    @Test func driftDecidesTheScopeOrTheVerdict() async throws {
        let h = Harness()
        let expand = try await check(h, """
            refresh: {scope: [ARCHITECT]}
            gates: {validateFlows: {flows: all}}
            dependencyScan: {compare: [queues, skills], onDrift: expand-scope}
            """)
        #expect(expand.verdict == .ready && expand.scopeRequested == "ARCHITECT" && expand.scopeEffective == "ROUTING,ARCHITECT")
        let fail = try await check(h, """
            refresh: {scope: [ARCHITECT]}
            dependencyScan: {compare: [queues], onDrift: fail}
            """)
        #expect(fail.verdict == .wouldFail && fail.exitCode == 7)
        let named = try await check(h, """
            refresh: {scope: [ARCHITECT, ROUTING]}
            gates: {validateFlows: {flows: [No Such Flow]}}
            """)
        #expect(named.verdict == .wouldFail && named.validation?.missingFlowNames == ["No Such Flow"])
    }
}
