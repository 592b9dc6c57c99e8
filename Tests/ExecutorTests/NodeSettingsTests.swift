import Foundation
@testable import Executor
import PlanGraph
import Testing

/// Handlers read their node, never the plan: a setting changed on the compiled graph (and
/// nowhere else) changes what the run does.
@Suite struct NodeSettingsTests {
    static let body = """
        refresh: {scope: [ARCHITECT, ROUTING], description: nightly}
        """

    /// Replaces the step of node `id`.
    static func replacing(_ id: String, in graph: PlanGraph, with step: (Step) -> Step) throws -> PlanGraph {
        var graph = graph
        let index = try #require(graph.nodes.firstIndex { $0.id == id })
        graph.nodes[index].step = step(graph.nodes[index].step)
        #expect(graph.nodes[index].id == id, "the node keeps its id, so its edges still apply")
        return graph
    }

    @Test func theLockStepFollowsItsNodesPolicy() async throws {
        // The plan waits for a foreign refresh (the default); the lock node is told to fail.
        let h = Harness()
        h.emulator.startManualRefresh(sandboxId: Harness.sandboxId, description: "Refresh started by admin", scope: "ARCHITECT")
        let graph = try Self.replacing("lock", in: try h.graph(Self.body)) { step in
            guard case .lock(var policy) = step else { return step }
            #expect(policy.onForeignRefresh == .wait)
            policy.onForeignRefresh = .fail
            return .lock(policy)
        }
        let report = try await h.run(graph: graph)
        #expect(report.outcome == .lockNotAcquired, "\(report.state.failureMessage ?? "")")
        #expect(report.state.failureMessage?.contains("lock.onForeignRefresh is 'fail'") == true)
        #expect(h.emulator.submissions(sandboxId: Harness.sandboxId).isEmpty)
    }

    @Test func thePollStepFollowsItsNodesScheduleAndJitter() async throws {
        // The plan polls from 15 s, doubling, with full jitter; the poll node is told: every 45 s, no jitter.
        let h = Harness()
        let every45 = PollingSettings(initialInterval: .seconds(45), multiplier: 1, maxInterval: .seconds(45), jitter: .none)
        let graph = try Self.replacing("poll.primary", in: try h.graph(Self.body)) { step in
            guard case .poll(let chain, var schedule) = step else { return step }
            #expect(schedule.policy.jitter == .full)
            schedule.policy = every45
            return .poll(chain, schedule: schedule)
        }
        let report = try await h.run(graph: graph)
        #expect(report.outcome == .success, "\(report.state.failureMessage ?? "")")
        let polls = h.events.filter { $0.event == "poll" && $0.step == "poll.primary" }.map(\.elapsed)
        #expect(polls.count >= 2)
        let gaps = zip(polls, polls.dropFirst()).map { $1 - $0 }
        // Before progress gives a rate, the wait is the node's backoff, unjittered: 45 s (the
        // plan's would be its 30 s second step, jittered).
        #expect(abs((gaps.first ?? 0) - 45) < 0.01, "waits \(gaps)")
        // Progress may aim a wait earlier, never past the node's 45 s cap (the plan's is 120 s).
        #expect(gaps.allSatisfy { $0 <= 45.01 }, "waits \(gaps)")

        // The same plan with its node untouched polls on the plan's schedule.
        let control = Harness()
        _ = try await control.run(Self.body)
        let planPolls = control.events.filter { $0.event == "poll" && $0.step == "poll.primary" }.map(\.elapsed)
        let planGaps = zip(planPolls, planPolls.dropFirst()).map { $1 - $0 }
        #expect((planGaps.first ?? 45) < 45, "waits \(planGaps)")
    }

    @Test func theExpansionLoopBoundIsTheNodes() throws {
        // `maxTimes` is computed once by the compiler: the validate node and the loop edge agree.
        let h = Harness()
        let graph = try h.graph("""
            refresh: {scope: [ARCHITECT]}
            gates: {validateFlows: {flows: all}}
            scopeExpansion: [{when: missing-routing-reference, add: [ROUTING], maxTimes: 3}]
            """)
        guard case .validateFlows(_, let gate)? = graph.node("validate-flows.expansion")?.step else { Issue.record("no expansion branch"); return }
        #expect(gate.maxExpansions == 3)
        let loop = graph.successors(of: "validate-flows.expansion").first { $0.to == "submit.expansion" }
        #expect(loop?.limit == gate.maxExpansions - 1)
    }
}
