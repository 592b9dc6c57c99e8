import PlanGraph
import RefreshPlan
import Testing

/// Where the hardening step sits: after each completed refresh (after its restore), before its gates.
@Suite struct HardenStepTests {
    @Test func itFollowsEachCompletedRefreshAndPrecedesItsGates() throws {
        let graph = try Fixture.compile("specs/compliance-audit.yaml")
        let ids = graph.nodes.map(\.id)
        let harden = try #require(ids.firstIndex(of: "harden.primary"))
        #expect(ids[harden - 1] == "poll.primary")
        #expect(harden < ids.firstIndex(of: "validate-flows.primary")!)
        #expect(ids.firstIndex(of: "isolation")! > ids.firstIndex(of: "trunk-isolation")!)
        #expect(graph.edges.contains { $0.from == "trunk-isolation" && $0.to == "isolation" && $0.condition == .gateFailed })
        let dev = try Fixture.compile("specs/dev.yaml")
        guard case .harden(_, let settings)? = dev.node("harden.primary")?.step else {
            Issue.record("dev hardens")
            return
        }
        #expect(settings.campaignAllow == [] && settings.triggerAllow == [] && settings.integrations.isEmpty && settings.credentials.isEmpty)
    }

    @Test func theExpansionRoundIsHardenedBeforeItsValidation() throws {
        let graph = try Fixture.plan("""
            sandbox: {id: sbx-1, credentials: {clientId: "${env:S_ID}", clientSecret: "${env:S_SECRET}"}}
            refresh: {scope: [ARCHITECT]}
            gates: {validateFlows: {flows: all}}
            scopeExpansion: [{when: missing-routing-reference, add: [ROUTING]}]
            preserve: ["flow:DEV-*"]
            harden: {campaigns: {stop: true}, credentials: [{name: x, fields: [{field: password, value: "${env:X}"}]}]}
            """)
        func edge(_ from: String, _ to: String) -> Bool { graph.edges.contains { $0.from == from && $0.to == to && $0.condition == .success } }
        #expect(edge("poll.expansion", "restore.expansion") && edge("restore.expansion", "harden.expansion") && edge("harden.expansion", "validate-flows.expansion"))
        #expect(edge("restore.primary", "harden.primary") && edge("harden.primary", "validate-flows.primary"))
        // The expansion round copies no ADMIN: credentials are not written again.
        guard case .harden(_, let settings)? = graph.node("harden.expansion")?.step else {
            Issue.record("no harden.expansion")
            return
        }
        #expect(settings.credentials.isEmpty && settings.campaignAllow == [])
    }
}
