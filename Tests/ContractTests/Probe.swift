import EmulatorCore
import Foundation
import GenesysWire
import Testing

/// One request to the emulator and what its answer must be: a status, the reference model the
/// body must conform to (`ErrorBody` for errors), and the tool's own model that must decode it.
struct Probe: Sendable, CustomTestStringConvertible {
    /// `METHOD path` as `endpoints.json` (or the guide) names the endpoint.
    var endpoint: String
    var name: String
    var status: Int
    /// nil: no body (204).
    var model: String?
    var guide = false
    /// Checked against the reference's `sandbox-writes` part.
    var writes = false
    var call: @Sendable (ContractWorld) async -> ContractWorld.Call
    var decode: (@Sendable (Data) throws -> Void)?

    var testDescription: String { "\(endpoint) (\(name))" }

    static func decoding<T: Decodable>(_ type: T.Type) -> @Sendable (Data) throws -> Void {
        { data in _ = try WireCoding.decode(T.self, from: data) }
    }

    /// A listing page, checked against `<model>` and decoded as the tool's `EntityPage<E>`.
    static func page<E: Sendable & Hashable & Codable>(_ endpoint: String, _ name: String, model: String, _ entity: E.Type,
                                                       caller: ContractWorld.Caller = .production, query: String = "") -> Probe {
        let path = String(endpoint.split(separator: " ")[1])
        return Probe(endpoint: endpoint, name: name, status: 200, model: model, call: { _ in .get(path + query, as: caller) },
                     decode: decoding(EntityPage<E>.self))
    }

    /// `GET {listing}/{id}` for an id the world holds.
    static func byId<E: Decodable>(_ endpoint: String, _ name: String, model: String, _ entity: E.Type, caller: ContractWorld.Caller = .production,
                                   id: @escaping @Sendable (ContractWorld) -> String) -> Probe {
        let base = String(endpoint.split(separator: " ")[1].split(separator: "/").dropLast().joined(separator: "/"))
        return Probe(endpoint: endpoint, name: name, status: 200, model: model, call: { world in .get("/\(base)/\(id(world))", as: caller) },
                     decode: decoding(E.self))
    }

    /// `GET {listing}/{id}` for an id nobody has: 404 with an ErrorBody.
    static func unknownId(_ endpoint: String) -> Probe {
        let base = String(endpoint.split(separator: " ")[1].split(separator: "/").dropLast().joined(separator: "/"))
        return error(endpoint, "unknown id", 404) { _ in .get("/\(base)/00000000-0000-0000-0000-000000000000") }
    }

    static func error(_ endpoint: String, _ name: String, _ status: Int, call: @escaping @Sendable (ContractWorld) async -> ContractWorld.Call) -> Probe {
        Probe(endpoint: endpoint, name: name, status: status, model: "ErrorBody", call: call, decode: decoding(ErrorBody.self))
    }
}
