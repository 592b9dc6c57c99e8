import Foundation
import GenesysClient
import GenesysWire
import PlanGraph

/// `gates.validateFlows.method: validate-jobs`: one platform validation job per batch, read
/// until it ends. Its messages are free text; they become the same validation errors the
/// guide's endpoint reports, as far as the text tells (`JobMessageReading`).
enum ValidationJobRunner {
    static func validate(_ batch: [String], gate: FlowValidationSettings, step: String, _ ctx: RunContext) async -> Result<[FlowValidationError], StepFailure> {
        let registration: ValidateJobRegistration
        do {
            registration = try await ctx.sandbox.send(StepRequests.submitValidateJob(flowIds: batch), as: ValidateJobRegistration.self)
        } catch {
            return .failure(StepFailure(.apiError, error.description))
        }
        ctx.emit("validation.job", step: step, "validation job \(registration.id) registered for \(registration.totalFlows ?? batch.count) flows", fields: ["jobId": registration.id])
        let deadline = ctx.clock.now.advanced(by: gate.jobTimeout)
        var read = 0
        while true {
            read += 1
            let wait = FlowValidationJobs.interval(before: read)
            guard ctx.clock.now.advanced(by: wait) <= deadline else {
                return .failure(StepFailure(.validationGateFailed, "validation job \(registration.id) did not end within \(gate.jobTimeout.formattedSeconds) (gates.validateFlows.jobTimeout); the flows were not validated"))
            }
            do { try await ctx.clock.sleep(for: wait) } catch {
                return .failure(StepFailure(.interrupted, "interrupted while waiting for validation job \(registration.id)"))
            }
            let state: ValidateJobState
            do {
                state = try await ctx.sandbox.send(StepRequests.validateJobStatus(jobId: registration.id), as: ValidateJobState.self, deadline: deadline)
            } catch {
                return .failure(StepFailure(.apiError, error.description))
            }
            guard let status = state.status, status.isTerminal else { continue }
            var errors = (state.messages ?? []).compactMap(JobMessageReading.error(from:))
            if status == .failure, !errors.contains(where: { $0.severity == "ERROR" }) {
                // A failed job that says nothing usable still failed: never read as a pass.
                errors.append(FlowValidationError(severity: "ERROR", flowId: "job:\(registration.id)", flowName: nil, referenceId: nil, referenceType: nil,
                                                  message: "validation job \(registration.id) ended with status Failure"))
            }
            return .success(errors)
        }
    }
}

/// Reads a job message (`ArchitectJobMessage`) as a validation error. The platform writes free
/// text; the shape `<flow name> (<flow id>): <message> [<reference type>]` (the emulator's) is
/// read field by field, anything else is kept whole.
enum JobMessageReading {
    static func error(from message: ValidateJobMessage) -> FlowValidationError? {
        guard let text = message.text, !text.isEmpty else { return nil }
        let severity: String
        switch message.type?.lowercased() {
        case "error": severity = "ERROR"
        case "warning": severity = "WARNING"
        default: severity = "WARNING"
        }
        var flowName: String?, flowId = "unknown", body = text, referenceType: String?
        // The id is the parenthesis closing right before the first "): " (names may hold parentheses).
        if let close = text.range(of: "): "), let open = text.range(of: " (", options: .backwards, range: text.startIndex..<close.lowerBound) {
            flowName = String(text[..<open.lowerBound])
            flowId = String(text[open.upperBound..<close.lowerBound])
            body = String(text[close.upperBound...])
        }
        if body.hasSuffix("]"), let open = body.range(of: " [", options: .backwards) {
            referenceType = String(body[open.upperBound..<body.index(before: body.endIndex)])
            body = String(body[..<open.lowerBound])
        }
        var referenceId: String?
        if let start = body.range(of: "Reference '"), let end = body.range(of: "'", range: start.upperBound..<body.endIndex) {
            referenceId = String(body[start.upperBound..<end.lowerBound])
        }
        return FlowValidationError(severity: severity, flowId: flowId, flowName: flowName, referenceId: referenceId, referenceType: referenceType, message: body)
    }
}
