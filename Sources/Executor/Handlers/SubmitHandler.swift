import GenesysClient
import GenesysWire
import PlanGraph
import RefreshPlan

/// Submits the refresh exactly once. A 409 goes back through the lock policy; a submission that
/// may have reached the platform is reconciled by listing refreshes for this run's id before
/// anything is resent.
enum SubmitHandler {
    static let maxSubmissions = 3

    static func run(_ chain: Chain, scope plannedScope: Scope, _ ctx: RunContext, _ state: inout RunState) async -> StepResult {
        let step = "submit.\(chain.rawValue)"
        if chain == .primary, let adopted = state.adoptedRefreshId {
            ctx.emit("submit.skipped", step: step, "not submitting: following this run's refresh \(adopted)")
            return .success
        }
        let scope = chain == .primary ? state.effectiveScope : (state.expandedScope ?? plannedScope)
        // The expansion chain is a new job of the same run; tag it apart so adoption stays exact.
        let runTag = chain == .primary ? ctx.runId : "\(ctx.runId)-expanded"
        let request = StepRequests.submit(plan: ctx.plan, scope: scope, runId: runTag)
        let body = StepRequests.submitBody(plan: ctx.plan, scope: scope, runId: runTag)
        for attempt in 1...maxSubmissions {
            ctx.emit("submit", step: step, "submitting refresh of \(ctx.plan.sandbox.id) with scope \(scope.wireValue) (attempt \(attempt))", fields: ["scope": scope.wireValue])
            do {
                let refresh = try await ctx.sandbox.send(request, as: Refresh.self)
                accept(refresh, body: body, step: step, ctx, &state)
                return .success
            } catch let error where error.status == 409 {
                ctx.emit("submit.conflict", step: step, "409 Conflict: the sandbox lock is held; applying the lock policy (correlation id \(error.correlationId ?? "-"))", level: .warning)
                switch await LockHandler.run(ctx, &state) {
                case .success:
                    if let adopted = state.currentRefresh, RunTag.runId(in: adopted.description) == runTag {
                        return .success
                    }
                    continue
                case let other:
                    return other
                }
            } catch let error where error.reason == .ambiguousNonIdempotent || (error.status ?? 0) >= 500 || error.networkError != nil {
                ctx.emit("submit.reconcile", step: step, "submission outcome unknown (\(error)); listing refreshes for run \(runTag) before resending", level: .warning)
                do {
                    let listing = try await ctx.sandbox.send(StepRequests.listRefreshes(plan: ctx.plan), as: RefreshListing.self)
                    if let ours = listing.entities.first(where: { RunTag.runId(in: $0.description) == runTag }) {
                        ctx.emit("submit.reconciled", step: step, "the platform did accept it: refresh \(ours.id)")
                        accept(ours, body: body, step: step, ctx, &state)
                        return .success
                    }
                } catch {
                    return .apiFailure(error)
                }
            } catch {
                return .apiFailure(error, outcome: error.status == 400 ? .refreshFailed : .apiError)
            }
        }
        return .failure(StepFailure(.apiError, "the refresh could not be submitted after \(maxSubmissions) attempts"))
    }

    private static func accept(_ refresh: Refresh, body: RefreshRequest, step: String, _ ctx: RunContext, _ state: inout RunState) {
        state.currentRefresh = refresh
        state.submittedPayloads.append(body)
        if !state.refreshIds.contains(refresh.id) { state.refreshIds.append(refresh.id) }
        ctx.emit("submitted", step: step, "refresh \(refresh.id) accepted (\(refresh.status)); a 200 only means submitted, not done", fields: ["refreshId": refresh.id])
    }
}
