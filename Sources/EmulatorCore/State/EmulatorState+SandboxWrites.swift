import Foundation
import GenesysWire

/// The request path of the reference's sandbox-writes endpoints: production stays read-only,
/// bodies are checked against their reference model, then the endpoint answers.
extension EmulatorState {
    /// Records every request but a GET that reaches production, and refuses the writes with
    /// 403 `missing.permissions` (the answer the notes give for a call the caller may not
    /// make): the tool never writes to production, and a rehearsal proves it.
    mutating func guardProduction(_ route: Route, _ context: RequestContext) -> WireResponse? {
        guard context.organization == World.productionName, context.method != .get else { return nil }
        productionWrites.append(LoggedRequest(method: context.method.rawValue, path: context.pathWithQuery, organization: context.organization,
                                              status: route.writes ? 403 : nil, fault: nil, correlationId: context.correlationId, moment: context.now))
        guard route.writes else { return nil }
        logger?.error("write to production refused", metadata: ["method": "\(context.method.rawValue)", "path": "\(context.path)"])
        return Reply.error(403, ErrorCode.missingPermissions, "The production organization is read-only: \(context.method.rawValue) \(context.path) was refused",
                           context, details: [ErrorBody.Detail(errorCode: ErrorCode.missingPermissions, entityName: World.productionName)])
    }

    mutating func dispatchSandboxWrites(_ route: Route, _ context: RequestContext) -> WireResponse {
        var body = JSONValue.null
        if route.bodyModel != nil || route.takesRow {
            guard let data = context.body, !data.isEmpty, let parsed = try? WireCoding.decode(JSONValue.self, from: data) else {
                return Reply.badRequest(context, "The request body is not valid JSON", field: "body")
            }
            if let model = route.bodyModel, let problem = BodyValidator.problem(parsed, model: model) {
                return Reply.badRequest(context, problem.message, field: problem.field)
            }
            body = parsed
        }
        switch route {
        case .create(let listing): return create(listing, body, context)
        case .update(let listing, let id): return update(listing, id, body, context)
        case .dataTableRow(let table, let row): return self.row(table, row, context)
        case .createDataTableRow(let table): return createRow(table, body, context)
        case .updateDataTableRow(let table, let row): return updateRow(table, row, body, context)
        case .flowConfiguration(let flowId): return flowConfiguration(flowId, context)
        case .submitExportJob: return submitExportJob(context, body)
        case .getExportJob(let jobId): return getExportJob(jobId, context)
        case .submitImportJob: return submitImportJob(context)
        case .getImportJob(let jobId): return getImportJob(jobId, context)
        case .integrationConfig(let id): return integrationConfig(id, context)
        case .updateIntegrationConfig(let id): return updateIntegrationConfig(id, body, context)
        case .listTriggers: return listTriggers(context)
        case .getTrigger(let id): return trigger(id, context)
        case .updateTrigger(let id): return updateTrigger(id, body, context)
        case .presignedDownload(let token): return download(token, context)
        case .presignedUpload(let token): return upload(token, context)
        default: return Reply.notFound(context)
        }
    }
}

extension Route {
    /// Row writes take a free-form object (no body model), still JSON.
    var takesRow: Bool {
        switch self {
        case .createDataTableRow, .updateDataTableRow: return true
        default: return false
        }
    }
}
