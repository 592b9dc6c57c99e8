import Foundation
import GenesysWire
@testable import Executor
import PlanGraph
import Testing

@Suite("lock decisions")
struct LockDecisionTests {
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    func refresh(_ id: String, _ status: RefreshStatus, description: String?, ageMinutes: Double) -> Refresh {
        Refresh(id: id, sandboxId: "sb", status: status, progress: 10, scope: "ARCHITECT", description: description,
                createdDate: now.addingTimeInterval(-ageMinutes * 60), completedDate: nil, errorMessage: nil, preserveSandboxUsers: true)
    }

    func decide(_ refreshes: [Refresh], _ policy: ForeignRefreshAction, waited: Duration = .zero) -> LockDecision {
        LockDecision.decide(refreshes: refreshes, runId: "run-7", policy: LockSettings(staleAfter: .seconds(1800), onForeignRefresh: policy, waitTimeout: .seconds(3600)), now: now, waitedSoFar: waited)
    }

    @Test func finishedJobsDoNotHoldTheLock() {
        let done = refresh("r1", .completed, description: "Manual", ageMinutes: 90)
        let failed = refresh("r2", .failed, description: nil, ageMinutes: 90)
        #expect(decide([done, failed], .fail) == .free)
    }

    @Test func ourOwnActiveJobIsAdoptedNeverResubmitted() {
        let ours = refresh("r1", .inProgress, description: RunTag.describe("nightly", runId: "run-7"), ageMinutes: 5)
        #expect(decide([ours], .fail) == .adopt(ours))
    }

    @Test func anotherRunOfOursIsForeign() {
        let previous = refresh("r1", .inProgress, description: RunTag.describe("nightly", runId: "run-6"), ageMinutes: 120)
        #expect(decide([previous], .wait) == .wait(previous))
        // Tagged with a pipeline id, so never aborted as stale.
        #expect(decide([previous], .abortIfStale) == .wait(previous))
    }

    /// Guide section 4: a job that belongs to a failed pipeline run may be terminated.
    @Test func aJobTaggedByARunKnownToHaveFailedIsStaleWhateverItsAge() {
        let orphan = refresh("r1", .inProgress, description: RunTag.describe("nightly", runId: "run-6"), ageMinutes: 3)
        let expansion = refresh("r2", .inProgress, description: RunTag.describe("nightly", runId: "run-6-expanded"), ageMinutes: 3)
        let policy = LockSettings(staleAfter: .seconds(1800), onForeignRefresh: .abortIfStale, waitTimeout: .seconds(3600))
        #expect(LockDecision.decide(refreshes: [orphan], runId: "run-7", policy: policy, now: now, waitedSoFar: .zero, staleRunIds: ["run-6"]) == .abort(orphan))
        #expect(LockDecision.decide(refreshes: [expansion], runId: "run-7", policy: policy, now: now, waitedSoFar: .zero, staleRunIds: ["run-6"]) == .abort(expansion))
        #expect(LockDecision.decide(refreshes: [orphan], runId: "run-7", policy: policy, now: now, waitedSoFar: .zero, staleRunIds: ["run-5"]) == .wait(orphan),
                "a run not known to have failed is waited for")
        let waitPolicy = LockSettings(staleAfter: .seconds(1800), onForeignRefresh: .wait, waitTimeout: .seconds(3600))
        #expect(LockDecision.decide(refreshes: [orphan], runId: "run-7", policy: waitPolicy, now: now, waitedSoFar: .zero, staleRunIds: ["run-6"]) == .wait(orphan),
                "only abort-if-stale aborts")
    }

    @Test func staleUntaggedManualRefreshIsAbortedOnlyWhenAllowed() {
        let manual = refresh("r1", .queued, description: "Refresh started by admin", ageMinutes: 45)
        #expect(decide([manual], .abortIfStale) == .abort(manual))
        #expect(decide([manual], .wait) == .wait(manual))
        if case .fail = decide([manual], .fail) {} else { Issue.record("fail policy did not fail") }
    }

    @Test func freshManualRefreshIsWaitedFor() {
        let manual = refresh("r1", .inProgress, description: "Refresh started by admin", ageMinutes: 10)
        #expect(decide([manual], .abortIfStale) == .wait(manual))
    }

    @Test func waitingIsBoundedByWaitTimeout() {
        let manual = refresh("r1", .inProgress, description: "Refresh started by admin", ageMinutes: 10)
        guard case .fail(_, let reason) = decide([manual], .wait, waited: .seconds(3600)) else {
            Issue.record("waiting past waitTimeout did not fail")
            return
        }
        #expect(reason.contains("r1"))
    }
}
