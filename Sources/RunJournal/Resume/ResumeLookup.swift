import Executor
import Foundation

/// Turns an unfinished run's entries into what the executor needs to pick it up without
/// repeating a side effect.
extension JournalStore {
    public func resumePoint(for run: RunRecord) async throws -> ResumePoint {
        var point = ResumePoint(attempt: run.attempts + 1, originallyStartedAt: run.startedAt)
        for stored in try await entries(runId: run.id, sandboxId: run.sandboxId) {
            switch stored.entry {
            case .aboutToSend(_, .submit(let tag, _)):
                // Present with no id: it may or may not have reached the platform.
                if point.submits[tag] == nil { point.submits[tag] = .some(nil) }
            case .refreshIdReceived(_, let refreshId, let tag, _):
                point.submits[tag] = .some(refreshId)
            case .aboutToSend(let step, .hardened("credential", let name)):
                point.hardenedCredentials.insert("\(step)/\(name)")
            case .stepStarted(let step) where step.hasPrefix("poll.") && point.pollStartedAt[step] == nil:
                point.pollStartedAt[step] = stored.at
            default:
                break
            }
        }
        return point
    }
}
