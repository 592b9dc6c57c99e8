import EmulatorCore
import Executor
import Foundation
import RunJournal
import Synchronization
import Testing

/// The process dies at every journaled point of an emulated refresh; a new process (new journal
/// connection, new clients) resumes from the same journal (a SQLite file, or a PostgreSQL server
/// reached from another "host") against the same platform. Each
/// case must end like the uninterrupted run, with no refresh submitted twice, checked against
/// the emulator's own record of accepted submissions.
@Suite("crash and resume at every journaled point")
struct CrashResumeTests {
    struct Scenario: Sendable, CustomTestStringConvertible {
        var name: String
        var body: String
        var faults: FaultPlan
        var expected: RunOutcome
        var submissions: Int
        var testDescription: String { name }
    }

    static let scenarios = [
        Scenario(name: "refresh completes", body: JournalHarness.devBody, faults: .none, expected: .success, submissions: 1),
        Scenario(name: "refresh fails on the platform", body: JournalHarness.devBody,
                 faults: FaultPlan(rules: [FaultRule(kind: .jobFails(errorMessage: "Dependency import error"))]), expected: .refreshFailed, submissions: 1),
        Scenario(name: "validation expands the scope once", body: """
            refresh: {scope: [ARCHITECT]}
            gates: {validateFlows: {flows: all}}
            scopeExpansion: [{when: missing-routing-reference, add: [ROUTING], maxTimes: 1}]
            """, faults: .none, expected: .success, submissions: 2),
    ]

    /// Every write of an uninterrupted run, in order: the crash points.
    static func crashPoints(_ scenario: Scenario) async throws -> [String] {
        let h = JournalHarness(faults: scenario.faults)
        let counter = Mutex<CountingJournal?>(nil)
        let result = try await h.apply(try h.graph(scenario.body), proposedRunId: "clean") { inner in
            let counting = CountingJournal(inner)
            counter.withLock { $0 = counting }
            return counting
        }
        #expect(result.report?.outcome == scenario.expected, "the uninterrupted run")
        #expect(h.submissionCount == scenario.submissions)
        return try #require(counter.withLock { $0 }).written
    }

    @Test(arguments: scenarios, JournalBackend.enabled)
    func killedAtEachJournaledPointResumesToTheSameOutcomeWithoutResubmitting(_ scenario: Scenario, _ backend: JournalBackend) async throws {
        let points = try await Self.crashPoints(scenario)
        #expect(points.contains("request.about-to-send") && points.contains("refresh.id") && points.contains("status"))
        for survivors in 0..<points.count {
            let h = JournalHarness(faults: scenario.faults, backend: backend)
            let graph = try h.graph(scenario.body)
            let where_ = "killed at write \(survivors + 1) of \(points.count) (\(points[survivors]))"
            // The first process: its lock row names a pid that no longer exists once it is "killed".
            let first = try await Task {
                try await h.apply(graph, proposedRunId: "run-a", holder: deadHolder) { CrashAfter(survivors, $0) }
            }.value
            let crashedReport = try #require(first.report)
            if points[survivors] != "outcome" {
                #expect(crashedReport.outcome == .journalFailed, "\(where_)")
            }
            // The next invocation (cron again, with a new proposed id) finds the run unfinished.
            let second = try await h.apply(graph, proposedRunId: "run-b")
            let report = try #require(second.report, "\(where_)")
            #expect(report.outcome == scenario.expected, "\(where_): \(report.state.failureMessage ?? "")")
            #expect(h.submissionCount == scenario.submissions, "\(where_): \(h.submissionCount) submissions")
            if survivors == 0 {
                #expect(!second.resumed && report.summary.runId == "run-b", "nothing was journaled: a fresh run")
            } else {
                #expect(second.resumed && report.summary.runId == "run-a", "\(where_): resumes the same run id")
            }
            let journal = try await h.openStore()
            #expect(try await journal.unfinishedRun(planName: graph.settings.planName, sandboxId: graph.settings.sandboxId, emulated: false) == nil, "\(where_)")
            #expect(try await journal.run(report.summary.runId, sandboxId: nil)?.outcome == scenario.expected)
            #expect(try await journal.lock(sandboxId: JournalHarness.sandboxId) == nil, "the lock is released after the resumed run")
            // Every platform refresh tagged with this run is one the journal knows.
            let known = Set(try await journal.refreshIds(runId: report.summary.runId, sandboxId: nil))
            #expect(known == Set(h.emulator.submissions(sandboxId: JournalHarness.sandboxId).map(\.id)), "\(where_)")
            await journal.close()
        }
    }

    @Test func resumeRunIdResumesThatRunAndRefusesFinishedOnes() async throws {
        let h = JournalHarness()
        let graph = try h.graph()
        // Killed right after the submission left, before its id was journaled.
        let points = try await Self.crashPoints(CrashResumeTests.scenarios[0])
        let afterSend = try #require(points.firstIndex(of: "request.about-to-send")) + 1
        _ = try await Task { try await h.apply(graph, proposedRunId: "run-a", holder: deadHolder) { CrashAfter(afterSend, $0) } }.value
        #expect(h.submissionCount == 1, "the submission reached the platform")
        let resumed = try await h.apply(graph, proposedRunId: "ignored", onlyRunId: "run-a")
        #expect(resumed.report?.outcome == .success)
        #expect(resumed.report?.state.refreshIds.count == 1)
        #expect(h.submissionCount == 1, "reconciled by listing the run's refreshes, not resent")
        await #expect(throws: JournaledApply.Failure.self) {
            _ = try await h.apply(graph, proposedRunId: "ignored", onlyRunId: "run-a")
        }
    }
}

@Suite("stale jobs of failed runs")
struct StaleRunTests {
    /// Run A times out and leaves its job running; run B of another plan on the same sandbox,
    /// with `abort-if-stale`, aborts A's job (A is known to have given up) and submits its own.
    @Test func aJobLeftByARunThatTimedOutIsAbortedByTheNextRunUnderAbortIfStale() async throws {
        let h = JournalHarness()
        let short = try h.graph("""
            refresh: {scope: [ARCHITECT, ROUTING], description: nightly, maxWait: 2m}
            lock: {onForeignRefresh: abort-if-stale}
            """, name: "first-plan")
        let first = try await h.apply(short, proposedRunId: "first")
        try #require(first.report?.outcome == .timedOut, "\(first.report?.state.failureMessage ?? "")")
        let second = try await h.apply(try h.graph("""
            refresh: {scope: [ARCHITECT, ROUTING], description: nightly}
            lock: {onForeignRefresh: abort-if-stale}
            """, name: "second-plan"), proposedRunId: "second")
        #expect(second.report?.outcome == .success, "\(second.report?.state.failureMessage ?? "")")
        #expect(second.report?.state.abortedForeignRefreshes == first.report?.state.refreshIds)
        #expect(h.submissionCount == 2)
    }
}
