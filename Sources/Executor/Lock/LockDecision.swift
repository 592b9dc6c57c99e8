import Foundation
import GenesysWire
import PlanGraph
import Timekeeping

/// Decides what to do about the sandbox's single refresh lock, from the listed refreshes.
/// Pure: the handler lists, asks, and acts.
public enum LockDecision: Sendable, Hashable {
    /// No active refresh: submit.
    case free
    /// An active refresh tagged with this run's id: poll it, never resubmit.
    case adopt(Refresh)
    /// Someone else's active refresh: wait for it, at most until `until`.
    case wait(Refresh)
    /// Someone else's stale, untagged refresh: abort it with DELETE, then look again.
    case abort(Refresh)
    case fail(Refresh, reason: String)

    /// `adoptFinished` is for a run resumed from the journal: its job may have COMPLETED or
    /// FAILED while no process watched it, and it is still this run's one refresh. A fresh run
    /// only ever adopts an active job.
    /// `staleRunIds` are runs the journal knows ended in failure or died (guide section 4: a job
    /// that "belongs to a failed pipeline run" may be terminated): under `abort-if-stale`, a job
    /// tagged by one of them is stale whatever its age.
    public static func decide(
        refreshes: [Refresh], runId: String, policy: LockSettings, now: Date, waitedSoFar: Duration, adoptFinished: Bool = false,
        staleRunIds: Set<String> = []
    ) -> LockDecision {
        let active = refreshes.filter { $0.status.isActive }
        if let ours = active.first(where: { RunTag.runId(in: $0.description) == runId }) {
            return .adopt(ours)
        }
        if adoptFinished, let ours = refreshes.filter({ RunTag.runId(in: $0.description) == runId }).max(by: { $0.createdDate < $1.createdDate }) {
            return .adopt(ours)
        }
        guard let foreign = active.first else { return .free }
        let owner = RunTag.runId(in: foreign.description).map { "run \($0)" } ?? (RunTag.carriesPipelineIdentifier(foreign.description) ? "a pipeline" : "a manual refresh")
        let age = now.timeIntervalSince(foreign.createdDate)
        switch policy.onForeignRefresh {
        case .fail:
            return .fail(foreign, reason: "refresh \(foreign.id) of \(owner) holds the sandbox (status \(foreign.status)); lock.onForeignRefresh is 'fail'")
        case .abortIfStale where age >= policy.staleAfter.seconds && !RunTag.carriesPipelineIdentifier(foreign.description):
            return .abort(foreign)
        case .abortIfStale where RunTag.runId(in: foreign.description).map { staleRunIds.contains(RunTag.owningRun(of: $0)) } == true:
            return .abort(foreign)
        case .wait, .abortIfStale:
            if waitedSoFar >= policy.waitTimeout {
                return .fail(foreign, reason: "refresh \(foreign.id) of \(owner) still holds the sandbox after waiting \(Int(waitedSoFar.seconds / 60)) min (lock.waitTimeout)")
            }
            return .wait(foreign)
        }
    }
}
