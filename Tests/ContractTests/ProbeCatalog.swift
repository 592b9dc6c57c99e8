import EmulatorCore
import Foundation
import GenesysWire

/// Every endpoint the emulator serves, probed the ways a client meets it: lists, pages, filters,
/// by id, and errors.
enum ProbeCatalog {
    static let sandbox = ContractWorld.sandboxId
    static let unknownId = "00000000-0000-0000-0000-000000000000"

    static func queueName(_ w: ContractWorld) -> String { w.production.queues[3].name }
    static func enc(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text }

    static let platform: [Probe] = identity + routing + flows + validateJobs + dataTables + contacts + telephony + users + errors

    static let identity: [Probe] = [
        Probe(endpoint: "GET /api/v2/tokens/me", name: "production client", status: 200, model: "TokenInfo",
              call: { _ in .get("/api/v2/tokens/me") }, decode: Probe.decoding(TokenInfo.self)),
        Probe(endpoint: "GET /api/v2/tokens/me", name: "sandbox client", status: 200, model: "TokenInfo",
              call: { _ in .get("/api/v2/tokens/me", as: .sandbox) }, decode: Probe.decoding(TokenInfo.self)),
        Probe(endpoint: "GET /api/v2/organizations/me", name: "production", status: 200, model: "Organization",
              call: { _ in .get("/api/v2/organizations/me") }, decode: Probe.decoding(OrganizationInfo.self)),
        Probe(endpoint: "GET /api/v2/organizations/me", name: "sandbox", status: 200, model: "Organization",
              call: { _ in .get("/api/v2/organizations/me", as: .sandbox) }, decode: Probe.decoding(OrganizationInfo.self)),
        Probe(endpoint: "DELETE /api/v2/tokens/{userId}", name: "a sandbox user's tokens", status: 204, model: nil,
              call: { w in ContractWorld.Call(method: .delete, path: "/api/v2/tokens/\(w.sandbox.users[0].id)", caller: .sandbox) }),
        Probe.error("DELETE /api/v2/tokens/{userId}", "unknown user", 404) { _ in ContractWorld.Call(method: .delete, path: "/api/v2/tokens/\(unknownId)", caller: .sandbox) },
    ]

    static let routing: [Probe] = [
        .page("GET /api/v2/routing/queues", "first page", model: "QueueEntityListing", Queue.self),
        .page("GET /api/v2/routing/queues", "middle page", model: "QueueEntityListing", Queue.self, query: "?pageSize=7&pageNumber=2"),
        .page("GET /api/v2/routing/queues", "last page", model: "QueueEntityListing", Queue.self, query: "?pageSize=7&pageNumber=5"),
        .page("GET /api/v2/routing/queues", "past the end", model: "QueueEntityListing", Queue.self, query: "?pageSize=7&pageNumber=99"),
        .page("GET /api/v2/routing/queues", "count", model: "QueueEntityListing", Queue.self, query: "?pageSize=1&pageNumber=1"),
        .page("GET /api/v2/routing/queues", "name filter", model: "QueueEntityListing", Queue.self, query: "?name=Billing*"),
        .page("GET /api/v2/routing/queues", "divisionId filter", model: "QueueEntityListing", Queue.self, query: "?divisionId=\(unknownId)"),
        .byId("GET /api/v2/routing/queues/{queueId}", "a queue", model: "Queue", Queue.self) { $0.production.queues[0].id },
        .unknownId("GET /api/v2/routing/queues/{queueId}"),
        .page("GET /api/v2/routing/skills", "first page", model: "SkillEntityListing", Skill.self),
        .page("GET /api/v2/routing/skills", "name filter", model: "SkillEntityListing", Skill.self, query: "?name=Span"),
        .byId("GET /api/v2/routing/skills/{skillId}", "a skill", model: "RoutingSkill", Skill.self) { $0.production.skills[0].id },
        .unknownId("GET /api/v2/routing/skills/{skillId}"),
    ]

    static let flows: [Probe] = [
        .page("GET /api/v2/flows", "first page", model: "FlowEntityListing", Flow.self),
        .page("GET /api/v2/flows", "every flow", model: "FlowEntityListing", Flow.self, query: "?pageSize=100"),
        .page("GET /api/v2/flows", "type filter", model: "FlowEntityListing", Flow.self, query: "?type=inboundcall&type=bot"),
        .page("GET /api/v2/flows", "sandbox", model: "FlowEntityListing", Flow.self, caller: .sandbox, query: "?pageSize=100"),
        Probe.error("GET /api/v2/flows", "upper-case type filter", 400) { _ in .get("/api/v2/flows?type=INBOUNDCALL") },
        .byId("GET /api/v2/flows/{flowId}", "a flow", model: "Flow", Flow.self) { $0.production.flows[0].flow.id },
        .unknownId("GET /api/v2/flows/{flowId}"),
    ]

    static func submitJob(_ w: ContractWorld, flows: Int = 10) async -> String {
        let body = WireCoding.encode(ValidateJobRequest(flowIds: w.sandbox.flows.prefix(flows).map(\.flow.id)))
        let response = await w.send(ContractWorld.Call(method: .post, path: "/api/v2/flows/validate/jobs", body: body, caller: .sandbox))
        return (try? WireCoding.decode(ValidateJobRegistration.self, from: response.body))?.id ?? "none"
    }

    static let validateJobs: [Probe] = [
        Probe(endpoint: "POST /api/v2/flows/validate/jobs", name: "register", status: 200, model: "RegisterArchitectValidateJobResponse",
              call: { w in ContractWorld.Call(method: .post, path: "/api/v2/flows/validate/jobs",
                                              body: WireCoding.encode(ValidateJobRequest(flowIds: w.sandbox.flows.map(\.flow.id))), caller: .sandbox) },
              decode: Probe.decoding(ValidateJobRegistration.self)),
        Probe.error("POST /api/v2/flows/validate/jobs", "no flows", 400) { _ in
            ContractWorld.Call(method: .post, path: "/api/v2/flows/validate/jobs", body: Data(#"{"flows": []}"#.utf8), caller: .sandbox)
        },
        Probe(endpoint: "GET /api/v2/flows/validate/jobs/{jobId}", name: "running", status: 200, model: "ArchitectValidateJobStateResponse",
              call: { w in .get("/api/v2/flows/validate/jobs/\(await submitJob(w))?expand=messages", as: .sandbox) },
              decode: Probe.decoding(ValidateJobState.self)),
        Probe(endpoint: "GET /api/v2/flows/validate/jobs/{jobId}", name: "finished with errors", status: 200, model: "ArchitectValidateJobStateResponse",
              call: { w in
                  w.emulator.removeSandboxQueue(sandboxId: sandbox)
                  let id = await submitJob(w, flows: 30)
                  w.advance(by: .seconds(30))
                  return .get("/api/v2/flows/validate/jobs/\(id)?expand=messages", as: .sandbox)
              }, decode: Probe.decoding(ValidateJobState.self)),
        Probe.error("GET /api/v2/flows/validate/jobs/{jobId}", "unknown job", 404) { _ in .get("/api/v2/flows/validate/jobs/\(unknownId)", as: .sandbox) },
    ]

    static let dataTables: [Probe] = [
        .page("GET /api/v2/flows/datatables", "first page", model: "DataTablesDomainEntityListing", DataTable.self),
        .page("GET /api/v2/flows/datatables", "name filter", model: "DataTablesDomainEntityListing", DataTable.self, query: "?name=Customer*"),
        .byId("GET /api/v2/flows/datatables/{datatableId}", "a table", model: "DataTable", DataTable.self) { $0.production.dataTables[0].id },
        .unknownId("GET /api/v2/flows/datatables/{datatableId}"),
        Probe(endpoint: "GET /api/v2/flows/datatables/{datatableId}/rows", name: "full rows", status: 200, model: "DataTableRowEntityListing",
              call: { w in .get("/api/v2/flows/datatables/\(w.production.dataTables[0].id)/rows?showbrief=false") },
              decode: Probe.decoding(EntityPage<[String: JSONValue]>.self)),
        Probe(endpoint: "GET /api/v2/flows/datatables/{datatableId}/rows", name: "brief rows", status: 200, model: "DataTableRowEntityListing",
              call: { w in .get("/api/v2/flows/datatables/\(w.production.dataTables[0].id)/rows") },
              decode: Probe.decoding(EntityPage<[String: JSONValue]>.self)),
        Probe.error("GET /api/v2/flows/datatables/{datatableId}/rows", "unknown table", 404) { _ in .get("/api/v2/flows/datatables/\(unknownId)/rows") },
    ]

    static let contacts: [Probe] = [
        .page("GET /api/v2/externalcontacts/contacts", "first page", model: "ContactListing", ExternalContact.self),
        .page("GET /api/v2/externalcontacts/contacts", "sandbox, masked", model: "ContactListing", ExternalContact.self, caller: .sandbox, query: "?pageSize=100"),
        .byId("GET /api/v2/externalcontacts/contacts/{contactId}", "a contact", model: "ExternalContact", ExternalContact.self) { $0.production.contacts[0].id },
        .unknownId("GET /api/v2/externalcontacts/contacts/{contactId}"),
    ]

    static let telephony: [Probe] = [
        .page("GET /api/v2/telephony/providers/edges/trunks", "production", model: "TrunkEntityListing", Trunk.self),
        .page("GET /api/v2/telephony/providers/edges/trunks", "sandbox", model: "TrunkEntityListing", Trunk.self, caller: .sandbox),
        .page("GET /api/v2/telephony/providers/edges/trunks", "trunkType filter", model: "TrunkEntityListing", Trunk.self, query: "?trunkType=EXTERNAL"),
        .byId("GET /api/v2/telephony/providers/edges/trunks/{trunkId}", "a trunk", model: "Trunk", Trunk.self) { $0.production.trunks[0].id },
        .unknownId("GET /api/v2/telephony/providers/edges/trunks/{trunkId}"),
        .page("GET /api/v2/telephony/providers/edges/trunkbasesettings", "production", model: "TrunkBaseEntityListing", TrunkBase.self),
        .page("GET /api/v2/telephony/providers/edges/trunkbasesettings", "sandbox", model: "TrunkBaseEntityListing", TrunkBase.self, caller: .sandbox),
        .byId("GET /api/v2/telephony/providers/edges/trunkbasesettings/{trunkBaseSettingsId}", "a trunk base", model: "TrunkBase", TrunkBase.self) {
            $0.production.trunkBases[0].id
        },
        .unknownId("GET /api/v2/telephony/providers/edges/trunkbasesettings/{trunkBaseSettingsId}"),
    ]

    static let users: [Probe] = [
        .page("GET /api/v2/users", "first page", model: "UserEntityListing", User.self),
        .page("GET /api/v2/users", "id filter", model: "UserEntityListing", User.self, caller: .sandbox, query: "?id=\(unknownId)"),
    ]

    static let errors: [Probe] = [
        Probe.error("GET /api/v2/routing/queues", "no token", 401) { _ in .get("/api/v2/routing/queues", as: .anonymous) },
        Probe.error("GET /api/v2/routing/queues", "missing scope", 403) { _ in .get("/api/v2/routing/queues", as: .limited) },
        Probe.error("GET /api/v2/routing/queues", "pageSize out of range", 400) { _ in .get("/api/v2/routing/queues?pageSize=0") },
        Probe.error("GET /api/v2/routing/queues", "pageNumber not a number", 400) { _ in .get("/api/v2/routing/queues?pageNumber=two") },
    ]

    // MARK: the guide's endpoints, checked against guide.schema.json

    static let refreshes = "/api/v2/sandboxes/\(sandbox)/refreshes"

    static func submitRefresh(_ w: ContractWorld) async -> Refresh? {
        let body = WireCoding.encode(RefreshRequest(scope: "ARCHITECT,ROUTING", description: "contract probe", preserveSandboxUsers: true))
        let response = await w.send(ContractWorld.Call(method: .post, path: refreshes, body: body, caller: .sandbox))
        return try? WireCoding.decode(Refresh.self, from: response.body)
    }

    static let guide: [Probe] = [
        Probe(endpoint: "GET /api/v2/sandboxes/{sandboxId}/refreshes", name: "none yet", status: 200, model: "RefreshListing", guide: true,
              call: { _ in .get(refreshes, as: .sandbox) }, decode: Probe.decoding(RefreshListing.self)),
        Probe(endpoint: "POST /api/v2/sandboxes/{sandboxId}/refreshes", name: "submit", status: 200, model: "Refresh", guide: true,
              call: { _ in ContractWorld.Call(method: .post, path: refreshes,
                                              body: WireCoding.encode(RefreshRequest(scope: "ARCHITECT,ROUTING", description: "probe", preserveSandboxUsers: true)), caller: .sandbox) },
              decode: Probe.decoding(Refresh.self)),
        Probe.error("POST /api/v2/sandboxes/{sandboxId}/refreshes", "locked", 409) { w in
            _ = await submitRefresh(w)
            return ContractWorld.Call(method: .post, path: refreshes, body: WireCoding.encode(RefreshRequest(scope: "ROUTING", description: "second", preserveSandboxUsers: true)), caller: .sandbox)
        },
        Probe(endpoint: "GET /api/v2/sandboxes/{sandboxId}/refreshes/{refreshId}", name: "running", status: 200, model: "Refresh", guide: true,
              call: { w in
                  let id = await submitRefresh(w)?.id ?? "none"
                  w.advance(by: .seconds(40))
                  return .get("\(refreshes)/\(id)", as: .sandbox)
              }, decode: Probe.decoding(Refresh.self)),
        Probe(endpoint: "GET /api/v2/sandboxes/{sandboxId}/refreshes/{refreshId}", name: "completed", status: 200, model: "Refresh", guide: true,
              call: { w in
                  let id = await submitRefresh(w)?.id ?? "none"
                  w.advance(by: .seconds(3 * 3600))
                  return .get("\(refreshes)/\(id)", as: .sandbox)
              }, decode: Probe.decoding(Refresh.self)),
        Probe(endpoint: "GET /api/v2/sandboxes/{sandboxId}/refreshes", name: "one running", status: 200, model: "RefreshListing", guide: true,
              call: { w in
                  _ = await submitRefresh(w)
                  return .get(refreshes, as: .sandbox)
              }, decode: Probe.decoding(RefreshListing.self)),
        Probe(endpoint: "DELETE /api/v2/sandboxes/{sandboxId}/refreshes/{refreshId}", name: "abort", status: 200, model: "Refresh", guide: true,
              call: { w in
                  let id = await submitRefresh(w)?.id ?? "none"
                  return ContractWorld.Call(method: .delete, path: "\(refreshes)/\(id)", caller: .sandbox)
              }, decode: Probe.decoding(Refresh.self)),
        Probe.error("GET /api/v2/sandboxes/{sandboxId}/refreshes/{refreshId}", "unknown refresh", 404) { _ in .get("\(refreshes)/\(unknownId)", as: .sandbox) },
        Probe(endpoint: "POST /api/v2/architect/flows/validate", name: "all flows", status: 200, model: "ValidateFlowsResponse", guide: true,
              call: { w in
                  w.emulator.removeSandboxQueue(sandboxId: sandbox)
                  return ContractWorld.Call(method: .post, path: "/api/v2/architect/flows/validate",
                                            body: WireCoding.encode(ValidateFlowsRequest(flowIds: [], validateReferences: true)), caller: .sandbox)
              }, decode: Probe.decoding(ValidateFlowsResponse.self)),
    ]
}
