import GenesysClient
import GenesysWire
import Impact

/// The refreshed sandbox's objects, listed once per kind and listed again after a write.
struct SandboxObjects {
    let client: GenesysClient
    private var cache: [ImpactKind: [ImpactObject]] = [:]

    init(client: GenesysClient) {
        self.client = client
    }

    mutating func objects(_ kind: ImpactKind) async throws -> [ImpactObject] {
        if let known = cache[kind] { return known }
        let path = kind.listingPath
        let entities: [JSONValue]
        do {
            entities = try await client.fetchAll(pages: { page in
                APIRequest(.get, path, query: [.init("pageNumber", String(page)), .init("pageSize", "100")], operation: "restore.\(kind.rawValue).list")
            }, as: JSONValue.self)
        } catch {
            throw StepFailure(.apiError, error.description)
        }
        let objects = entities.compactMap { ImpactObject(kind: kind, entity: $0) }
        cache[kind] = objects
        return objects
    }

    /// By id first (a copy keeps its id), then by name (and type, for flows).
    mutating func find(_ kind: ImpactKind, id: String, name: String, type: String?) async throws -> ImpactObject? {
        let all = try await objects(kind)
        if let byId = all.first(where: { $0.id == id }) { return byId }
        return all.first { $0.name.lowercased() == name.lowercased() && (type == nil || $0.type == type) }
    }

    /// Lowercased name → id over the kinds given, for pointing references at the sandbox's objects.
    mutating func idsByName(_ kinds: [ImpactKind]) async throws -> [String: String] {
        var ids: [String: String] = [:]
        for kind in kinds {
            for object in try await objects(kind) where ids[object.name.lowercased()] == nil { ids[object.name.lowercased()] = object.id }
        }
        return ids
    }

    mutating func invalidate(_ kind: ImpactKind) {
        cache[kind] = nil
    }
}
