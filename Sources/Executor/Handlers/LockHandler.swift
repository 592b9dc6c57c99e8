import GenesysClient
import GenesysWire
import PlanGraph
import Timekeeping

/// Guide section 4 and edge case 2: one refresh lock per sandbox. Adopt our own job, and treat
/// anyone else's by the plan's foreign-refresh policy.
enum LockHandler {
    static func run(_ policy: LockSettings, _ ctx: RunContext, _ state: inout RunState) async -> StepResult {
        let started = ctx.clock.now
        let pollEvery = policy.pollEvery
        while true {
            let listing: RefreshListing
            do {
                listing = try await ctx.sandbox.send(StepRequests.listRefreshes(sandboxId: ctx.settings.sandboxId), as: RefreshListing.self)
            } catch {
                return .apiFailure(error)
            }
            let waited = started.duration(to: ctx.clock.now)
            switch LockDecision.decide(refreshes: listing.entities, runId: ctx.runId, policy: policy, now: ctx.clock.nowDate, waitedSoFar: waited, adoptFinished: ctx.resume != nil, staleRunIds: ctx.staleRunIds) {
            case .free:
                ctx.emit("lock.free", step: "lock", "no active refresh on \(ctx.settings.sandboxId)")
                return handBack(state)
            case .adopt(let ours):
                state.currentRefresh = ours
                state.adoptedRefreshId = ours.id
                if !state.refreshIds.contains(ours.id) { state.refreshIds.append(ours.id) }
                ctx.emit("lock.adopt", step: "lock", "refresh \(ours.id) already carries this run's id (\(ours.status)); polling it instead of submitting again", fields: ["refreshId": ours.id])
                do {
                    try await ctx.write(.refreshIdReceived(step: "lock", refreshId: ours.id, tag: ctx.runId, adopted: true))
                } catch {
                    return .failure(error)
                }
                return handBack(state)
            case .wait(let foreign):
                ctx.emit("lock.wait", step: "lock", "refresh \(foreign.id) (\(foreign.status), \(foreign.progress)%, \"\(foreign.description ?? "")\") holds the sandbox; waiting \(Int(pollEvery.seconds))s", level: .warning, fields: ["refreshId": foreign.id])
                do { try await ctx.clock.sleep(for: pollEvery) } catch { return .failure(StepFailure(.interrupted, "interrupted while waiting for the sandbox lock")) }
            case .abort(let foreign):
                let why = RunTag.runId(in: foreign.description).map { "tagged by run \($0), which the journal shows failed or died" } ?? "created \(foreign.createdText) with no pipeline id"
                ctx.emit("lock.abort", step: "lock", "aborting stale foreign refresh \(foreign.id), \(why) (lock.onForeignRefresh abort-if-stale)", level: .warning, fields: ["refreshId": foreign.id])
                do {
                    try await ctx.write(.aboutToSend(step: "lock", effect: .abort(refreshId: foreign.id)))
                } catch {
                    return .failure(error)
                }
                do {
                    _ = try await ctx.sandbox.send(StepRequests.abort(sandboxId: ctx.settings.sandboxId, refreshId: foreign.id))
                    state.abortedForeignRefreshes.append(foreign.id)
                } catch let error where error.status == 404 || error.status == 409 {
                    // It ended on its own between listing and aborting: look again.
                } catch {
                    return .apiFailure(error)
                }
            case .fail(_, let reason):
                return .failure(StepFailure(.lockNotAcquired, reason))
            }
        }
    }

    /// After a 409 on submit the walk came here through the conflict edge: hand back to the
    /// submission that met it, through the matching edge, instead of the run order.
    static func handBack(_ state: RunState) -> StepResult {
        guard let chain = state.resubmitChain, let back = Chain(rawValue: chain) else { return .success }
        return .branch(rule: TransitionRules.resubmit(back))
    }
}
