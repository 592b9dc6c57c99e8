import Foundation
import Synchronization

/// Time that moves only when told. In `.autoAdvance` mode a sleep jumps the clock to its
/// deadline at once (time advances to the next deadline, so a sequential four-hour refresh
/// simulates in milliseconds); in `.manual` mode sleepers wait until `advance(by:)` passes
/// their deadline, for tests that need several waiters at one instant.
public final class VirtualClock: InjectedClock, @unchecked Sendable {
    public enum Mode: Sendable { case autoAdvance, manual }

    private struct Sleeper {
        let id: UInt64
        let deadline: Moment
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now = Moment.epoch
        var sleepers: [Sleeper] = []
        var nextID: UInt64 = 0
    }

    public let epoch: Date
    public let mode: Mode
    private let state = Mutex(State())

    public init(mode: Mode = .autoAdvance, epoch: Date = Date(timeIntervalSince1970: 1_790_000_000)) {
        self.mode = mode
        self.epoch = epoch
    }

    public var now: Moment { state.withLock { $0.now } }
    public var minimumResolution: Duration { .nanoseconds(1) }

    /// Number of tasks currently suspended in `sleep` (manual mode).
    public var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    public func sleep(until deadline: Moment, tolerance: Duration?) async throws {
        try Task.checkCancellation()
        if mode == .autoAdvance {
            state.withLock { if deadline > $0.now { $0.now = deadline } }
            await Task.yield()
            try Task.checkCancellation()
            return
        }
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let resumeNow = state.withLock { state -> Bool in
                    if deadline <= state.now { return true }
                    state.sleepers.append(Sleeper(id: id, deadline: deadline, continuation: continuation))
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let cancelled = state.withLock { state -> Sleeper? in
                guard let index = state.sleepers.firstIndex(where: { $0.id == id }) else { return nil }
                return state.sleepers.remove(at: index)
            }
            cancelled?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves time forward and wakes every sleeper whose deadline has passed, earliest first.
    public func advance(by duration: Duration) {
        advance(to: now.advanced(by: duration))
    }

    public func advance(to moment: Moment) {
        let due = state.withLock { state -> [Sleeper] in
            if moment > state.now { state.now = moment }
            let now = state.now
            let due = state.sleepers.filter { $0.deadline <= now }.sorted { $0.deadline < $1.deadline }
            state.sleepers.removeAll { $0.deadline <= now }
            return due
        }
        for sleeper in due { sleeper.continuation.resume() }
    }
}
