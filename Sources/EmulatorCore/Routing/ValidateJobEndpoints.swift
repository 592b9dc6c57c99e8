import Foundation
import GenesysWire
import Timekeeping

/// A validation job registered with `POST /api/v2/flows/validate/jobs`.
struct ValidateJobRecord: Sendable {
    var id: String
    var organization: String
    var registeredAt: Moment
    /// When it moves from Registered to Started, and when it ends.
    var startsAt: Moment
    var endsAt: Moment
    /// Judged at registration, against the organization as it stood then.
    var errors: [FlowValidationError]
}

/// The platform's asynchronous flow validation: register a job, then read it until it ends.
/// A job is `Registered`, `Started` a second later, and ends after two seconds plus 20 ms per
/// flow: `Success` when no flow has an error, `Failure` when one does. Its messages (with
/// `expand=messages`) are the validation findings as free text, one per finding:
/// `<flow name> (<flow id>): <message> [<reference type>]`.
extension EmulatorState {
    static let maxValidateJobFlows = 1000

    private struct JobBody: Decodable {
        struct Details: Decodable { var flow: ValidateJobRequest.FlowReference? }
        var flows: [Details]?
    }

    mutating func submitValidateJob(_ context: RequestContext) -> WireResponse {
        guard let organization = context.organization, let org = org(organization) else { return Reply.notFound(context) }
        guard let data = context.body, let body = try? WireCoding.decoder.decode(JobBody.self, from: data), let flows = body.flows, !flows.isEmpty else {
            return Reply.badRequest(context, "The request body must list the flows to validate", field: "flows")
        }
        guard flows.count <= Self.maxValidateJobFlows else {
            return Reply.badRequest(context, "At most \(Self.maxValidateJobFlows) flows per validate job", field: "flows")
        }
        var ids: [String] = []
        for details in flows {
            if let id = details.flow?.id {
                ids.append(id)
            } else if let name = details.flow?.name, let type = details.flow?.type,
                      let found = org.flows.first(where: { $0.flow.name == name && $0.flow.type == type }) {
                ids.append(found.flow.id)
            } else {
                return Reply.badRequest(context, "Each flow needs an id, or a name and a type that exist", field: "flows")
            }
        }
        let errors = Self.validationErrors(org, flowIds: ids, validateReferences: true)
        let starts = context.now.advanced(by: .seconds(1))
        let record = ValidateJobRecord(id: rng.uuid(), organization: organization, registeredAt: context.now, startsAt: starts,
                                       endsAt: starts.advanced(by: .seconds(1) + .milliseconds(20 * ids.count)), errors: errors)
        validateJobs.append(record)
        return Reply.json(ValidateJobRegistration(id: record.id, status: .registered, totalFlows: ids.count), context)
    }

    func getValidateJob(_ jobId: String, _ context: RequestContext) -> WireResponse {
        guard let job = validateJobs.first(where: { $0.id == jobId && $0.organization == context.organization }) else {
            return Reply.notFound(context, "Validate job \(jobId) not found")
        }
        let now = context.now
        let status: ValidateJobStatus
        if now < job.startsAt { status = .registered }
        else if now < job.endsAt { status = .started }
        else { status = job.errors.contains { $0.severity == "ERROR" } ? .failure : .success }
        let expand = (context.queryValues["expand"] ?? []).contains("messages")
        var messages: [ValidateJobMessage]?
        if expand {
            let at = clock.date(at: min(now, job.endsAt))
            messages = status.isTerminal ? job.errors.map { Self.message($0, at: at) } : []
        }
        return Reply.json(ValidateJobState(id: job.id, status: status, messages: messages), context)
    }

    static func message(_ error: FlowValidationError, at date: Date) -> ValidateJobMessage {
        let type = error.severity.uppercased() == "ERROR" ? "Error" : error.severity.uppercased() == "WARNING" ? "Warning" : "Unknown"
        var text = "\(error.flowName ?? error.flowId) (\(error.flowId)): \(error.message)"
        if let reference = error.referenceType { text += " [\(reference)]" }
        return ValidateJobMessage(dateTime: date, type: type, text: text)
    }
}
