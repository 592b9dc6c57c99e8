import EmulatorCore
import Foundation
import GenesysWire
@testable import Executor
import PlanGraph
import Testing

/// `gates.validateFlows.method: validate-jobs`: the platform's asynchronous validation jobs, as
/// the plan shows them and as apply sends them.
@Suite("flow validation through validation jobs")
struct ValidationJobsTests {
    @Test func theHappyPathUsesJobsOnly() async throws {
        let h = Harness()
        let graph = try h.graph("""
            refresh: {scope: [ARCHITECT, ROUTING]}
            gates: {validateFlows: {flows: all, method: validate-jobs, batchSize: 25}}
            """)
        let node = try #require(graph.node("validate-flows.primary"))
        #expect(node.requests.map(\.request.path).contains("/api/v2/flows/validate/jobs"))
        #expect(node.requests.map(\.request.path).contains("/api/v2/flows/validate/jobs/{jobId}"))
        #expect(!node.requests.map(\.request.path).contains("/api/v2/architect/flows/validate"))
        #expect(node.summary.contains { $0.contains("validate-jobs") && $0.contains("10m") })
        let report = try await h.run(graph: graph)
        #expect(report.outcome == .success, "\(report.state.failureMessage ?? "")")
        let log = h.emulator.requestLog()
        let flows = h.emulator.world.sandbox(Harness.sandboxId)!.flows.count
        #expect(log.filter { $0.method == "POST" && $0.path == "/api/v2/flows/validate/jobs" }.count == (flows + 24) / 25)
        #expect(log.contains { $0.method == "GET" && $0.path.hasPrefix("/api/v2/flows/validate/jobs/") && $0.path.hasSuffix("expand=messages") })
        #expect(!log.contains { $0.path.hasPrefix("/api/v2/architect/flows/validate") })
        #expect(report.state.validatedFlows == flows)
    }

    @Test func missingRoutingReferencesReadFromJobMessagesTakeTheExpansionBranch() async throws {
        let h = Harness()
        let report = try await h.run("""
            refresh: {scope: [ARCHITECT]}
            gates: {validateFlows: {flows: all, method: validate-jobs}}
            scopeExpansion: [{when: missing-routing-reference, add: [ROUTING], maxTimes: 1}]
            """)
        #expect(report.outcome == .success, "\(report.state.failureMessage ?? "")")
        #expect(h.emulator.submissions(sandboxId: Harness.sandboxId).map(\.scope) == ["ARCHITECT", "ROUTING,ARCHITECT"])
    }

    @Test func errorsInJobMessagesFailTheGate() async throws {
        let h = Harness()
        let report = try await h.run("""
            refresh: {scope: [ARCHITECT]}
            gates: {validateFlows: {flows: all, method: validate-jobs}}
            """)
        #expect(report.outcome == .validationGateFailed)
        #expect(report.state.validationErrors.contains { $0.referenceType == "queue" && $0.referenceId != nil && $0.flowName != nil })
    }

    @Test func messagesAreReadFieldByFieldOrKeptWhole() {
        let parsed = JobMessageReading.error(from: ValidateJobMessage(dateTime: nil, type: "Error", text: "Inbound (Main) Flow (f-1): Reference 'q-9' not found [queue]"))
        #expect(parsed == FlowValidationError(severity: "ERROR", flowId: "f-1", flowName: "Inbound (Main) Flow", referenceId: "q-9", referenceType: "queue", message: "Reference 'q-9' not found"))
        let free = JobMessageReading.error(from: ValidateJobMessage(dateTime: nil, type: "Warning", text: "Something the platform says"))
        #expect(free?.severity == "WARNING" && free?.flowId == "unknown" && free?.message == "Something the platform says")
        #expect(JobMessageReading.error(from: ValidateJobMessage(dateTime: nil, type: "Error", text: "")) == nil)
        #expect(FlowValidationJobs.interval(before: 1) == .seconds(2) && FlowValidationJobs.interval(before: 5) == .seconds(15))
        #expect(FlowValidationJobs.reads(for: .seconds(20)) == 4)
    }
}
