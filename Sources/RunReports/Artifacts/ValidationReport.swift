import Executor
import Foundation
import GenesysWire

/// `validation-report.json`: every flow validation error, the references the sandbox lacks,
/// and per failing flow the commit that last touched its file.
struct ValidationReport: Encodable {
    var validatedFlows: Int
    var errors: [FlowValidationError]
    /// Per failing flow, the commit that last touched its file in `sourceRepository`.
    var lastCommits: [FlowCommit]
    var missingReferences: [String] { Array(Set(errors.compactMap(\.referenceId))).sorted() }

    init(state: RunState, flowCommits: [FlowCommit]) {
        validatedFlows = state.validatedFlows
        errors = state.validationErrors
        lastCommits = flowCommits
    }

    var json: Data { WireCoding.encode(self, pretty: true) }

    enum CodingKeys: String, CodingKey { case validatedFlows, errors, missingReferences, lastCommits }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(validatedFlows, forKey: .validatedFlows)
        try c.encode(errors, forKey: .errors)
        try c.encode(missingReferences, forKey: .missingReferences)
        if !lastCommits.isEmpty { try c.encode(lastCommits, forKey: .lastCommits) }
    }
}
