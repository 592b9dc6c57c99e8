import EmulatorCore
import Foundation
import GenesysWire

/// Probes of the reference's `sandbox-writes` part: every endpoint answers its model, writes go
/// to the sandbox (production refuses them), bodies are checked against their `bodyModel`.
enum WriteProbeCatalog {
    static let sandbox = ProbeCatalog.sandbox
    static let unknownId = ProbeCatalog.unknownId

    static func json(_ text: String) -> Data { Data(text.utf8) }
    static func body<T: Encodable>(_ value: T) -> Data { WireCoding.encode(value) }

    static func ok(_ endpoint: String, _ name: String, model: String, call: @escaping @Sendable (ContractWorld) async -> ContractWorld.Call,
                   decode: (@Sendable (Data) throws -> Void)?) -> Probe {
        Probe(endpoint: endpoint, name: name, status: 200, model: model, writes: true, call: call, decode: decode)
    }

    static func error(_ endpoint: String, _ name: String, _ status: Int, call: @escaping @Sendable (ContractWorld) async -> ContractWorld.Call) -> Probe {
        var probe = Probe.error(endpoint, name, status, call: call)
        probe.writes = true
        return probe
    }

    static func page<E: Sendable & Hashable & Codable>(_ endpoint: String, _ name: String, model: String, _ entity: E.Type,
                                                       caller: ContractWorld.Caller = .sandbox, query: String = "") -> Probe {
        var probe = Probe.page(endpoint, name, model: model, entity, caller: caller, query: query)
        probe.writes = true
        return probe
    }

    static func byId<E: Decodable>(_ endpoint: String, model: String, _ entity: E.Type, query: String = "",
                                   id: @escaping @Sendable (ContractWorld) -> String) -> Probe {
        let base = String(endpoint.split(separator: " ")[1].split(separator: "/").dropLast().joined(separator: "/"))
        return ok(endpoint, "by id", model: model, call: { w in .get("/\(base)/\(id(w))\(query)", as: .sandbox) }, decode: Probe.decoding(E.self))
    }

    static func unknown(_ endpoint: String, method: HTTPMethod = .get, body: Data? = nil) -> Probe {
        let path = String(endpoint.split(separator: " ")[1]).replacingOccurrences(of: #"\{[A-Za-z]+\}"#, with: unknownId, options: .regularExpression)
        return error(endpoint, "unknown id", 404) { _ in ContractWorld.Call(method: method, path: path, body: body, caller: .sandbox) }
    }

    static func send(_ method: HTTPMethod, _ path: String, _ body: Data?, as caller: ContractWorld.Caller = .sandbox) -> ContractWorld.Call {
        ContractWorld.Call(method: method, path: path, body: body, caller: caller)
    }

    static let all: [Probe] = routing + dataTables + WriteProbeCatalog.flows + schedules + integrations + outbound

    static let routing: [Probe] = [
        ok("POST /api/v2/routing/queues", "create", model: "Queue", call: { _ in send(.post, "/api/v2/routing/queues", json(#"{"name": "Probe queue", "description": "made by a probe", "skillEvaluationMethod": "BEST"}"#)) },
           decode: Probe.decoding(Queue.self)),
        error("POST /api/v2/routing/queues", "production is read-only", 403) { _ in send(.post, "/api/v2/routing/queues", json(#"{"name": "Probe queue"}"#), as: .production) },
        error("POST /api/v2/routing/queues", "enum value refused", 400) { _ in send(.post, "/api/v2/routing/queues", json(#"{"name": "Q", "skillEvaluationMethod": "SOME"}"#)) },
        error("POST /api/v2/routing/queues", "name taken", 409) { w in send(.post, "/api/v2/routing/queues", json(#"{"name": "\#(w.sandbox.queues[0].name)"}"#)) },
        ok("PUT /api/v2/routing/queues/{queueId}", "update", model: "Queue", call: { w in send(.put, "/api/v2/routing/queues/\(w.sandbox.queues[0].id)", json(#"{"description": "edited"}"#)) },
           decode: Probe.decoding(Queue.self)),
        error("PUT /api/v2/routing/queues/{queueId}", "wrong type", 400) { w in send(.put, "/api/v2/routing/queues/\(w.sandbox.queues[0].id)", json(#"{"name": 5}"#)) },
        unknown("PUT /api/v2/routing/queues/{queueId}", method: .put, body: json("{}")),
        ok("POST /api/v2/routing/skills", "create", model: "RoutingSkill", call: { _ in send(.post, "/api/v2/routing/skills", json(#"{"name": "Probe skill"}"#)) },
           decode: Probe.decoding(Skill.self)),
        error("POST /api/v2/routing/skills", "wrong type", 400) { _ in send(.post, "/api/v2/routing/skills", json(#"{"name": ["a"]}"#)) },
        page("GET /api/v2/routing/wrapupcodes", "sandbox", model: "WrapupCodeEntityListing", WrapupCode.self),
        page("GET /api/v2/routing/wrapupcodes", "production, name filter", model: "WrapupCodeEntityListing", WrapupCode.self, caller: .production, query: "?name=Re*"),
        byId("GET /api/v2/routing/wrapupcodes/{codeId}", model: "WrapupCode", WrapupCode.self) { $0.sandbox.wrapupCodes[0].id ?? "" },
        unknown("GET /api/v2/routing/wrapupcodes/{codeId}"),
        ok("POST /api/v2/routing/wrapupcodes", "create", model: "WrapupCode", call: { _ in send(.post, "/api/v2/routing/wrapupcodes", json(#"{"name": "Probe outcome"}"#)) },
           decode: Probe.decoding(WrapupCode.self)),
        ok("PUT /api/v2/routing/wrapupcodes/{codeId}", "update", model: "WrapupCode",
           call: { w in send(.put, "/api/v2/routing/wrapupcodes/\(w.sandbox.wrapupCodes[0].id ?? "")", json(#"{"name": "Renamed", "description": "d"}"#)) },
           decode: Probe.decoding(WrapupCode.self)),
    ]

    static let dataTables: [Probe] = [
        ok("GET /api/v2/flows/datatables/{datatableId}/rows/{rowId}", "full row", model: "dict(str, object)",
           call: { w in .get("/api/v2/flows/datatables/\(w.sandbox.dataTables[0].id)/rows/row-1?showbrief=false", as: .sandbox) },
           decode: Probe.decoding(DataTableRow.self)),
        unknown("GET /api/v2/flows/datatables/{datatableId}/rows/{rowId}"),
        ok("POST /api/v2/flows/datatables", "create", model: "DataTable",
           call: { _ in send(.post, "/api/v2/flows/datatables", json(#"{"name": "Probe table", "schema": {"type": "object", "properties": {"key": {"type": "string"}}}}"#)) },
           decode: Probe.decoding(DataTable.self)),
        error("POST /api/v2/flows/datatables", "wrong type", 400) { _ in send(.post, "/api/v2/flows/datatables", json(#"{"name": "T", "schema": "text"}"#)) },
        ok("PUT /api/v2/flows/datatables/{datatableId}", "update", model: "DataTable",
           call: { w in send(.put, "/api/v2/flows/datatables/\(w.sandbox.dataTables[0].id)", json(#"{"description": "edited"}"#)) }, decode: Probe.decoding(DataTable.self)),
        ok("POST /api/v2/flows/datatables/{datatableId}/rows", "create", model: "dict(str, object)",
           call: { w in send(.post, "/api/v2/flows/datatables/\(w.sandbox.dataTables[0].id)/rows", json(#"{"key": "probe-1", "tier": "gold"}"#)) },
           decode: Probe.decoding(DataTableRow.self)),
        error("POST /api/v2/flows/datatables/{datatableId}/rows", "no key", 400) { w in
            send(.post, "/api/v2/flows/datatables/\(w.sandbox.dataTables[0].id)/rows", json(#"{"tier": "gold"}"#))
        },
        ok("PUT /api/v2/flows/datatables/{datatableId}/rows/{rowId}", "update", model: "dict(str, object)",
           call: { w in send(.put, "/api/v2/flows/datatables/\(w.sandbox.dataTables[0].id)/rows/row-1", json(#"{"key": "row-1", "tier": "bronze"}"#)) },
           decode: Probe.decoding(DataTableRow.self)),
        error("PUT /api/v2/flows/datatables/{datatableId}/rows/{rowId}", "production is read-only", 403) { w in
            send(.put, "/api/v2/flows/datatables/\(w.production.dataTables[0].id)/rows/row-1", json(#"{"key": "row-1"}"#), as: .production)
        },
    ]
}
