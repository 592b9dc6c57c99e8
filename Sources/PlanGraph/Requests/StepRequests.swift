import Foundation
import GenesysWire
import RefreshPlan

/// The one place that turns a plan into API requests. The preview lists what these return;
/// the executor sends what these return.
public enum StepRequests {
    public static let tokenRequest = APIRequest(.post, TokenEndpoint.path, body: Data(TokenEndpoint.formBody.utf8), operation: "oauth.token")

    public static func login(_ target: RequestTarget) -> PlannedRequest {
        PlannedRequest(target, tokenRequest, displayHeaders: [
            "Authorization: Basic (sensitive)", "Content-Type: application/x-www-form-urlencoded",
        ])
    }

    public static func submitBody(plan: Plan, scope: Scope, runId: String) -> RefreshRequest {
        RefreshRequest(
            scope: scope.wireValue,
            description: RunTag.describe(plan.refresh.description, runId: runId),
            preserveSandboxUsers: plan.refresh.preserveSandboxUsers,
            maskPii: plan.masking.maskPii ? true : nil,
            maskingRules: plan.masking.rules.isEmpty ? nil : plan.masking.rules.map(wireRule))
    }

    public static func submit(plan: Plan, scope: Scope, runId: String) -> APIRequest {
        Endpoint.submitRefresh(sandboxId: plan.sandbox.id, submitBody(plan: plan, scope: scope, runId: runId))
    }

    public static func listRefreshes(plan: Plan) -> APIRequest {
        Endpoint.listRefreshes(sandboxId: plan.sandbox.id)
    }

    public static func poll(plan: Plan, refreshId: String) -> APIRequest {
        Endpoint.getRefresh(sandboxId: plan.sandbox.id, refreshId: refreshId)
    }

    public static func abort(plan: Plan, refreshId: String) -> APIRequest {
        Endpoint.abortRefresh(sandboxId: plan.sandbox.id, refreshId: refreshId)
    }

    public static func listing(for kind: ObjectKind) -> Endpoint.Listing {
        switch kind {
        case .queues: return .queues
        case .skills: return .skills
        case .flows: return .flows
        }
    }

    public static func validate(flowIds: [String], gate: FlowValidationGate) -> APIRequest {
        Endpoint.validateFlows(ValidateFlowsRequest(flowIds: flowIds, validateReferences: gate.validateReferences))
    }

    /// Registering a validation job only reads, so it may be resent like the guide's validate.
    public static func submitValidateJob(flowIds: [String]) -> APIRequest {
        var request = Endpoint.submitValidateJob(ValidateJobRequest(flowIds: flowIds))
        request.isIdempotent = true
        return request
    }

    public static func validateJobStatus(jobId: String) -> APIRequest {
        Endpoint.getValidateJob(jobId: jobId)
    }

    /// The masking rule as the payload carries it. The hash key itself never leaves the tool.
    public static func wireRule(_ rule: MaskingRule) -> WireMaskingRule {
        var wire = WireMaskingRule(object: rule.match.object, field: rule.match.field, dataTable: rule.match.dataTable, column: rule.match.column, action: "redact")
        switch rule.action {
        case .redact: wire.action = "redact"
        case .partial(let first, let last):
            wire.action = "partial"
            wire.keepFirst = first
            wire.keepLast = last
        case .hash: wire.action = "hash"
        case .tokenize: wire.action = "tokenize"
        }
        return wire
    }
}
