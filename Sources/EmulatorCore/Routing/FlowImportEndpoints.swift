import Foundation
import GenesysWire
import Timekeeping

/// A flow import job registered with `POST /api/v2/flows/jobs`.
struct FlowImportJobRecord: Sendable {
    var id: String
    var organization: String
    var token: String
    /// When the file arrived (the job starts); nil while it is `Registered`.
    var uploadedAt: Moment?
    var flow: EntityRef?
    var command: String?
    var failure: String?
}

/// The platform's flow import: register a job, PUT the file to its `presignedUrl` without the
/// bearer token and with exactly its `headers`, then read the job: `Registered` until the file
/// arrives, `Started`, and a second later `Success` (with the flow) or `Failure` (with a
/// message). The file is `FlowDocument`'s; each flow in it is created, or updated when the
/// organization has a flow of that name and type, with its references resolved BY NAME in the
/// organization. A name the organization lacks fails the job, naming it, and changes nothing.
/// The emulator applies the file when it arrives; only the job's status waits.
extension EmulatorState {
    static let uploadHeaders = ["Content-Type": "application/octet-stream"]

    mutating func submitImportJob(_ context: RequestContext) -> WireResponse {
        guard let organization = context.organization else { return Reply.notFound(context) }
        let record = FlowImportJobRecord(id: rng.uuid(), organization: organization, token: rng.hexString(bytes: 20))
        importJobs.append(record)
        return Reply.json(FlowImportJobRegistration(id: record.id, presignedUrl: context.baseURL + Route.importFilesPath + record.token,
                                                    headers: Self.uploadHeaders), context)
    }

    func getImportJob(_ jobId: String, _ context: RequestContext) -> WireResponse {
        guard let job = importJobs.first(where: { $0.id == jobId && $0.organization == context.organization }) else {
            return Reply.notFound(context, "Import job \(jobId) not found")
        }
        let status: ValidateJobStatus
        var messages: [ValidateJobMessage]?
        if let uploaded = job.uploadedAt {
            let ends = uploaded.advanced(by: .seconds(1))
            if context.now < ends { status = .started } else if let failure = job.failure {
                status = .failure
                messages = [ValidateJobMessage(dateTime: clock.date(at: ends), type: "Error", text: failure)]
            } else { status = .success }
        } else {
            status = .registered
        }
        return Reply.json(FlowImportJobState(id: job.id, flow: status == .success ? job.flow : nil, status: status,
                                             command: job.command, messages: messages), context)
    }

    /// `PUT {presignedUrl}`: the file; once per job.
    mutating func upload(_ token: String, _ context: RequestContext) -> WireResponse {
        guard let index = importJobs.firstIndex(where: { $0.token == token }) else { return Reply.notFound(context, "No such upload") }
        for (name, value) in Self.uploadHeaders where context.headers[name] != value {
            return Reply.error(403, "signature.does.not.match", "The request must carry the header \(name): \(value) as registered", context)
        }
        guard importJobs[index].uploadedAt == nil else {
            return Reply.error(409, ErrorCode.conflict, "A file was already uploaded for import job \(importJobs[index].id)", context)
        }
        importJobs[index].uploadedAt = context.now
        let text = String(decoding: context.body ?? Data(), as: UTF8.self)
        switch importFlows(text, into: importJobs[index].organization) {
        case .success(let (flow, command)):
            importJobs[index].flow = flow
            importJobs[index].command = command
        case .failure(let problem):
            importJobs[index].failure = problem.message
        }
        return WireResponse(status: 200, headers: Reply.headers(context, json: false))
    }

    /// Resolves every flow of the file first, then writes them all (a failure writes none).
    private mutating func importFlows(_ text: String, into organization: String) -> Result<(EntityRef, String), FlowDocument.Problem> {
        guard let org = org(organization) else { return .failure(FlowDocument.Problem(message: "Organization \(organization) not found")) }
        let parsed: [FlowDocument.Parsed]
        switch FlowDocument.parse(text) {
        case .success(let flows): parsed = flows
        case .failure(let problem): return .failure(problem)
        }
        var resolved: [(FlowDocument.Parsed, [FlowReference])] = []
        for flow in parsed {
            var references: [FlowReference] = []
            for reference in flow.references {
                guard let id = Self.resolve(reference, in: org, importing: parsed) else {
                    return .failure(FlowDocument.Problem(message: "Flow '\(flow.name)': no \(reference.kind) named '\(reference.name)' in the organization"))
                }
                references.append(FlowReference(type: reference.kind, id: id))
            }
            resolved.append((flow, references))
        }
        var last = EntityRef(id: "")
        var command = "Create"
        for (flow, references) in resolved {
            (last, command) = write(flow, references: references, into: organization)
        }
        return .success((last, command))
    }

    private static func resolve(_ reference: FlowDocument.Reference, in org: OrgData, importing: [FlowDocument.Parsed]) -> String? {
        switch reference.kind {
        case "queue": return org.queues.first { $0.name == reference.name }?.id
        case "skill": return org.skills.first { $0.name == reference.name }?.id
        case "flow": return org.flows.first { $0.flow.name == reference.name }?.flow.id
        case "dataTable": return org.dataTables.first { $0.name == reference.name }?.id
        case "scheduleGroup": return org.scheduleGroups.first { $0.name == reference.name }?.id
        default: return nil
        }
    }

    private mutating func write(_ parsed: FlowDocument.Parsed, references: [FlowReference], into organization: String) -> (EntityRef, String) {
        let newId = rng.uuid()
        var result = (EntityRef(id: newId, name: parsed.name, selfUri: "/api/v2/flows/\(newId)"), "Create")
        updateOrg(organization) { org in
            let division = org.queues.first?.division ?? org.flows.first?.flow.division
            if let index = org.flows.firstIndex(where: { $0.flow.name == parsed.name && $0.flow.type == parsed.type }) {
                let current = Int(org.flows[index].flow.checkedInVersion?.id.split(separator: ".").first ?? "0") ?? 0
                let next = EntityRef(id: "\(current + 1).0", name: "\(current + 1).0")
                org.flows[index].flow.checkedInVersion = next
                org.flows[index].flow.savedVersion = nil
                org.flows[index].flow.description = parsed.description
                org.flows[index].references = references
                org.flows[index].settings = parsed.settings
                let flow = org.flows[index].flow
                result = (EntityRef(id: flow.id, name: flow.name, selfUri: flow.selfUri), "Update")
            } else {
                var flow = Flow(id: newId, name: parsed.name, type: parsed.type, division: division, publishedVersion: EntityRef(id: "1.0", name: "1.0"))
                flow.description = parsed.description
                org.flows.append(FlowDefinition(flow: flow, references: references, settings: parsed.settings))
            }
        }
        return result
    }
}
