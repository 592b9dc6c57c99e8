import Impact
import PlanGraph
import RefreshPlan
import Testing

/// The impact step: where it sits, what it covers and what protection it carries.
@Suite struct ImpactStepTests {
    func impact(_ graph: PlanGraph) throws -> ImpactSettings {
        guard case .impact(let settings)? = graph.node("impact")?.step else {
            Issue.record("no impact step")
            throw NoImpactStep()
        }
        return settings
    }

    @Test func itComesBeforeAnythingChangesAndAfterTheScan() throws {
        let graph = try Fixture.compile("specs/qa.yaml")
        let ids = graph.nodes.map(\.id)
        let at = try #require(ids.firstIndex(of: "impact"))
        #expect(at > ids.firstIndex(of: "dependency-scan")!)
        #expect(at < ids.firstIndex(of: "submit.primary")!)
        #expect(graph.edges.contains { $0.from == "impact" && $0.to == "artifacts" && $0.condition == .failure })
    }

    @Test func itCoversTheWidestScopeTheRunCanReach() throws {
        // qa copies ARCHITECT, but drift and a missing routing reference can add ROUTING.
        let settings = try impact(Fixture.compile("specs/qa.yaml"))
        #expect(settings.widestScope.wireValue == "ROUTING,ARCHITECT")
        #expect(settings.coverage.map(\.kind) == [.queue, .skill, .wrapupCode, .flow, .dataTable, .schedule, .scheduleGroup])
        #expect(settings.coverage.first { $0.kind == .queue }?.domain == .ROUTING)
        #expect(settings.protection.mode == .snapshot)
    }

    @Test func usersAreComparedOnlyWhenTheRefreshReplacesThem() throws {
        let kept = try impact(Fixture.plan("""
            sandbox: {id: sbx-1, credentials: {clientId: "${env:S_ID}", clientSecret: "${env:S_SECRET}"}}
            refresh: {scope: [ROUTING, ADMIN], preserveSandboxUsers: true}
            masking: {maskPii: true}
            gates: {piiScan: {sources: [externalContacts], detectors: [ssn], failOn: any}}
            """))
        #expect(!kept.coverage.contains { $0.kind == .user })
        let replaced = try impact(Fixture.plan("""
            sandbox: {id: sbx-1, credentials: {clientId: "${env:S_ID}", clientSecret: "${env:S_SECRET}"}}
            refresh: {scope: [ROUTING, ADMIN], preserveSandboxUsers: false}
            masking: {maskPii: true}
            gates: {piiScan: {sources: [externalContacts], detectors: [ssn], failOn: any}}
            """))
        #expect(replaced.coverage.contains { $0.kind == .user && $0.domain == .ADMIN })
        #expect(!replaced.coverage.contains { $0.kind == .trunk })
        let all = try impact(Fixture.compile("specs/compliance-audit.yaml"))
        #expect(all.coverage.contains { $0.kind == .trunk })
        #expect(all.coverage.contains { $0.kind == .dataTableRows && $0.domain == .ICM })
    }

    @Test func protectionComesFromThePlan() throws {
        let graph = try Fixture.plan("""
            sandbox: {id: sbx-1, credentials: {clientId: "${env:S_ID}", clientSecret: "${env:S_SECRET}"}}
            refresh: {scope: [ARCHITECT]}
            protection: {onRisk: refuse, exempt: ["flow:SCRATCH-*", "TMP-*"]}
            """)
        let settings = try impact(graph)
        #expect(settings.protection.mode == .refuse)
        #expect(settings.protection.exempt.map(\.description) == ["flow:SCRATCH-*", "TMP-*"])
        let node = try #require(graph.node("impact"))
        #expect(node.onFailure.contains("exit 9"))
        #expect(node.requests.contains { $0.request.path == "/api/v2/flows/{flowId}/latestconfiguration" })
    }

    @Test func anExemptGlobWithAnUnknownKindIsRefusedWithItsLocation() {
        let result = PlanLoader(environment: [:]).load(text: """
            version: 1
            name: glob-test
            production: {region: mypurecloud.com, credentials: {clientId: "${env:P}", clientSecret: "${env:PS}"}}
            sandbox: {id: sbx-1, credentials: {clientId: "${env:S_ID}", clientSecret: "${env:S_SECRET}"}}
            refresh: {scope: [ARCHITECT]}
            protection: {exempt: ["flows:SCRATCH-*"]}
            """, path: "inline.yaml")
        let error = result.diagnostics.first { $0.severity == .error }
        #expect(error?.message.contains("protection.exempt") == true)
        #expect(error?.mark?.line == 6)
    }

    @Test func theKindsThePlanAcceptsAreTheImpactsKinds() {
        #expect(Protection.kinds == ImpactKind.allCases.map(\.rawValue))
    }
}
struct NoImpactStep: Error {}
