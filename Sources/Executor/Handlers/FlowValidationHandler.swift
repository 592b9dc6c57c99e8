import GenesysClient
import GenesysWire
import PlanGraph

/// Trap 3: COMPLETED does not mean the flows compile. Validate them in batches; missing routing
/// references take the scope-expansion branch once when a rule allows it.
enum FlowValidationHandler {
    static let routingReferenceTypes: Set = ["queue", "skill", "routing.queue", "routing.skill", "wrapupcode", "languageSkill"]

    static func run(_ chain: Chain, gate: FlowValidationSettings, _ ctx: RunContext, _ state: inout RunState) async -> StepResult {
        let step = "validate-flows.\(chain.rawValue)"
        // A resumed run whose expansion refresh may already be on the platform took this branch
        // before it died. Validating the first refresh again would judge a sandbox our own
        // second refresh is rewriting (or has rewritten): follow the branch the journal shows.
        let nextRound = chain == .primary ? 1 : state.expansionAttempts + 1
        if let resume = ctx.resume, resume.mayHaveSubmitted(tag: SubmitHandler.runTag(.expansion, ctx, attempt: nextRound)),
           ctx.graph.contains("submit.expansion"), let expanded = ctx.graph.expandedScope {
            state.expandedScope = expanded
            state.expansionReasons.append("flow validation (before the restart): missing routing references")
            ctx.emit("scope.expanded", step: step, "resumed after the expansion refresh was submitted: following it instead of validating the first refresh again")
            return .branch(rule: TransitionRules.missingRoutingReference)
        }
        let ids: [String]
        do {
            let flows = try await ctx.sandbox.fetchAll(.flows, pageSize: 100, as: Flow.self)
            switch gate.flows {
            case .all:
                ids = flows.map(\.id)
            case .named(let names):
                let byName = Dictionary(flows.map { ($0.name, $0.id) }, uniquingKeysWith: { first, _ in first })
                let missing = names.filter { byName[$0] == nil }
                if !missing.isEmpty {
                    return .failure(StepFailure(.validationGateFailed, "flows named in gates.validateFlows do not exist in the sandbox: \(missing.joined(separator: ", "))"))
                }
                ids = names.compactMap { byName[$0] }
            }
        } catch {
            return .apiFailure(error)
        }
        var errors: [FlowValidationError] = []
        for start in stride(from: 0, to: ids.count, by: max(gate.batchSize, 1)) {
            let batch = Array(ids[start..<min(start + gate.batchSize, ids.count)])
            if gate.method == .validateJobs {
                switch await ValidationJobRunner.validate(batch, gate: gate, step: step, ctx) {
                case .success(let found): errors += found
                case .failure(let failure): return .failure(failure)
                }
                continue
            }
            do {
                let response = try await ctx.sandbox.send(StepRequests.validate(flowIds: batch, validateReferences: gate.validateReferences), as: ValidateFlowsResponse.self)
                errors += response.validationErrors
            } catch {
                return .apiFailure(error)
            }
        }
        let failing = errors.filter { gate.failOn == .WARNING ? true : $0.severity.uppercased() == "ERROR" }
        state.validatedFlows += ids.count
        state.validationErrors = failing
        guard !failing.isEmpty else {
            ctx.emit("gate.passed", step: step, "\(ids.count) flows validated, no \(gate.failOn.rawValue) entries")
            return .success
        }
        let flowsAffected = Set(failing.map(\.flowId)).count
        let sample = failing.prefix(3).map { "\($0.flowName ?? $0.flowId): \($0.message)" }.joined(separator: "; ")
        let allRouting = failing.allSatisfy { routingReferenceTypes.contains($0.referenceType ?? "") }
        // The expansion runs at most `maxTimes` (the graph's loop edge says the same).
        let maxTimes = gate.maxExpansions
        if allRouting, state.expansionAttempts < maxTimes, ctx.graph.contains("submit.expansion"), let expanded = ctx.graph.expandedScope {
            state.expandedScope = expanded
            state.expansionReasons.append("flow validation: \(failing.count) missing routing references in \(flowsAffected) flows")
            ctx.emit("scope.expanded", step: step, "\(failing.count) missing routing references (\(sample)); expanding the scope to \(expanded.wireValue) (round \(state.expansionAttempts + 1) of at most \(maxTimes))", level: .warning)
            return .branch(rule: TransitionRules.missingRoutingReference)
        }
        return .failure(StepFailure(.validationGateFailed, "\(failing.count) validation \(gate.failOn == .WARNING ? "entries" : "errors") in \(flowsAffected) of \(ids.count) flows: \(sample)"))
    }
}
