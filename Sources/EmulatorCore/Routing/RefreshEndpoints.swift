import Foundation
import GenesysWire

/// The guide's sandbox refresh endpoints. A sandbox is managed with a token of its own
/// organization; production's token is accepted too. Another sandbox's token sees 404.
extension EmulatorState {
    /// The body as sent: only `scope` is required. `preserveSandboxUsers` absent means false,
    /// the platform's hard replacement (the guide's trap).
    private struct SubmitBody: Decodable {
        var scope: String?
        var description: String?
        var preserveSandboxUsers: Bool?
        var maskPii: Bool?
        var maskingRules: [WireMaskingRule]?
    }

    private func sandboxVisible(_ sandboxId: String, _ context: RequestContext) -> Bool {
        guard world.sandbox(sandboxId) != nil, let organization = context.organization else { return false }
        return organization == World.productionName || organization == sandboxId
    }

    private func sandboxNotFound(_ sandboxId: String, _ context: RequestContext) -> WireResponse {
        Reply.notFound(context, "Sandbox \(sandboxId) not found")
    }

    /// Newest first.
    func listRefreshes(_ sandboxId: String, _ context: RequestContext) -> WireResponse {
        guard sandboxVisible(sandboxId, context) else { return sandboxNotFound(sandboxId, context) }
        let entities = jobs.filter { $0.sandboxId == sandboxId }.reversed().map { $0.snapshot(at: context.now, clock: clock) }
        return Reply.json(RefreshListing(entities: entities), context)
    }

    mutating func submitRefresh(_ sandboxId: String, _ context: RequestContext) -> WireResponse {
        guard sandboxVisible(sandboxId, context) else { return sandboxNotFound(sandboxId, context) }
        guard let data = context.body, let body = try? WireCoding.decoder.decode(SubmitBody.self, from: data) else {
            return Reply.badRequest(context, "The request body is not a valid refresh request")
        }
        guard let scope = body.scope else { return Reply.badRequest(context, "scope is required", field: "scope") }
        let request = RefreshRequest(scope: scope, description: body.description ?? "", preserveSandboxUsers: body.preserveSandboxUsers ?? false,
                                     maskPii: body.maskPii, maskingRules: body.maskingRules)
        switch startJob(sandboxId: sandboxId, request: request, at: context.now, submittedBy: context.callerName ?? "unknown", manual: false, context: context) {
        case .success(let job):
            return Reply.json(job.snapshot(at: context.now, clock: clock), context)
        case .failure(.unknownSandbox):
            return sandboxNotFound(sandboxId, context)
        case .failure(.scope(.empty)):
            return Reply.badRequest(context, "scope must name at least one of ALL, ARCHITECT, ROUTING, ADMIN, WFM, ICM", field: "scope")
        case .failure(.scope(.unknown(let name))):
            return Reply.badRequest(context, "Unknown refresh scope '\(name)'; expected ALL, ARCHITECT, ROUTING, ADMIN, WFM or ICM", field: "scope")
        case .failure(.scope(.adminWithoutRouting)):
            return Reply.badRequest(context, "Scope ADMIN requires ROUTING: admin configurations reference queue and skill identifiers that must exist in the target environment", field: "scope")
        case .failure(.locked(let active)):
            let status = active.status(at: context.now).0
            return Reply.error(409, ErrorCode.conflict,
                               "Sandbox \(sandboxId) already has an active refresh (\(active.id), \(status.wireValue)); only one refresh may run per sandbox",
                               context, details: [ErrorBody.Detail(errorCode: ErrorCode.conflict, entityId: active.id, entityName: active.request.description)])
        }
    }

    func getRefresh(_ sandboxId: String, _ refreshId: String, _ context: RequestContext) -> WireResponse {
        guard sandboxVisible(sandboxId, context) else { return sandboxNotFound(sandboxId, context) }
        guard let job = jobs.first(where: { $0.id == refreshId && $0.sandboxId == sandboxId }) else {
            return Reply.notFound(context, "Refresh \(refreshId) not found in sandbox \(sandboxId)")
        }
        return Reply.json(job.snapshot(at: context.now, clock: clock), context)
    }

    /// Aborting leaves whatever domains were already applied: the platform does not roll back.
    mutating func abortRefresh(_ sandboxId: String, _ refreshId: String, _ context: RequestContext) -> WireResponse {
        guard sandboxVisible(sandboxId, context) else { return sandboxNotFound(sandboxId, context) }
        guard let index = jobs.firstIndex(where: { $0.id == refreshId && $0.sandboxId == sandboxId }) else {
            return Reply.notFound(context, "Refresh \(refreshId) not found in sandbox \(sandboxId)")
        }
        guard jobs[index].isActive else {
            let status = jobs[index].status(at: context.now).0
            return Reply.error(409, ErrorCode.conflict, "Refresh \(refreshId) has already finished with status \(status.wireValue)", context)
        }
        jobs[index].outcome = .failed(at: context.now, message: "Refresh aborted by \(context.callerName ?? "an API client")")
        return Reply.json(jobs[index].snapshot(at: context.now, clock: clock), context)
    }
}
