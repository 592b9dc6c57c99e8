import Foundation
import GenesysWire
@testable import Executor
import PlanGraph
import RefreshPlan
import Testing
import Timekeeping

@Suite("poll state machine")
struct PollMachineTests {
    func refresh(_ status: RefreshStatus, _ progress: Int) -> Refresh {
        Refresh(id: "r", sandboxId: "sb", status: status, progress: progress, scope: "ARCHITECT", description: nil, createdDate: Date(timeIntervalSince1970: 0), completedDate: nil, errorMessage: status == .failed ? "boom" : nil, preserveSandboxUsers: true)
    }

    let schedule = PollSchedule(policy: PollingSettings(initialInterval: .seconds(15), multiplier: 2, maxInterval: .seconds(120), jitter: .none), maxWait: .seconds(4 * 3600))

    @Test func followsTheScheduleWithoutJitter() {
        var machine = PollMachine(schedule: schedule, jitter: .none, startedAt: .epoch, seed: 1, prediction: .off)
        var now = Moment.epoch
        var waits: [Duration] = []
        var action = machine.start(now: now)
        for progress in [0, 10, 20, 30] {
            guard case .wait(let wait) = action else { Issue.record("expected a wait"); return }
            waits.append(wait)
            now = now.advanced(by: wait)
            action = machine.observe(refresh(.inProgress, progress), now: now)
        }
        #expect(waits == [.seconds(15), .seconds(30), .seconds(60), .seconds(120)])
    }

    @Test func fullJitterNeverPollsFasterThanTheFloor() {
        var machine = PollMachine(schedule: schedule, jitter: .full, startedAt: .epoch, seed: 99)
        var now = Moment.epoch
        var action = machine.start(now: now)
        for _ in 0..<200 {
            if case .timedOut = action { break }
            guard case .wait(let wait) = action else { Issue.record("expected a wait"); return }
            #expect(wait >= .seconds(15))
            #expect(wait <= .seconds(120))
            now = now.advanced(by: wait)
            action = machine.observe(refresh(.inProgress, 50), now: now)
        }
    }

    /// A job that rises to 90 % and then stalls for the rest of four hours: once the predicted
    /// completion has passed, the waits go back to the policy's backoff and reach its cap, rather
    /// than staying at the 15 s floor (which cost 895 requests in 4 h against 960 for fixed 15 s).
    @Test func aStallAfterAMissedPredictionBacksOffToTheCap() {
        var machine = PollMachine(schedule: schedule, jitter: .full, startedAt: .epoch, seed: 5, prediction: .progress)
        var now = Moment.epoch
        var action = machine.start(now: now)
        var progress = 0
        var polls = 0
        var lateWaits: [Duration] = []
        while case .wait(let wait) = action {
            now = now.advanced(by: wait)
            polls += 1
            progress = min(progress + 30, 90)
            if now > .epoch.advanced(by: .seconds(3600)) { lateWaits.append(wait) }
            action = machine.observe(refresh(.inProgress, progress), now: now)
        }
        #expect(polls <= 144, "a 4 h stall costs at most 0.15x of fixed 15 s polling (960): \(polls)")
        #expect(lateWaits.dropLast().filter { $0 == .seconds(15) }.isEmpty, "no floor-pinned waits during the stall (the last one is clipped to maxWait)")
        #expect(lateWaits.dropLast().allSatisfy { $0 >= .seconds(15) && $0 <= .seconds(120) })
    }

    @Test func terminalStatesEndPolling() {
        var machine = PollMachine(schedule: schedule, jitter: .none, startedAt: .epoch, seed: 1)
        _ = machine.start(now: .epoch)
        #expect(machine.observe(refresh(.completed, 100), now: .epoch.advanced(by: .seconds(15))) == .completed(refresh(.completed, 100)))
        var other = PollMachine(schedule: schedule, jitter: .none, startedAt: .epoch, seed: 1)
        _ = other.start(now: .epoch)
        #expect(other.observe(refresh(.failed, 40), now: .epoch.advanced(by: .seconds(15))) == .failed(refresh(.failed, 40)))
    }

    @Test func budgetEndsInTimeoutAndLastWaitIsClipped() {
        var machine = PollMachine(schedule: schedule, jitter: .none, startedAt: .epoch, seed: 1)
        var now = Moment.epoch
        var action = machine.start(now: now)
        var polls = 0
        while case .wait(let wait) = action {
            now = now.advanced(by: wait)
            polls += 1
            action = machine.observe(refresh(.inProgress, 99), now: now)
        }
        guard case .timedOut(let last) = action else { Issue.record("expected timeout, got \(action)"); return }
        #expect(last?.progress == 99)
        #expect(now == .epoch.advanced(by: .seconds(4 * 3600)), "the last wait is clipped to the budget")
        #expect(polls == schedule.statusRequestsWithoutJitter)
    }

    @Test func unknownStatusKeepsPolling() {
        var machine = PollMachine(schedule: schedule, jitter: .none, startedAt: .epoch, seed: 1)
        _ = machine.start(now: .epoch)
        if case .wait = machine.observe(refresh(.other("PAUSED"), 50), now: .epoch.advanced(by: .seconds(15))) {} else {
            Issue.record("an unknown status must not end the run")
        }
    }

    @Test func withoutRisingProgressPredictionKeepsTheSchedule() {
        var machine = PollMachine(schedule: schedule, jitter: .none, startedAt: .epoch, seed: 1, prediction: .progress)
        let (waits, unexpected) = machine.waitsWhileQueued(4)
        #expect(unexpected == nil, "expected a wait")
        #expect(waits == [.seconds(15), .seconds(30), .seconds(60), .seconds(120)])
    }

    /// A job at a steady 0.1 %/s: after two observations the machine aims just past completion
    /// instead of stepping through the backoff, and never below the floor or above the cap.
    @Test func risingProgressAimsAtThePredictedCompletion() {
        var machine = PollMachine(schedule: schedule, jitter: .full, startedAt: .epoch, seed: 5, prediction: .progress)
        let completesAt = Moment.epoch.advanced(by: .seconds(1000))
        func progress(at moment: Moment) -> Int { min(99, Int(moment.sinceEpoch.components.seconds) / 10) }
        var now = Moment.epoch
        var action = machine.start(now: now)
        var polls = 0
        while case .wait(let wait) = action {
            #expect(wait >= .seconds(15) && wait <= .seconds(120))
            now = now.advanced(by: wait)
            polls += 1
            action = now >= completesAt ? machine.observe(refresh(.completed, 100), now: now) : machine.observe(refresh(.inProgress, progress(at: now)), now: now)
        }
        guard case .completed = action else { Issue.record("expected completion, got \(action)"); return }
        #expect(completesAt.duration(to: now) <= .seconds(15), "noticed \(completesAt.duration(to: now)) after completion")
        #expect(polls <= 13, "fixed 15 s polling would take 67 requests; took \(polls)")
    }

    @Test func theLastWaitNeverGoesBelowTheFloor() {
        let short = PollSchedule(policy: PollingSettings(initialInterval: .seconds(15), multiplier: 2, maxInterval: .seconds(120), jitter: .none), maxWait: .seconds(50))
        var machine = PollMachine(schedule: short, jitter: .none, startedAt: .epoch, seed: 1, prediction: .off)
        var now = Moment.epoch
        var action = machine.start(now: now)
        while case .wait(let wait) = action {
            #expect(wait >= PollSchedule.floor)
            now = now.advanced(by: wait)
            action = machine.observe(refresh(.inProgress, 10), now: now)
        }
        #expect(now < Moment.epoch.advanced(by: .seconds(50 + 15)))
    }
}
