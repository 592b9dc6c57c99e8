import Foundation
import Synchronization
import Timekeeping

/// Virtual time for several simulated runs in one process, scheduled one at a time.
///
/// `VirtualClock.autoAdvance` jumps to a sleeper's deadline at once, which is exactly right for
/// one run but lets two concurrent runs see time out of order. Here every participant holds a
/// baton while it runs; it gives the baton back only by sleeping (or leaving). When every
/// participant is parked, the one with the earliest deadline (ties: the earliest to park) gets
/// the baton and time jumps to its deadline. Only one logical thread ever runs, so the order of
/// every request, and so the whole history, follows from the seed.
///
/// A participant may await other tasks (paging children, a shared login) as long as only one of
/// them is runnable at a time; whichever of them sleeps parks on the participant's behalf.
public final class SimulationClock: InjectedClock, Sendable {
    private struct Sleeper {
        let deadline: Moment
        let order: UInt64
        let continuation: CheckedContinuation<Void, Never>
    }

    private struct State {
        var now = Moment.epoch
        var sleepers: [Sleeper] = []
        var order: UInt64 = 0
        var participants = 0
        var running = false
    }

    public let epoch: Date
    private let state = Mutex(State())

    public init(epoch: Date = Date(timeIntervalSince1970: 1_790_000_000)) {
        self.epoch = epoch
    }

    public var now: Moment { state.withLock { $0.now } }
    public var minimumResolution: Duration { .nanoseconds(1) }

    /// Runs `bodies` as participants, one at a time by the rules above; results in input order.
    public func run<T: Sendable>(_ bodies: [@Sendable () async -> T]) async -> [T] {
        state.withLock { $0.participants += bodies.count }
        return await withTaskGroup(of: (Int, T).self) { group in
            for (index, body) in bodies.enumerated() {
                group.addTask {
                    await self.park(until: self.now)
                    let value = await body()
                    self.leave()
                    return (index, value)
                }
            }
            var results: [Int: T] = [:]
            for await (index, value) in group { results[index] = value }
            return (0..<bodies.count).map { results[$0]! }
        }
    }

    public func sleep(until deadline: Moment, tolerance: Duration?) async throws {
        try Task.checkCancellation()
        await park(until: deadline)
    }

    private func park(until deadline: Moment) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
                state.order += 1
                state.sleepers.append(Sleeper(deadline: deadline, order: state.order, continuation: continuation))
                state.running = false
                return Self.grant(&state)
            }
            next?.resume()
        }
    }

    private func leave() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.participants -= 1
            state.running = false
            return Self.grant(&state)
        }
        next?.resume()
    }

    /// The baton goes out only when nobody runs and every participant is parked.
    private static func grant(_ state: inout State) -> CheckedContinuation<Void, Never>? {
        guard !state.running, state.participants > 0, state.sleepers.count >= state.participants else { return nil }
        var best = 0
        for index in state.sleepers.indices.dropFirst() {
            let candidate = state.sleepers[index], current = state.sleepers[best]
            if candidate.deadline < current.deadline || (candidate.deadline == current.deadline && candidate.order < current.order) { best = index }
        }
        let chosen = state.sleepers.remove(at: best)
        if chosen.deadline > state.now { state.now = chosen.deadline }
        state.running = true
        return chosen.continuation
    }
}
