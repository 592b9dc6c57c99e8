@testable import EmulatorCore
import Executor
import Foundation
import GenesysWire
import PlanGraph
import RefreshPlan
import Testing
import Timekeeping

/// The poll machine against the emulator's job timelines directly: no HTTP, no journal, no
/// executor, so thousands of nightly schedules run in a second. The history a night gets is what
/// the journal would hold: the statuses the earlier nights' machines observed. The full path
/// (executor, journal, `refreshHistory`) is measured by `simulate --polling-report`.
@Suite("polling model")
struct PollingModelTests {
    struct Outcome {
        var requests: Int
        var lag: Double
        var profile: ProgressProfile
        var night: Int
        /// Where completion fell against the last window: -1 before, 0 inside, 1 after, nil none.
        var place: Int?
        /// (completion - earliest) / (latest - earliest) of the last window, and its width.
        var position: Double?
        var width: Double?
        var dense = 0
        var fixedRequests = 0
    }

    static let fixed15 = PollingSettings(initialInterval: .seconds(15), multiplier: 1, maxInterval: .seconds(15), jitter: .none)

    /// One refresh polled by a machine; returns the observations the journal would keep.
    static func poll(_ timeline: JobTimeline, policy: PollingSettings, prediction: PollMachine.Prediction, history: [PastRefresh], seed: UInt64)
        -> (outcome: (requests: Int, lag: Double, place: Int?, position: Double?, width: Double?, dense: Int), past: PastRefresh)? {
        let schedule = PollSchedule(policy: policy, maxWait: .seconds(4 * 3600))
        let jitter: PollMachine.JitterKind = policy.jitter == .none ? .none : .full
        var machine = PollMachine(schedule: schedule, jitter: jitter, startedAt: .epoch, seed: seed, prediction: prediction, history: history)
        var now = Moment.epoch
        var action = machine.start(now: now)
        var observations: [PastRefresh.Observation] = []
        var requests = 0
        var window: (earliest: Double, latest: Double)?
        var dense = 0
        let total = timeline.total.seconds
        while case .wait(let wait) = action {
            #expect(wait >= PollSchedule.floor)
            if wait == PollSchedule.floor { dense += 1 }
            // The window as it stood when the machine first aimed a poll into it.
            if window == nil, let current = machine.window, Moment.epoch.duration(to: now.advanced(by: wait)).seconds >= current.earliest { window = current }
            now = now.advanced(by: wait)
            requests += 1
            let elapsed = Moment.epoch.duration(to: now)
            let refresh: Refresh
            if elapsed >= timeline.total {
                refresh = Refresh(id: "r", sandboxId: "sb", status: .completed, progress: 100, scope: "ARCHITECT", description: nil,
                                  createdDate: Date(timeIntervalSince1970: 0), completedDate: nil, errorMessage: nil, preserveSandboxUsers: true)
            } else {
                let queued = elapsed < timeline.queued
                let progress = queued ? 0 : timeline.progress(at: elapsed)
                observations.append(.init(elapsed: elapsed.seconds, progress: progress))
                refresh = Refresh(id: "r", sandboxId: "sb", status: queued ? .queued : .inProgress, progress: progress, scope: "ARCHITECT", description: nil,
                                  createdDate: Date(timeIntervalSince1970: 0), completedDate: nil, errorMessage: nil, preserveSandboxUsers: true)
            }
            action = machine.observe(refresh, now: now)
        }
        guard case .completed = action else { return nil }
        let seenAt = Moment.epoch.duration(to: now).seconds
        let place = window.map { total < $0.earliest ? -1 : total > $0.latest ? 1 : 0 }
        let position = window.map { ($0.latest - $0.earliest) > 0 ? (total - $0.earliest) / ($0.latest - $0.earliest) : 0 }
        return ((requests, seenAt - total, place, position, window.map { $0.latest - $0.earliest }, dense), PastRefresh(observations: observations, runningAt: observations.last?.elapsed ?? 0, completedBy: seenAt))
    }

    /// `nights` refreshes of one sandbox and scope per seed, as the simulator's worlds draw them.
    static func run(seeds: Range<UInt64>, nights: Int, profiles: [ProgressProfile], policy: PollingSettings, prediction: PollMachine.Prediction) -> [Outcome] {
        var outcomes: [Outcome] = []
        for seed in seeds {
            var random = SeededGenerator(seed: seed &* 7919)
            let spec = WorldSpec(seed: seed, queues: 10 + random.below(111), skills: 4 + random.below(27), flows: 10 + random.below(111), contacts: 40,
                                 dataTables: [2, 10, 60, 300, 900][random.below(5)], dataTableRows: 40, users: 8, trunks: 2, sandboxes: ["sb"],
                                 driftQueues: 0, driftSkills: 0, driftFlows: 0)
            let production = World.generate(spec).production
            let scopeText = random.chance(0.5) ? "ARCHITECT,ROUTING" : "ARCHITECT"
            guard case .success(let scope) = RefreshScope.parse(scopeText) else { continue }
            let variation = NightlyVariation(seed: seed)
            let profile = variation.profile(sandboxId: "sb", scope: scopeText, from: profiles)
            let base = JobTimeline(scope: scope, production: production, profile: profile)
            var history: [PastRefresh] = []
            for night in 0..<nights {
                let timeline = variation.apply(to: base, sandboxId: "sb", scope: scopeText, night: night)
                guard let result = poll(timeline, policy: policy, prediction: prediction, history: history, seed: seed &+ UInt64(night)) else { continue }
                outcomes.append(Outcome(requests: result.outcome.requests, lag: result.outcome.lag, profile: profile, night: night, place: result.outcome.place,
                                        position: result.outcome.position, width: result.outcome.width, dense: result.outcome.dense,
                                        fixedRequests: Int((timeline.total.seconds / 15).rounded(.up))))
                history.insert(result.past, at: 0)
            }
        }
        return outcomes
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[(sorted.count - 1) / 2]
    }

    static func table(seeds: Range<UInt64>, nights: Int) -> [String: (requests: Double, lag: Double)] {
        var result: [String: (Double, Double)] = [:]
        var lines: [String] = []
        for (name, profiles) in ProgressProfile.allCases.map({ ($0.rawValue, [$0]) }) + [("all", ProgressProfile.allCases)] {
            let fixed = run(seeds: seeds, nights: nights, profiles: profiles, policy: fixed15, prediction: .off)
            let fixedRequests = Double(fixed.map(\.requests).reduce(0, +)) / Double(fixed.count)
            let fixedLag = median(fixed.map(\.lag))
            for prediction in [PollMachine.Prediction.progress, .history] {
                let outcomes = run(seeds: seeds, nights: nights, profiles: profiles, policy: PollingSettings(), prediction: prediction)
                let requests = Double(outcomes.map(\.requests).reduce(0, +)) / Double(outcomes.count) / fixedRequests
                let lag = median(outcomes.map(\.lag)) / fixedLag
                if prediction == .history { result[name] = (requests, lag) }
                let places = [-1, 0, 1].map { place in outcomes.filter { $0.place == place }.count }
                let inside = outcomes.filter { $0.place == 0 }.map(\.lag)
                if prediction == .history {
                    let positions = outcomes.compactMap(\.position).sorted()
                    let q = [0.1, 0.25, 0.5, 0.75, 0.9].map { positions.isEmpty ? 0 : positions[Int(Double(positions.count - 1) * $0)] }
                    let widths = outcomes.compactMap(\.width)
                    let byPlace = [-1, 0, 1].map { place in median(outcomes.filter { $0.place == place }.map(\.lag)) }
                    let sparse = outcomes.map { Double($0.requests - $0.dense) }.reduce(0, +) / Double(outcomes.reduce(0) { $0 + $1.fixedRequests })
                    let denseShare = outcomes.map { Double($0.dense) }.reduce(0, +) / Double(outcomes.reduce(0) { $0 + $1.fixedRequests })
                    let firstNight = outcomes.filter { $0.night == 0 }
                    let first = Double(firstNight.map(\.requests).reduce(0, +)) / Double(firstNight.reduce(0) { $0 + $1.fixedRequests })
                    lines.append(String(format: "   requests: sparse %.3f + floor %.3f of fixed; first night %.3f", sparse, denseShare, first))
                    lines.append(String(format: "   position q10..q90 %.2f %.2f %.2f %.2f %.2f; width median %.0f s; median lag before/in/after %.1f/%.1f/%.1f; first night lag %.1f",
                                        q[0], q[1], q[2], q[3], q[4], median(widths), byPlace[0], byPlace[1], byPlace[2], median(outcomes.filter { $0.night == 0 }.map(\.lag))))
                }
                if prediction == .history { lines.append(String(format: "   fixed 15 s: %.1f requests per refresh", fixedRequests)) }
                lines.append(String(format: "%@ %@: requests %.3fx, median lag %.2fx (%.1f s vs %.1f s); before/in/after window %d/%d/%d, none %d; in-window median lag %.1f s",
                                    name, prediction.rawValue, requests, lag, median(outcomes.map(\.lag)), fixedLag, places[0], places[1], places[2],
                                    outcomes.filter { $0.place == nil }.count, median(inside)))
            }
        }
        print(lines.joined(separator: "\n"))
        return result
    }

    /// The shipped strategy on nightly schedules: fewer requests than progress prediction alone
    /// and no slower to notice completion, over all curves.
    @Test func historyPredictionBeatsProgressPredictionOnNightlySchedules() {
        let figures = Self.table(seeds: 1..<(ProcessInfo.processInfo.environment["POLL_MODEL_SEEDS"].flatMap(UInt64.init) ?? 201), nights: 8)
        let all = figures["all"]!
        #expect(all.requests <= 0.25, "requests per refresh vs fixed 15 s: \(all.requests)")
        #expect(all.lag <= 1.5, "median detection lag vs fixed 15 s: \(all.lag)")
    }
}
