import EmulatorCore
import GenesysWire
import HummingbirdTesting
import Testing

@Suite struct ValidationTests {
    /// Refreshes with `scope`, runs the job to completion, then validates every flow.
    static func validateAfterRefresh(scope: String?) async throws -> (ValidateFlowsResponse, World) {
        let harness = Harness()
        let response = try await harness.test { client in
            let token = try await client.login(harness.sandbox)
            if let scope {
                let submit = try await client.call(.post, refreshesPath(), token: token,
                                                   json: RefreshRequest(scope: scope, description: "run", preserveSandboxUsers: true))
                #expect(submit.status == .ok)
                harness.clock.advance(by: .seconds(4 * 3600))
            }
            let validate = try await client.call(.post, "/api/v2/architect/flows/validate", token: token,
                                                 json: ValidateFlowsRequest(flowIds: [], validateReferences: true))
            #expect(validate.status == .ok)
            return try decode(ValidateFlowsResponse.self, validate)
        }
        return (response, harness.emulator.world)
    }

    @Test func architectOnlyRefreshLeavesAFlowReferencingAMissingQueue() async throws {
        let (report, world) = try await Self.validateAfterRefresh(scope: "ARCHITECT")
        let errors = report.validationErrors.filter { $0.severity == "ERROR" }
        let sandbox = try #require(world.sandbox("sandbox-dev-01"))
        #expect(!errors.isEmpty)
        #expect(errors.contains { $0.referenceType == "queue" })
        for error in errors {
            let missing = try #require(error.referenceId)
            #expect(error.message == "Reference '\(missing)' not found")
            #expect(error.flowName != nil)
            #expect(!sandbox.queues.contains { $0.id == missing } && !sandbox.skills.contains { $0.id == missing })
            #expect(world.production.queues.contains { $0.id == missing } || world.production.skills.contains { $0.id == missing })
        }
    }

    @Test func architectAndRoutingTogetherValidateClean() async throws {
        let (report, _) = try await Self.validateAfterRefresh(scope: "ARCHITECT,ROUTING")
        #expect(report.validationErrors.filter { $0.severity == "ERROR" }.isEmpty)
        #expect(report.validationErrors.contains { $0.severity == "WARNING" })
    }

    @Test func untouchedSandboxValidatesClean() async throws {
        let (report, _) = try await Self.validateAfterRefresh(scope: nil)
        #expect(report.validationErrors.filter { $0.severity == "ERROR" }.isEmpty)
    }

    @Test func listedFlowsOnlyUnknownIdsAndRemovedQueues() async throws {
        let harness = Harness()
        let removed = try #require(harness.emulator.removeSandboxQueue(sandboxId: "sandbox-dev-01"))
        let sandbox = try #require(harness.emulator.world.sandbox("sandbox-dev-01"))
        let broken = sandbox.flows.filter { $0.references.contains { $0.id == removed } }.map(\.flow.id)
        try await harness.test { client in
            let token = try await client.login(harness.sandbox)
            let response = try await client.call(.post, "/api/v2/architect/flows/validate", token: token,
                                                 json: ValidateFlowsRequest(flowIds: broken + ["no-such-flow"], validateReferences: true))
            let errors = try decode(ValidateFlowsResponse.self, response).validationErrors.filter { $0.severity == "ERROR" }
            #expect(Set(errors.compactMap(\.referenceId)) == [removed])
            #expect(Set(errors.filter { $0.referenceId != nil }.map(\.flowId)) == Set(broken))
            #expect(errors.contains { $0.flowId == "no-such-flow" && $0.message == "Flow 'no-such-flow' not found" })

            let unchecked = try await client.call(.post, "/api/v2/architect/flows/validate", token: token,
                                                  json: ValidateFlowsRequest(flowIds: broken, validateReferences: false))
            #expect(try decode(ValidateFlowsResponse.self, unchecked).validationErrors.allSatisfy { $0.severity != "ERROR" })
        }
    }
}
