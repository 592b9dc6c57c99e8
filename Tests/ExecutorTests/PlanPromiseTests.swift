import EmulatorCore
import Foundation
import GenesysWire
@testable import Executor
import PlanGraph
import Testing

/// Settings a reviewer approves must do what they say, in `plan` and in `apply`.
@Suite("the plan is a promise: drift, expansion and retry settings act")
struct PlanPromiseTests {
    static func world(queues: Int, skills: Int, flows: Int) -> WorldSpec {
        var spec = WorldSpec(seed: 7, sandboxes: [Harness.sandboxId])
        spec.driftQueues = queues
        spec.driftSkills = skills
        spec.driftFlows = flows
        return spec
    }

    @Test func aDriftRuleAddsWhatItsAddListSays() async throws {
        let h = Harness(spec: Self.world(queues: 2, skills: 0, flows: 0))
        let body = """
            refresh: {scope: [ARCHITECT]}
            dependencyScan: {compare: [queues, skills], onDrift: expand-scope}
            scopeExpansion: [{when: drift, add: [ROUTING, WFM]}]
            gates: {validateFlows: {flows: all}}
            """
        let graph = try h.graph(body)
        let preview = try #require(graph.node("dependency-scan")).summary.joined(separator: " ")
        #expect(preview.contains("add ROUTING, WFM"), "\(preview)")
        let report = try await h.run(graph: graph)
        #expect(report.outcome == .success, "\(report.state.failureMessage ?? "")")
        #expect(h.emulator.submissions(sandboxId: Harness.sandboxId).map(\.scope) == ["ROUTING,ARCHITECT,WFM"])
    }

    @Test func driftInFlowsActsWhenARCHITECTIsOutsideTheScope() async throws {
        let h = Harness(spec: Self.world(queues: 0, skills: 0, flows: 3))
        let report = try await h.run("""
            refresh: {scope: [ROUTING]}
            dependencyScan: {compare: [queues, flows], onDrift: fail}
            """)
        #expect(report.outcome == .validationGateFailed)
        #expect(report.state.failureMessage?.contains("flows") == true, "\(report.state.failureMessage ?? "")")
        #expect(h.emulator.submissions(sandboxId: Harness.sandboxId).isEmpty, "failed before submitting")
    }

    @Test func driftInFlowsThatTheScopeCopiesIsRecordedAndThePreviewSaysSo() async throws {
        let h = Harness(spec: Self.world(queues: 0, skills: 0, flows: 3))
        let body = """
            refresh: {scope: [ARCHITECT, ROUTING]}
            dependencyScan: {compare: [flows], onDrift: fail}
            """
        let graph = try h.graph(body)
        #expect(try #require(graph.node("dependency-scan")).summary.joined().contains("copied by this refresh's scope: recorded only"))
        let report = try await h.run(graph: graph)
        #expect(report.outcome == .success, "\(report.state.failureMessage ?? "")")
        #expect(report.state.drift["flows"].map { $0[0] != $0[1] } == true, "the drift was seen and recorded")
    }

    @Test func flowDriftExpandsWithARCHITECTWhenNoRuleSaysOtherwise() async throws {
        let h = Harness(spec: Self.world(queues: 0, skills: 0, flows: 2))
        let report = try await h.run("""
            refresh: {scope: [ROUTING]}
            dependencyScan: {compare: [flows], onDrift: expand-scope}
            """)
        #expect(report.outcome == .success, "\(report.state.failureMessage ?? "")")
        #expect(h.emulator.submissions(sandboxId: Harness.sandboxId).map(\.scope) == ["ROUTING,ARCHITECT"])
    }
}
