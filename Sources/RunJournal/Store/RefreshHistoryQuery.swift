import Executor
import Foundation

extension JournalStore {
    /// How earlier refreshes of `sandboxId` went, by `PastRefresh.scopeKey` of their scope, newest
    /// first: from the journal's own record of each run (the submission's `refresh.id` entry and
    /// every `status` observed after it), so both backends answer alike through the protocol.
    /// Refreshes the run adopted (not submitted by it, start unknown) and ones never seen
    /// COMPLETED are left out; rehearsals (`emulated`) and real runs never mix.
    public func refreshHistory(planName: String, sandboxId: String, emulated: Bool, runsToRead: Int = 60,
                               perScope: Int = CompletionWindow.maxHistory) async throws -> [String: [PastRefresh]] {
        var result: [String: [PastRefresh]] = [:]
        let runs = try await runs(planName: planName, limit: runsToRead).filter { $0.sandboxId == sandboxId && $0.emulated == emulated }
        for run in runs {
            let found = RefreshHistoryExtractor.refreshes(in: try await entries(runId: run.id, sandboxId: sandboxId))
            // Newest first: a run's later refresh (expansion) before its earlier one.
            for (scope, refresh) in found.reversed() where result[scope, default: []].count < perScope {
                result[scope, default: []].append(refresh)
            }
        }
        return result
    }
}

/// Reads one run's entries into the refreshes it submitted and saw complete.
public enum RefreshHistoryExtractor {
    /// In submission order, each with the scope key it was submitted with.
    public static func refreshes(in entries: [StoredEntry]) -> [(scope: String, refresh: PastRefresh)] {
        var scopeByStep: [String: String] = [:]
        var order: [String] = []
        var submitted: [String: (at: Date, scope: String)] = [:]
        var observations: [String: [PastRefresh.Observation]] = [:]
        var runningAt: [String: Double] = [:]
        var completedBy: [String: Double] = [:]
        for stored in entries {
            switch stored.entry {
            case .aboutToSend(let step, .submit(_, let scope)):
                scopeByStep[step] = scope
            case .refreshIdReceived(let step, let refreshId, _, let adopted):
                guard !adopted, submitted[refreshId] == nil, let scope = scopeByStep[step] else { continue }
                submitted[refreshId] = (stored.at, PastRefresh.scopeKey(scope))
                order.append(refreshId)
            case .statusObserved(_, let refreshId, let status, let progress, _):
                guard let start = submitted[refreshId]?.at, completedBy[refreshId] == nil else { continue }
                let elapsed = stored.at.timeIntervalSince(start)
                if status == "COMPLETED" {
                    completedBy[refreshId] = elapsed
                } else if status == "FAILED" {
                    submitted[refreshId] = nil
                } else {
                    observations[refreshId, default: []].append(.init(elapsed: elapsed, progress: status == "IN_PROGRESS" ? progress : 0))
                    runningAt[refreshId] = elapsed
                }
            default:
                continue
            }
        }
        return order.compactMap { id in
            guard let start = submitted[id], let done = completedBy[id] else { return nil }
            return (start.scope, PastRefresh(observations: observations[id] ?? [], runningAt: runningAt[id] ?? 0, completedBy: done))
        }
    }
}
