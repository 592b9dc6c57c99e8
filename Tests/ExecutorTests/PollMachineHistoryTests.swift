import EmulatorCore
import Foundation
import GenesysWire
@testable import Executor
import PlanGraph
import RefreshPlan
import Testing
import Timekeeping

/// History prediction: the poll machine given earlier refreshes of the same sandbox and scope.
@Suite("poll state machine with history")
struct PollMachineHistoryTests {
    let schedule = PollSchedule(policy: PollingSettings(), maxWait: .seconds(4 * 3600))

    struct Run {
        var waits: [Duration] = []
        var requests = 0
        /// Seconds from completion to the poll that saw it; nil when it was never seen.
        var lag: Double?
        var past: PastRefresh?
    }

    func refresh(_ status: RefreshStatus, _ progress: Int) -> Refresh {
        Refresh(id: "r", sandboxId: "sb", status: status, progress: progress, scope: "ARCHITECT", description: nil,
                createdDate: Date(timeIntervalSince1970: 0), completedDate: nil, errorMessage: nil, preserveSandboxUsers: true)
    }

    /// A job whose progress rises as `curve` (0 ... 1 of its duration to percent) and completes at
    /// `duration` (nil: never), polled by a machine with `history`; returns what the journal keeps.
    func poll(duration: Double?, curve: (Double) -> Double = { 100 * $0 }, history: [PastRefresh], schedule: PollSchedule? = nil, seed: UInt64 = 1,
              prediction: PollMachine.Prediction = .history) -> Run {
        var machine = PollMachine(schedule: schedule ?? self.schedule, jitter: .full, startedAt: .epoch, seed: seed, prediction: prediction, history: history)
        var run = Run()
        var observations: [PastRefresh.Observation] = []
        var now = Moment.epoch
        var action = machine.start(now: now)
        while case .wait(let wait) = action {
            run.waits.append(wait)
            now = now.advanced(by: wait)
            run.requests += 1
            let elapsed = Moment.epoch.duration(to: now).seconds
            if let duration, elapsed >= duration {
                run.lag = elapsed - duration
                run.past = PastRefresh(observations: observations, runningAt: observations.last?.elapsed ?? 0, completedBy: elapsed)
                action = machine.observe(refresh(.completed, 100), now: now)
            } else {
                let progress = min(99, Int(curve(duration.map { elapsed / $0 } ?? 0.5)))
                observations.append(.init(elapsed: elapsed, progress: progress))
                action = machine.observe(refresh(.inProgress, progress), now: now)
            }
        }
        return run
    }

    /// Nights of a job that takes about `base` seconds (night-to-night factors given), newest first.
    func history(base: Double, factors: [Double], curve: @escaping (Double) -> Double = { 100 * $0 }) -> [PastRefresh] {
        var history: [PastRefresh] = []
        for (night, factor) in factors.enumerated() {
            let run = poll(duration: base * factor, curve: curve, history: history, seed: UInt64(night + 10))
            if let past = run.past { history.insert(past, at: 0) }
        }
        return history
    }

    /// Seven nights of a 20-minute job: the eighth, a little slower than the last, is seen within
    /// a floor interval of completing, with a fraction of fixed 15 s polling's requests.
    @Test func aPollAimedByHistoryLandsJustAfterTheExpectedCompletion() {
        // A front-loaded curve: most progress early, then a long, slow tail that progress alone cannot time.
        let curve: (Double) -> Double = { 100 * (1 - pow(1 - $0, 3)) }
        let past = history(base: 1200, factors: [1.0, 0.9, 1.1, 0.95, 1.05, 1.0, 0.92], curve: curve)
        #expect(past.count == 7)
        let tonight = poll(duration: 1200 * 1.03, curve: curve, history: past)
        let lag = try! #require(tonight.lag)
        #expect(lag <= 15, "completion seen \(lag) s late")
        #expect(Double(tonight.requests) <= 0.2 * (1236 / 15).rounded(.up), "\(tonight.requests) requests; fixed 15 s polling takes 83")
        // Without history the same job costs more requests or is seen later.
        let alone = poll(duration: 1200 * 1.03, curve: curve, history: [], prediction: .progress)
        #expect(alone.requests > tonight.requests || alone.lag! > lag, "progress only: \(alone.requests) requests, lag \(alone.lag!)")
    }

    /// The first night has no history: the machine falls back to progress prediction and the
    /// policy's backoff, exactly as `.progress` does while progress is not rising.
    @Test func theFirstNightWithoutHistoryFallsBack() {
        var machine = PollMachine(schedule: PollSchedule(policy: PollingSettings(jitter: .none), maxWait: .seconds(4 * 3600)), jitter: .none,
                                  startedAt: .epoch, seed: 1, prediction: .history, history: [])
        let (waits, unexpected) = machine.waitsWhileQueued(4)
        #expect(unexpected == nil, "expected a wait")
        #expect(waits == [.seconds(15), .seconds(30), .seconds(60), .seconds(120)])
        #expect(machine.window == nil)
        let first = poll(duration: 900, history: [])
        #expect(first.lag != nil)
        #expect(first.waits.allSatisfy { $0 >= PollSchedule.floor && $0 <= .seconds(120) })
    }

    /// A slow night (2.5x the usual): once it is later than every earlier night explains, the
    /// machine stops polling at the floor and backs off to the cap.
    @Test func anOutlierNightBacksOffToTheCap() {
        let past = history(base: 600, factors: [1.0, 1.1, 0.9, 1.0, 0.95])
        let slow = poll(duration: 1500, history: past)
        #expect(slow.lag != nil)
        // Waits after 1.5x the usual duration: mostly near the cap (jittered down at most 15 %).
        let elapsed = slow.waits.reduce(into: [Double]()) { $0.append(($0.last ?? 0) + $1.seconds) }
        let late = zip(elapsed, slow.waits).filter { $0.0 > 900 && $0.0 < 1400 }.map(\.1)
        #expect(!late.isEmpty)
        #expect(late.filter { $0 == PollSchedule.floor }.count <= 1, "floor polls long after the window: \(late)")
        #expect(Double(slow.requests) <= 0.2 * 100, "\(slow.requests) requests for a 25-minute job")
    }

    /// A job stuck for the whole 4 h budget, with history saying it takes 10 minutes: at most
    /// 0.15x the requests of fixed 15 s polling (960), and every wait within floor and cap.
    @Test func aFourHourStallWithHistoryCostsAtMostFifteenPercent() {
        let past = history(base: 600, factors: [1.0, 1.1, 0.9, 1.0, 0.95])
        let stuck = poll(duration: nil, curve: { _ in 57 }, history: past)
        #expect(stuck.lag == nil)
        #expect(stuck.requests <= 144, "a 4 h stall costs at most 0.15x of fixed 15 s polling (960): \(stuck.requests)")
        #expect(stuck.waits.allSatisfy { $0 >= PollSchedule.floor && $0 <= .seconds(120) })
        let total = stuck.waits.reduce(Duration.zero, +)
        #expect(total <= .seconds(4 * 3600) + PollSchedule.floor, "the budget is kept: \(total)")
    }

    /// However close history puts completion, no wait is below the floor, and a budget shorter
    /// than the usual duration still ends in a time-out within one floor interval of it.
    @Test func floorAndMaxWaitHoldWithHistory() {
        let past = history(base: 300, factors: [1.0, 1.0, 1.0])
        let short = PollSchedule(policy: PollingSettings(), maxWait: .seconds(200))
        var machine = PollMachine(schedule: short, jitter: .full, startedAt: .epoch, seed: 3, prediction: .history, history: past)
        var now = Moment.epoch
        var action = machine.start(now: now)
        while case .wait(let wait) = action {
            #expect(wait >= PollSchedule.floor)
            #expect(wait <= .seconds(120))
            now = now.advanced(by: wait)
            action = machine.observe(refresh(.inProgress, min(99, Int(Moment.epoch.duration(to: now).seconds / 3))), now: now)
        }
        guard case .timedOut = action else { Issue.record("expected a time-out, got \(action)"); return }
        #expect(now <= Moment.epoch.advanced(by: .seconds(200 + 15)))
    }

    @Test func theWindowFollowsTheHistoryAndGivesUpWhenTonightIsLater() throws {
        let past = (0..<5).map { _ in
            PastRefresh(observations: stride(from: 60.0, to: 600, by: 60).map { .init(elapsed: $0, progress: Int($0 / 6)) }, runningAt: 590, completedBy: 610)
        }
        // Tonight at the same pace: the window holds 600 s.
        let same = stride(from: 60.0, through: 480, by: 60).map { PastRefresh.Observation(elapsed: $0, progress: Int($0 / 6)) }
        let window = try #require(CompletionWindow.estimate(history: past, observations: CompletionWindow.extremes(same), runningAt: 480))
        #expect(window.earliest <= 600 && window.latest >= 600, "\(window)")
        // Nights observed every 60 s (a tenth of the job) cannot place it closer than that.
        #expect(window.latest - window.earliest < 200, "\(window)")
        // Tonight at half the pace: the window moves out to about 1200 s.
        let slower = stride(from: 120.0, through: 960, by: 120).map { PastRefresh.Observation(elapsed: $0, progress: Int($0 / 12)) }
        let later = try #require(CompletionWindow.estimate(history: past, observations: CompletionWindow.extremes(slower), runningAt: 960))
        #expect(later.earliest > 900 && later.earliest <= 1200 && later.latest >= 1200, "\(later)")
        // Still at 40 % after two hours: no night explains it.
        #expect(CompletionWindow.estimate(history: past, observations: [.init(elapsed: 7200, progress: 40)], runningAt: 7200) == nil)
        #expect(CompletionWindow.estimate(history: [], observations: same, runningAt: 480) == nil)
    }

    /// Through the executor against the emulator (fault `jobStuck`): a job stuck at 57 % for the
    /// whole 4 h budget, on a sandbox whose refreshes took about 10 minutes, costs at most 0.15x
    /// the status requests of fixed 15 s polling (960), and times out at maxWait.
    @Test func aStuckJobWithHistoryTimesOutWithinFifteenPercentOfFixedPolling() async throws {
        let h = Harness(faults: FaultPlan(rules: [FaultRule(kind: .jobStuck(atProgress: 57))]))
        let past = history(base: 600, factors: [1.0, 1.1, 0.9, 1.0, 0.95])
        let started = h.clock.now
        let report = try await h.run("refresh: {scope: [ARCHITECT, ROUTING], maxWait: 4h}", refreshHistory: [PastRefresh.scopeKey("ARCHITECT,ROUTING"): past])
        #expect(report.outcome == .timedOut)
        let elapsed = started.duration(to: h.clock.now)
        #expect(elapsed >= .seconds(4 * 3600) && elapsed < .seconds(4 * 3600 + 300))
        #expect(h.events.contains { $0.event == "poll.history" }, "the poll step used the history")
        let statusRequests = h.emulator.requestLog().filter { $0.method == "GET" && $0.path.hasPrefix("/api/v2/sandboxes/") && $0.path.contains("/refreshes/") }.count
        #expect(statusRequests > 0 && statusRequests <= 144, "\(statusRequests) status requests in 4 h; fixed 15 s polling makes 960")
    }

    @Test func scopesAreKeyedRegardlessOfOrderAndSpacing() {
        #expect(PastRefresh.scopeKey("ROUTING,ARCHITECT") == PastRefresh.scopeKey(" architect , ROUTING"))
        #expect(PastRefresh.scopeKey("ARCHITECT") != PastRefresh.scopeKey("ARCHITECT,ROUTING"))
    }
}
