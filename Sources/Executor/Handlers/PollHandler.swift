import GenesysClient
import GenesysWire
import PlanGraph
import Timekeeping

/// Trap 2: nothing downstream runs before the platform says COMPLETED. Polls on the plan's
/// backoff, reports progress without trusting it, and ends on FAILED or the maxWait budget.
enum PollHandler {
    static func run(_ chain: Chain, schedule: PollSchedule, _ ctx: RunContext, _ state: inout RunState) async -> StepResult {
        let step = "poll.\(chain.rawValue)"
        guard let refreshId = state.currentRefresh?.id else {
            return .failure(StepFailure(.apiError, "no refresh to poll"))
        }
        let jitter: PollMachine.JitterKind
        switch schedule.policy.jitter {
        case .none: jitter = .none
        case .full: jitter = .full
        case .equal: jitter = .equal
        }
        let history = state.currentRefresh.map { ctx.refreshHistory[PastRefresh.scopeKey($0.scope)] ?? [] } ?? []
        var machine = PollMachine(schedule: schedule, jitter: jitter, startedAt: budgetStart(step, ctx), seed: ctx.seed &+ UInt64(state.refreshIds.count),
                                  history: history)
        if !history.isEmpty {
            ctx.emit("poll.history", step: step, "\(history.count) earlier refreshes of this sandbox and scope: typically \(Int(history.map(\.duration).sorted()[history.count / 2].rounded())) s",
                     fields: ["pastRefreshes": String(history.count)])
        }
        var action = machine.start(now: ctx.clock.now)
        // A resumed run may find its budget spent while it was down; the job may have finished
        // meanwhile, so one status request (after the 15 s floor) decides before a time-out.
        var askedSinceResume = ctx.resume == nil
        while true {
            switch action {
            case .wait(let interval):
                do { try await ctx.clock.sleep(for: interval) } catch {
                    return .failure(StepFailure(.interrupted, "interrupted while polling refresh \(refreshId); the platform job was left running"))
                }
                askedSinceResume = true
                do {
                    let refresh = try await ctx.sandbox.send(StepRequests.poll(sandboxId: ctx.settings.sandboxId, refreshId: refreshId), as: Refresh.self)
                    record(refresh, ctx, &state)
                    do {
                        try await ctx.write(.statusObserved(step: step, refreshId: refresh.id, status: refresh.status.wireValue, progress: refresh.progress, errorMessage: refresh.errorMessage))
                    } catch {
                        return .failure(error)
                    }
                    action = machine.observe(refresh, now: ctx.clock.now)
                    var fields = ["refreshId": refresh.id, "status": refresh.status.wireValue, "progress": String(refresh.progress)]
                    // The wait actually chosen (backoff, jitter or progress prediction), not the schedule's.
                    if case .wait(let next) = action { fields["nextPollSeconds"] = String(Int(next.seconds.rounded())) }
                    if let window = machine.window {
                        fields["expectedFromSeconds"] = String(Int(window.earliest.rounded()))
                        fields["expectedBySeconds"] = String(Int(window.latest.rounded()))
                    }
                    ctx.emit("poll", step: step, "refresh \(refresh.id): \(refresh.status) \(refresh.progress)%", fields: fields)
                } catch let error where [401, 403, 404].contains(error.status ?? 0) {
                    return .apiFailure(error)
                } catch {
                    ctx.emit("poll.error", step: step, "status request failed; polling continues within the budget: \(error)", level: .warning)
                    action = machine.requestFailed(now: ctx.clock.now)
                }
            case .completed(let refresh):
                state.currentRefresh = refresh
                state.completedAt = refresh.completedDate
                state.detectedAt = ctx.clock.nowDate
                ctx.emit("refresh.completed", step: step, "refresh \(refresh.id) COMPLETED after \(machine.polls) status requests")
                return .success
            case .failed(let refresh):
                return .failure(StepFailure(.refreshFailed, "refresh \(refresh.id) FAILED: \(refresh.errorMessage ?? "the platform gave no errorMessage")"))
            case .timedOut where !askedSinceResume:
                askedSinceResume = true
                action = .wait(PollSchedule.floor)
            case .timedOut(let last):
                return .failure(StepFailure(.timedOut, "refresh \(refreshId) did not finish within maxWait \(schedule.maxWait.formattedSeconds) (last seen \(last.map { "\($0.status) \($0.progress)%" } ?? "never")); it was left running for the platform team to inspect"))
            }
        }
    }

    /// A resumed run keeps the maxWait budget of the poll that was interrupted, not a new one.
    static func budgetStart(_ step: String, _ ctx: RunContext) -> Moment {
        let now = ctx.clock.now
        guard let first = ctx.resume?.pollStartedAt[step] else { return now }
        let elapsed = max(0, ctx.clock.nowDate.timeIntervalSince(first))
        return now.advanced(by: .zero - .milliseconds(Int64(elapsed * 1000)))
    }

    static func record(_ refresh: Refresh, _ ctx: RunContext, _ state: inout RunState) {
        state.currentRefresh = refresh
        state.statuses.append(.init(at: WireCoding.timestamp(ctx.clock.nowDate), refreshId: refresh.id, status: refresh.status.wireValue, progress: refresh.progress, errorMessage: refresh.errorMessage))
    }
}
