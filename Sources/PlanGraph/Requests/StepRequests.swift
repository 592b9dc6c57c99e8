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

    public static func submitBody(_ settings: SubmitSettings, scope: RefreshScope, runId: String) -> RefreshRequest {
        RefreshRequest(
            scope: scope.wireValue,
            description: RunTag.describe(settings.description, runId: runId),
            preserveSandboxUsers: settings.preserveSandboxUsers,
            maskPii: settings.maskPii ? true : nil,
            maskingRules: settings.maskingRules.isEmpty ? nil : settings.maskingRules)
    }

    /// `scope` is what the run sends now: the node's scope, or the one the dependency scan widened.
    public static func submit(sandboxId: String, _ settings: SubmitSettings, scope: RefreshScope? = nil, runId: String) -> APIRequest {
        Endpoint.submitRefresh(sandboxId: sandboxId, submitBody(settings, scope: scope ?? settings.scope, runId: runId))
    }

    public static func listRefreshes(sandboxId: String) -> APIRequest {
        Endpoint.listRefreshes(sandboxId: sandboxId)
    }

    public static func poll(sandboxId: String, refreshId: String) -> APIRequest {
        Endpoint.getRefresh(sandboxId: sandboxId, refreshId: refreshId)
    }

    public static func abort(sandboxId: String, refreshId: String) -> APIRequest {
        Endpoint.abortRefresh(sandboxId: sandboxId, refreshId: refreshId)
    }

    public static func listing(for kind: ScannedKind) -> Endpoint.Listing {
        switch kind {
        case .queues: return .queues
        case .skills: return .skills
        case .flows: return .flows
        }
    }

    public static func validate(flowIds: [String], validateReferences: Bool) -> APIRequest {
        Endpoint.validateFlows(ValidateFlowsRequest(flowIds: flowIds, validateReferences: validateReferences))
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
    static func wireRule(_ rule: MaskingRule) -> WireMaskingRule {
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
