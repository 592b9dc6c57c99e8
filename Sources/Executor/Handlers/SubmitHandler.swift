import GenesysClient
import GenesysWire
import PlanGraph

/// Submits the refresh exactly once. A 409 goes back through the lock policy; a submission that
/// may have reached the platform (an ambiguous failure now, or one journaled as about to be sent
/// by a process that died) is reconciled by listing refreshes for this run's id before anything
/// is resent.
enum SubmitHandler {
    /// The expansion chain is a new job of the same run; it is tagged apart so adoption stays
    /// exact, and each round of a repeated expansion (`maxTimes`) has its own tag.
    static func runTag(_ chain: Chain, _ ctx: RunContext, attempt: Int = 1) -> String {
        chain == .expansion ? RunTag.expansion(of: ctx.runId, round: attempt) : ctx.runId
    }

    static func run(_ chain: Chain, _ settings: SubmitSettings, _ ctx: RunContext, _ state: inout RunState) async -> StepResult {
        let step = "submit.\(chain.rawValue)"
        let returningFromConflict = state.resubmitChain == chain.rawValue
        state.resubmitChain = nil
        if chain == .primary, let adopted = state.adoptedRefreshId {
            ctx.emit("submit.skipped", step: step, "not submitting: following this run's refresh \(adopted)")
            return .success
        }
        if chain == .expansion, !returningFromConflict { state.expansionAttempts += 1 }
        let scope = chain == .primary ? state.effectiveScope : (state.expandedScope ?? settings.scope)
        let runTag = runTag(chain, ctx, attempt: state.expansionAttempts)
        // Back from the lock after a 409: the lock step may have found this very job ours.
        if returningFromConflict, let current = state.currentRefresh, RunTag.runId(in: current.description) == runTag {
            return .success
        }
        let request = StepRequests.submit(sandboxId: ctx.settings.sandboxId, settings, scope: scope, runId: runTag)
        let body = StepRequests.submitBody(settings, scope: scope, runId: runTag)
        if let resume = ctx.resume, resume.mayHaveSubmitted(tag: runTag) {
            switch await reconcile(runTag, knownId: resume.refreshId(tag: runTag), body: body, step: step, ctx, &state) {
            case .some(let result): return result
            case .none: break
            }
        }
        // A request whose outcome is unknown is reconciled and resent here; a 409 leaves through
        // the graph's edge back to the lock step, which hands back to this step.
        for attempt in 1...3 {
            ctx.emit("submit", step: step, "submitting refresh of \(ctx.settings.sandboxId) with scope \(scope.wireValue) (attempt \(attempt))", fields: ["scope": scope.wireValue])
            do {
                try await ctx.write(.aboutToSend(step: step, effect: .submit(tag: runTag, scope: scope.wireValue)))
            } catch {
                return .failure(error)
            }
            do {
                let refresh = try await ctx.sandbox.send(request, as: Refresh.self)
                return await accept(refresh, tag: runTag, body: body, step: step, ctx, &state)
            } catch let error where error.status == 409 {
                let rounds = state.conflicts[chain.rawValue, default: 0]
                guard rounds < TransitionRules.conflictRounds else {
                    return .failure(StepFailure(.lockNotAcquired, "409 Conflict on every submission (\(rounds + 1) times): another refresh keeps taking the sandbox (correlation id \(error.correlationId ?? "-"))"))
                }
                state.conflicts[chain.rawValue] = rounds + 1
                state.resubmitChain = chain.rawValue
                ctx.emit("submit.conflict", step: step, "409 Conflict: the sandbox lock is held; back through the lock policy (correlation id \(error.correlationId ?? "-"))", level: .warning)
                return .branch(rule: TransitionRules.conflict)
            } catch let error where error.reason == .ambiguousNonIdempotent || (error.status ?? 0) >= 500 || error.networkError != nil {
                ctx.emit("submit.reconcile", step: step, "submission outcome unknown (\(error)); listing refreshes for run \(runTag) before resending", level: .warning)
                if let result = await reconcile(runTag, knownId: nil, body: body, step: step, ctx, &state) {
                    return result
                }
            } catch {
                return .apiFailure(error, outcome: error.status == 400 ? .refreshFailed : .apiError)
            }
        }
        return .failure(StepFailure(.apiError, "the refresh could not be submitted after 3 attempts"))
    }

    /// Looks for the job a submission with `tag` created: by id when the journal has it, else by
    /// listing the sandbox's refreshes. Nil when the platform has no such job (safe to send).
    private static func reconcile(_ tag: String, knownId: String?, body: RefreshRequest, step: String, _ ctx: RunContext, _ state: inout RunState) async -> StepResult? {
        do {
            if let knownId {
                do {
                    let refresh = try await ctx.sandbox.send(StepRequests.poll(sandboxId: ctx.settings.sandboxId, refreshId: knownId), as: Refresh.self)
                    ctx.emit("submit.reconciled", step: step, "the journal has refresh \(knownId) for \(tag); following it instead of submitting")
                    return await accept(refresh, tag: tag, body: body, step: step, ctx, &state)
                } catch let error where error.status == 404 {
                    // The platform no longer knows it; the listing below is the last word.
                    ctx.emit("submit.reconcile", step: step, "refresh \(knownId) from the journal is unknown to the platform; listing refreshes for \(tag)", level: .warning)
                }
            }
            let listing = try await ctx.sandbox.send(StepRequests.listRefreshes(sandboxId: ctx.settings.sandboxId), as: RefreshListing.self)
            if let ours = listing.entities.first(where: { RunTag.runId(in: $0.description) == tag }) {
                ctx.emit("submit.reconciled", step: step, "the platform did accept it: refresh \(ours.id)")
                return await accept(ours, tag: tag, body: body, step: step, ctx, &state)
            }
            ctx.emit("submit.reconcile", step: step, "no refresh tagged \(tag) on \(ctx.settings.sandboxId): the earlier submission never arrived; submitting")
            return nil
        } catch {
            return .apiFailure(error)
        }
    }

    private static func accept(_ refresh: Refresh, tag: String, body: RefreshRequest, step: String, _ ctx: RunContext, _ state: inout RunState) async -> StepResult {
        state.currentRefresh = refresh
        state.submittedPayloads.append(body)
        if !state.refreshIds.contains(refresh.id) { state.refreshIds.append(refresh.id) }
        ctx.emit("submitted", step: step, "refresh \(refresh.id) accepted (\(refresh.status)); a 200 only means submitted, not done", fields: ["refreshId": refresh.id])
        do {
            try await ctx.write(.refreshIdReceived(step: step, refreshId: refresh.id, tag: tag, adopted: false))
        } catch {
            return .failure(error)
        }
        return .success
    }
}
