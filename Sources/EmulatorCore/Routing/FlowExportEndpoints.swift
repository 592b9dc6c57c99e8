import Foundation
import GenesysWire
import Timekeeping

/// A flow export job registered with `POST /api/v2/flows/export/jobs`.
struct FlowExportJobRecord: Sendable {
    var id: String
    var organization: String
    var startsAt: Moment
    var endsAt: Moment
    /// The file as it stood at registration (the flows' state then); nil when the job fails.
    var document: String?
    var failure: String?
    /// The presigned download's secret path segment.
    var token: String
    var flowCount: Int
}

/// The platform's flow export: register a job naming flows (by id, or name and type), read it
/// until it ends; `Registered`, `Started` a second later, and `Success` two seconds plus 20 ms
/// per flow after registration, with one `downloadUrl` for all its flows (a presigned URL the
/// emulator serves itself: GET, no bearer token, see `FlowDocument` for the file). A flow that
/// does not exist makes the job end in `Failure` with a message naming it. Both export types
/// are accepted; the file is the same (the emulator has no Architect-format export).
extension EmulatorState {
    static let maxExportJobFlows = 500

    mutating func submitExportJob(_ context: RequestContext, _ body: JSONValue) -> WireResponse {
        guard let organization = context.organization, let org = org(organization) else { return Reply.notFound(context) }
        guard let request = try? WireCoding.decode(FlowExportJobRequest.self, from: WireCoding.encode(body)),
              let flows = request.flows, !flows.isEmpty else {
            return Reply.badRequest(context, "The request body must list the flows to export", field: "flows")
        }
        guard flows.count <= Self.maxExportJobFlows else {
            return Reply.badRequest(context, "At most \(Self.maxExportJobFlows) flows per export job", field: "flows")
        }
        var definitions: [FlowDefinition] = []
        var failure: String?
        for (index, details) in flows.enumerated() {
            let reference = details.flow
            let found = org.flows.first { definition in
                if let id = reference?.id { return definition.flow.id == id }
                return definition.flow.name == reference?.name && (reference?.type == nil || definition.flow.type == reference?.type)
            }
            guard let found else {
                failure = "flows[\(index)]: flow '\(reference?.id ?? reference?.name ?? "?")' not found"
                break
            }
            definitions.append(found)
        }
        let starts = context.now.advanced(by: .seconds(1))
        let record = FlowExportJobRecord(id: rng.uuid(), organization: organization, startsAt: starts,
                                         endsAt: starts.advanced(by: .seconds(1) + .milliseconds(20 * flows.count)),
                                         document: failure == nil ? FlowDocument.render(definitions, in: org) : nil, failure: failure,
                                         token: rng.hexString(bytes: 20), flowCount: flows.count)
        exportJobs.append(record)
        return Reply.json(FlowExportJobRegistration(id: record.id, status: .registered, totalFlows: flows.count), context)
    }

    func getExportJob(_ jobId: String, _ context: RequestContext) -> WireResponse {
        guard let job = exportJobs.first(where: { $0.id == jobId && $0.organization == context.organization }) else {
            return Reply.notFound(context, "Export job \(jobId) not found")
        }
        let now = context.now
        let status: ValidateJobStatus = now < job.startsAt ? .registered : now < job.endsAt ? .started : job.failure == nil ? .success : .failure
        var messages: [ValidateJobMessage]?
        if status == .failure, let failure = job.failure {
            messages = [ValidateJobMessage(dateTime: clock.date(at: job.endsAt), type: "Error", text: failure)]
        }
        let url = status == .success ? context.baseURL + Route.exportFilesPath + job.token : nil
        return Reply.json(FlowExportJobState(id: job.id, status: status, downloadUrl: url, messages: messages), context)
    }

    /// `GET {downloadUrl}`: the file, once the job has succeeded.
    func download(_ token: String, _ context: RequestContext) -> WireResponse {
        guard let job = exportJobs.first(where: { $0.token == token }), context.now >= job.endsAt, let document = job.document else {
            return Reply.notFound(context, "No such file")
        }
        var headers = Reply.headers(context, json: false)
        headers["Content-Type"] = "application/x-yaml"
        return WireResponse(status: 200, headers: headers, body: Data(document.utf8))
    }

    /// `GET /api/v2/flows/{flowId}/latestconfiguration`: the flow's definition with its
    /// references by id (see `FlowConfiguration`).
    func flowConfiguration(_ flowId: String, _ context: RequestContext) -> WireResponse {
        guard let org = context.organization.flatMap(org), let definition = org.flows.first(where: { $0.flow.id == flowId }) else {
            return Reply.notFound(context, "Flow \(flowId) not found")
        }
        let flow = definition.flow
        let configuration = FlowConfiguration(id: flow.id, name: flow.name, type: flow.type, description: flow.description,
                                              settings: definition.settings,
                                              references: definition.references.map { FlowConfiguration.Reference(referenceType: $0.type, id: $0.id) })
        return Reply.json(configuration, context)
    }
}
