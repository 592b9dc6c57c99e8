import GenesysWire
import PlanGraph
import Timekeeping

/// The refresh status state machine the poll step is driven by. Pure: input is what the last
/// status request observed and the time; output is the next action.
public struct PollMachine: Sendable {
    public enum Action: Sendable, Hashable {
        case wait(Duration)
        case completed(Refresh)
        case failed(Refresh)
        case timedOut(last: Refresh?)
    }

    public let schedule: PollSchedule
    public let jitter: JitterKind
    public let deadline: Moment
    public private(set) var polls = 0
    public private(set) var last: Refresh?
    private var random: SplitMix64

    public enum JitterKind: Sendable { case none, full, equal }

    public init(schedule: PollSchedule, jitter: JitterKind, startedAt: Moment, seed: UInt64) {
        self.schedule = schedule
        self.jitter = jitter
        self.deadline = startedAt.advanced(by: schedule.maxWait)
        self.random = SplitMix64(seed: seed)
    }

    /// A status was observed at `now`.
    public mutating func observe(_ refresh: Refresh, now: Moment) -> Action {
        last = refresh
        switch refresh.status {
        case .completed: return .completed(refresh)
        case .failed: return .failed(refresh)
        default: return next(now: now)
        }
    }

    /// The status request failed after the client's own retries; keep polling within budget.
    public mutating func requestFailed(now: Moment) -> Action {
        next(now: now)
    }

    /// The first wait after submission.
    public mutating func start(now: Moment) -> Action {
        next(now: now)
    }

    private mutating func next(now: Moment) -> Action {
        guard now < deadline else { return .timedOut(last: last) }
        var interval = schedule.interval(at: polls)
        polls += 1
        let floor = PollSchedule.floor
        switch jitter {
        case .none: break
        case .full:
            // Full jitter between the floor and the interval: never faster than 15 s.
            interval = floor + (interval - floor) * random.nextUnit()
        case .equal:
            let half = (interval - floor) / 2
            interval = floor + half + half * random.nextUnit()
        }
        let remaining = now.duration(to: deadline)
        return .wait(min(interval, remaining))
    }
}

/// A tiny seeded generator so a run's jitter is reproducible from its seed.
public struct SplitMix64: Sendable, Hashable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) / Double(1 << 53)
    }
}
