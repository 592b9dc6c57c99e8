import GenesysWire
import PlanGraph
import Timekeeping

/// The refresh status state machine the poll step is driven by. Pure: input is what the last
/// status request observed and the time (plus, at init, the journal's record of earlier refreshes
/// of the same sandbox and scope); output is the next action.
///
/// With `.history` prediction (the default), earlier refreshes of the sandbox and scope give a
/// window in which tonight's completes (`CompletionWindow`: their progress curves, stretched to
/// match tonight's observations). Before the window the machine hops toward it in waits of at
/// most the policy's cap; inside it, it polls at the 15 s floor. A nightly refresh takes a similar
/// time each night, so most nights cost a few capped hops and a few floor polls. The first night
/// (no history) and a night later than history explains (a slow night, a stall) fall back to
/// `.progress`, then to the backoff, which reaches the cap in a stall.
///
/// With `.progress` prediction, two observations of rising `progress` give a rate, and the next
/// poll is aimed just past the earliest moment the job could complete at that rate, instead of
/// the next backoff step. The platform warns that progress is not linear in time, so the
/// estimate is deliberately the earliest plausible one (an early poll only re-estimates). Without
/// a rising progress (queued, stalled, or a failed request) the policy's backoff applies.
///
/// Every wait stays within the 15 s floor and the policy's cap, and the budget clips the last.
/// Measured with `sandbox-refresh simulate --polling-report` (Benchmarks/polling/README.md).
public struct PollMachine: Sendable {
    public enum Action: Sendable, Hashable {
        case wait(Duration)
        case completed(Refresh)
        case failed(Refresh)
        case timedOut(last: Refresh?)
    }

    public enum Prediction: String, Sendable, Hashable, CaseIterable {
        /// The policy's backoff only.
        case off
        /// Aim at the completion that `progress` predicts, within floor and cap.
        case progress
        /// Aim at the completion window that past refreshes of the same sandbox and scope give
        /// (`CompletionWindow`): sparse polls before it, the floor inside it; `progress` when
        /// there is no history (the first night) or tonight is later than history explains.
        case history
    }

    /// What machines created without an explicit choice use (the poll handler's case); the
    /// simulator scopes it to compare strategies on the same histories.
    @TaskLocal public static var defaultPrediction: Prediction = .history

    /// Added to a predicted completion so that the poll lands after it, not just before.
    public static let predictionMargin: Duration = .seconds(2)
    /// How long after a missed prediction polls stay at the floor before backing off again.
    public static let missGrace: Duration = .seconds(30)
    /// In a stall (no rise in progress for a whole capped interval, or still queued), waits stay
    /// within this fraction below the cap: jittered, but not spread down to the floor.
    public static let stallJitter = 0.15

    struct Observation: Sendable, Hashable {
        var at: Moment
        var progress: Int
    }

    public let schedule: PollSchedule
    public let jitter: JitterKind
    public let prediction: Prediction
    public let deadline: Moment
    private let startedAt: Moment
    public private(set) var polls = 0
    public private(set) var last: Refresh?
    /// The wait most recently decided (for progress displays).
    public private(set) var lastWait: Duration?
    private var random: SplitMix64
    private var previous: Observation?
    private var latest: Observation?
    /// Past refreshes of this sandbox and scope, newest first (`.history` only).
    public let history: [PastRefresh]
    /// Tonight's observations, the first and last of each progress value (for `CompletionWindow`).
    private var seen: [PastRefresh.Observation] = []
    private var runningAt: Double = 0
    /// The completion window most recently estimated from history (seconds since `startedAt`).
    public private(set) var window: (earliest: Double, latest: Double)?

    public enum JitterKind: Sendable { case none, full, equal }

    public init(schedule: PollSchedule, jitter: JitterKind, startedAt: Moment, seed: UInt64, prediction: Prediction = PollMachine.defaultPrediction,
                history: [PastRefresh] = []) {
        self.schedule = schedule
        self.history = prediction == .history ? Array(history.prefix(CompletionWindow.maxHistory)) : []
        self.jitter = jitter
        self.prediction = prediction
        self.deadline = startedAt.advanced(by: schedule.maxWait)
        self.startedAt = startedAt
        self.random = SplitMix64(seed: seed)
    }

    /// A status was observed at `now`.
    public mutating func observe(_ refresh: Refresh, now: Moment) -> Action {
        last = refresh
        switch refresh.status {
        case .completed: return .completed(refresh)
        case .failed: return .failed(refresh)
        default:
            if refresh.status == .inProgress {
                if let latest, refresh.progress > latest.progress { previous = latest }
                if latest == nil || refresh.progress > latest!.progress { latest = Observation(at: now, progress: refresh.progress) }
            }
            if prediction == .history {
                let elapsed = startedAt.duration(to: now).seconds
                let observation = PastRefresh.Observation(elapsed: elapsed, progress: refresh.status == .inProgress ? refresh.progress : 0)
                seen.append(observation)
                seen = CompletionWindow.extremes(seen)
                runningAt = max(runningAt, elapsed)
            }
            return next(now: now)
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
        let cap = max(schedule.interval(at: 64), floor)
        window = prediction == .history ? expectedCompletion(now: now) : nil
        if let window {
            interval = aim(window: window, now: now)
        } else if prediction != .off, let eta = earliestCompletion(after: now) {
            interval = aim(at: eta)
        } else if (latest?.at ?? startedAt).duration(to: now) >= cap {
            // Stalled, on a plateau or still queued: nothing suggests the job ends soon, so stay
            // near the cap instead of drawing waits anywhere down to the floor.
            interval = cap - (cap - floor) * (Self.stallJitter * (jitter == .none ? 0 : random.nextUnit()))
        }
        // The budget clips the last wait, but never below the floor: one late poll at most
        // 15 s past maxWait beats a burst of requests at its edge.
        let wait = max(min(interval, now.duration(to: deadline)), floor)
        lastWait = wait
        return .wait(wait)
    }

    /// The earliest the job can plausibly be done, from `now`: the remaining percent at the
    /// fastest rate the last two observations allow (integer percentages hide up to one point).
    func earliestCompletion(after now: Moment) -> Duration? {
        guard let previous, let latest, latest.progress > previous.progress, latest.progress < 100 else { return nil }
        let elapsed = previous.at.duration(to: latest.at).seconds
        guard elapsed > 0 else { return nil }
        let fastestRate = Double(latest.progress - previous.progress + 1) / elapsed
        let remaining = Double(max(100 - latest.progress - 1, 0)) / fastestRate - latest.at.duration(to: now).seconds
        // Just past the predicted moment, the job is most likely finishing: poll at the floor.
        // Well past it, the job stalled or slowed and the prediction has nothing to say until
        // progress moves again: the policy's backoff applies (aiming at "now" forever pinned
        // every later wait to the floor).
        guard remaining > -Self.missGrace.seconds else { return nil }
        return .milliseconds(Int64(max(remaining, 0) * 1000))
    }

    /// A linear extrapolation is used (without history) when it is at least this narrow.
    static let linearTrust = 60.0
    /// Added to a window's aim point so that the poll lands inside, not on its edge.
    static let windowMargin = 0.5
    /// The first poll inside a window lands this many floor intervals after its start (or in its middle).
    static let entryOffset = 0.5

    /// When tonight's refresh completes, in seconds since `startedAt`: the history's window
    /// (`CompletionWindow`); without one (the first night, or tonight later than history
    /// explains), a straight-line extrapolation of `progress` when it is narrow enough. Nil:
    /// neither says anything, and the policy's backoff (or `earliestCompletion`) applies.
    func expectedCompletion(now: Moment) -> (earliest: Double, latest: Double)? {
        let elapsed = startedAt.duration(to: now).seconds
        let fromHistory = history.isEmpty ? nil : CompletionWindow.estimate(history: history, observations: seen, runningAt: runningAt)
        // With history, extrapolating progress in a straight line was measured to hurt: curves
        // that accelerate or jump near their end look straight for a few readings, and aim late.
        var linear = fromHistory == nil ? CompletionWindow.linear(seen) : nil
        // An extrapolation already overtaken: the job slowed down; it has nothing to say.
        if let line = linear, line.latest < elapsed { linear = nil }
        switch (fromHistory, linear) {
        case (let window?, _):
            return window
        case (nil, let line?):
            return line.latest - line.earliest <= Self.linearTrust ? line : nil
        case (nil, nil):
            return nil
        }
    }

    /// Before the window: the fewest hops of at most the cap that land just inside it, each
    /// observation on the way narrowing it. Inside it: the floor.
    func aim(window: (earliest: Double, latest: Double), now: Moment) -> Duration {
        let floor = PollSchedule.floor
        let cap = max(schedule.interval(at: 64), floor)
        let elapsed = startedAt.duration(to: now).seconds
        // Completions crowd the start of the window (its lower bounds are the sharp ones): the
        // first poll inside lands half a floor interval in, not on its very start.
        let target = window.earliest + min(floor.seconds * Self.entryOffset, (window.latest - window.earliest) / 2) + Self.windowMargin
        let until = target - elapsed
        guard until > floor.seconds else { return floor }
        let hops = (until / cap.seconds).rounded(.up)
        return min(max(.milliseconds(Int64(until / hops * 1000)), floor), cap)
    }

    /// A completion within reach gets a poll just after it; a distant one gets the longest
    /// wait that still leaves a full floor interval before it, so the last hop can be precise.
    func aim(at eta: Duration) -> Duration {
        let floor = PollSchedule.floor
        let cap = max(schedule.interval(at: 64), floor)
        if eta + Self.predictionMargin <= cap { return max(eta + Self.predictionMargin, floor) }
        return min(max(eta - floor, floor), cap)
    }
}
