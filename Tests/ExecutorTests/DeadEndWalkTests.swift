import Foundation
import GenesysWire
@testable import Executor
import PlanGraph
import Synchronization
import Testing

/// The run-time half of the dead-end mutation (the compile-time half is PlanGraphTests'
/// DeadEndTests): with `verify` bypassed, a graph that lost an edge must end as an internal
/// error, journaled with its artifacts written, and never as a success.
@Suite("a walk gone wrong")
struct DeadEndWalkTests {
    static let devBody = """
        refresh: {scope: [ROUTING, ARCHITECT], maxWait: 4h}
        gates: {validateFlows: {flows: all}}
        """

    final class Entries: RunJournaling {
        let storage = Mutex<[JournalEntry]>([])
        func record(_ entry: JournalEntry, runId: String, at: Date) async throws { storage.withLock { $0.append(entry) } }
        var all: [JournalEntry] { storage.withLock { $0 } }
    }

    func journaledOutcome(_ journal: Entries) -> RunOutcome? {
        for entry in journal.all.reversed() { if case .outcome(let outcome, _, _, _) = entry { return outcome } }
        return nil
    }

    @Test func aStepWithNoEdgeForItsResultEndsAsAnInternalError() async throws {
        let h = Harness()
        var graph = try h.graph(Self.devBody)
        graph.edges.removeAll { $0.from == "lock" && $0.condition == .success }
        let journal = Entries()
        let report = try await h.run(graph: graph, journal: journal)
        #expect(report.outcome == .internalError)
        #expect(report.outcome.exitCode == 70)
        #expect(report.state.failureMessage?.contains("lock has no edge for its result") == true, "\(report.state.failureMessage ?? "")")
        #expect(h.emulator.submissions(sandboxId: Harness.sandboxId).isEmpty, "the walk stopped at the lock; nothing was submitted")
        #expect(journaledOutcome(journal) == .internalError)
        let run = try WireCoding.decode(RunSummary.self, from: Data(contentsOf: report.artifactsDirectory.appendingPathComponent("run.json")))
        #expect(run.outcome == "internal-error")
        #expect(run.exitCode == 70)
        #expect(Array(report.state.stepsRun.suffix(3)) == ["artifacts", "notify", "release"])
        #expect(h.events.contains { $0.event == "run.internal-error" })
    }

    @Test func aDeadEndInsideTheTailStillJournalsAndReleases() async throws {
        let h = Harness()
        var graph = try h.graph(Self.devBody)
        graph.edges.removeAll { $0.from == "artifacts" }
        let journal = Entries()
        let report = try await h.run(graph: graph, journal: journal)
        #expect(report.outcome == .internalError)
        #expect(journaledOutcome(journal) == .internalError)
        #expect(report.state.stepsRun.filter { $0 == "artifacts" }.count == 1, "artifacts are written once")
        #expect(report.state.stepsRun.last == "release")
        #expect(h.emulator.submissions(sandboxId: Harness.sandboxId).count == 1, "the refresh itself ran")
    }

    @Test func aWalkThatRunsOutOfStepsIsNotASuccess() async throws {
        let h = Harness()
        var graph = try h.graph(Self.devBody)
        // A loop no edge limit bounds: the lock's success edge back to the first preflight.
        graph.edges.removeAll { $0.from == "lock" && $0.condition == .success }
        graph.edges.append(PlanEdge("lock", "preflight.production"))
        let journal = Entries()
        let report = try await h.run(graph: graph, journal: journal)
        #expect(report.outcome == .internalError)
        #expect(report.state.failureMessage?.contains("ran out of steps") == true, "\(report.state.failureMessage ?? "")")
        #expect(journaledOutcome(journal) == .internalError)
        #expect(h.emulator.submissions(sandboxId: Harness.sandboxId).isEmpty)
    }

    @Test func anEdgeToAMissingStepIsAnInternalError() async throws {
        let h = Harness()
        var graph = try h.graph(Self.devBody)
        for index in graph.edges.indices where graph.edges[index].from == "lock" && graph.edges[index].condition == .success {
            graph.edges[index].to = "no-such-step"
        }
        let report = try await h.run(graph: graph)
        #expect(report.outcome == .internalError)
        #expect(report.state.failureMessage?.contains("no-such-step") == true)
    }
}
