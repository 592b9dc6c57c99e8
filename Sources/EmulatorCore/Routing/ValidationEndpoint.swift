import GenesysWire

/// `POST /api/v2/architect/flows/validate`, computed from the caller organization's state.
///
/// - `flowIds` empty or absent: every flow of the organization; at most 500 ids otherwise.
/// - An unknown flow id yields an ERROR entry (no reference fields) rather than failing the
///   whole batch.
/// - `validateReferences: false` skips reference checks; warnings are always reported.
extension EmulatorState {
    static let maxValidateBatch = 500

    struct UnknownFlow: Error { var id: String }

    private struct ValidateBody: Decodable {
        var flowIds: [String]?
        var validateReferences: Bool?
    }

    func validateFlows(_ context: RequestContext) -> WireResponse {
        guard let org = context.organization.flatMap(org) else { return Reply.notFound(context) }
        guard let data = context.body, let body = try? WireCoding.decoder.decode(ValidateBody.self, from: data) else {
            return Reply.badRequest(context, "The request body is not a valid validation request")
        }
        let ids = body.flowIds ?? []
        guard ids.count <= Self.maxValidateBatch else {
            return Reply.badRequest(context, "flowIds may hold at most \(Self.maxValidateBatch) ids per request", field: "flowIds")
        }
        return Reply.json(ValidateFlowsResponse(validationErrors: Self.validationErrors(org, flowIds: ids, validateReferences: body.validateReferences ?? true)), context)
    }

    /// Validates `flowIds` (every flow when empty) against the organization as it stands.
    static func validationErrors(_ org: OrgData, flowIds ids: [String], validateReferences: Bool) -> [FlowValidationError] {
        let byId = Dictionary(org.flows.map { ($0.flow.id, $0) }, uniquingKeysWith: { first, _ in first })
        let targets: [Result<FlowDefinition, UnknownFlow>] = ids.isEmpty
            ? org.flows.map { .success($0) }
            : ids.map { id in byId[id].map { .success($0) } ?? .failure(UnknownFlow(id: id)) }
        let existing = org.referenceableIds()
        var errors: [FlowValidationError] = []
        for target in targets {
            let definition: FlowDefinition
            switch target {
            case .success(let found): definition = found
            case .failure(let unknown):
                let id = unknown.id
                errors.append(FlowValidationError(severity: "ERROR", flowId: id, flowName: nil, referenceId: nil, referenceType: nil,
                                                  message: "Flow '\(id)' not found"))
                continue
            }
            let flow = definition.flow
            if validateReferences {
                for reference in definition.references where !(existing[reference.type]?.contains(reference.id) ?? false) {
                    errors.append(FlowValidationError(
                        severity: "ERROR", flowId: flow.id, flowName: flow.name, referenceId: reference.id, referenceType: reference.type,
                        message: "Reference '\(reference.id)' not found",
                        stackTrace: ["\(flow.name) (\(flow.type?.wireValue ?? "FLOW"))", Self.action(for: reference.type), "\(reference.type) '\(reference.id)'"]))
                }
            }
            for warning in definition.warnings {
                errors.append(FlowValidationError(severity: "WARNING", flowId: flow.id, flowName: flow.name, referenceId: nil, referenceType: nil, message: warning))
            }
        }
        return errors
    }

    private static func action(for type: String) -> String {
        switch type {
        case "queue": return "Transfer to ACD"
        case "skill": return "Set Skills"
        case "flow": return "Call Common Module"
        case "dataTable": return "Data Table Lookup"
        case "scheduleGroup": return "Evaluate Schedule Group"
        default: return "Reference"
        }
    }
}
