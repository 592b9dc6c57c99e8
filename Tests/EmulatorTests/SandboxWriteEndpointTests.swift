import EmulatorCore
import Foundation
import GenesysWire
import Testing
import Timekeeping

/// The tool's request builders for the sandbox-writes endpoints reach the routes the emulator
/// serves, with bodies the emulator accepts.
@Suite struct SandboxWriteEndpointTests {
    @Test func everyBuilderReachesItsRoute() async throws {
        let clock = VirtualClock(mode: .manual)
        let emulator = Emulator(world: World.generate(WorldSpec(seed: 9, contacts: 10)), clock: clock)
        let direct = Direct(emulator: emulator)
        let sandbox = try #require(emulator.world.sandbox("sandbox-dev-01"))
        let table = sandbox.dataTables[0].id
        let integration = try #require(sandbox.integrations.first?.id)
        let trigger = try #require(sandbox.triggers.first)
        let requests: [(APIRequest, Int)] = [
            (SandboxWriteEndpoint.create(.wrapupCodes, WrapupCode(id: nil, name: "Built outcome")), 200),
            (SandboxWriteEndpoint.update(.queues, id: sandbox.queues[0].id, sandbox.queues[0]), 200),
            (SandboxWriteEndpoint.dataTableRow(tableId: table, key: "row-1"), 200),
            (SandboxWriteEndpoint.createDataTableRow(tableId: table, ["key": .string("built-1")]), 200),
            (SandboxWriteEndpoint.updateDataTableRow(tableId: table, key: "built-1", ["key": .string("built-1"), "tier": .string("gold")]), 200),
            (SandboxWriteEndpoint.dataTableWithSchema(id: table), 200),
            (SandboxWriteEndpoint.flowConfiguration(flowId: sandbox.flows[0].flow.id), 200),
            (SandboxWriteEndpoint.submitExportJob(FlowExportJobRequest(flowIds: [sandbox.flows[0].flow.id])), 200),
            (SandboxWriteEndpoint.submitImportJob(), 200),
            (SandboxWriteEndpoint.integrationConfig(integrationId: integration), 200),
            (SandboxWriteEndpoint.updateIntegrationConfig(integrationId: integration, try #require(sandbox.integrationConfigs[integration])), 200),
            (SandboxWriteEndpoint.listTriggers(pageSize: 1), 200),
            (SandboxWriteEndpoint.getTrigger(id: trigger.id ?? ""), 200),
            (SandboxWriteEndpoint.updateTrigger(id: trigger.id ?? "", UpdateTriggerRequest(version: trigger.version, enabled: false)), 200),
            (Endpoint.list(.campaigns), 200),
            (Endpoint.get(.schedules, id: sandbox.schedules[0].id ?? ""), 200),
        ]
        for (request, status) in requests {
            let response = await direct.send(request.method, request.pathWithQuery, as: "sandbox-dev-01", body: request.bodyText)
            #expect(response.status == status, "\(request.summary): \(String(decoding: response.body.prefix(200), as: UTF8.self))")
        }
        let schema = await direct.send(.get, SandboxWriteEndpoint.dataTableWithSchema(id: table).pathWithQuery, as: "sandbox-dev-01")
        #expect(try WireCoding.decode(DataTable.self, from: schema.body).schema?["properties"]?["key"] != nil)
        let redacted = await direct.send(.get, Endpoint.get(.credentials, id: sandbox.credentials[0].id ?? "").pathWithQuery, as: "sandbox-dev-01")
        #expect(try WireCoding.decode(Credential.self, from: redacted.body).credentialFields?.values.allSatisfy { $0 == "********" } == true)
    }
}
