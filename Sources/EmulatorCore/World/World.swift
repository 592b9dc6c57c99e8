import Foundation
import GenesysWire

/// A production organization, its sandboxes and the OAuth clients of each. A world is data:
/// the emulator mutates its own copy as refreshes run.
public struct World: Sendable, Hashable, Codable {
    public static let productionName = "production"

    /// How the world was generated, when it was; its seed also seeds the emulator's ids.
    public var spec: WorldSpec?
    public var production: OrgData
    public var sandboxes: [OrgData]
    public var clients: [ClientDefinition]

    public init(spec: WorldSpec?, production: OrgData, sandboxes: [OrgData], clients: [ClientDefinition]) {
        self.spec = spec
        self.production = production
        self.sandboxes = sandboxes
        self.clients = clients
    }

    /// Deterministic for a given spec (same seed and sizes, same world, byte for byte).
    public static func generate(_ spec: WorldSpec) -> World {
        WorldGenerator(spec: spec).generate()
    }

    public enum LoadError: Error, CustomStringConvertible {
        case unreadable(String)

        public var description: String {
            switch self {
            case .unreadable(let why): return "world file is neither a world nor a world spec: \(why)"
            }
        }
    }

    /// A world file holds either a whole world (as `encoded()` writes it) or just a spec to
    /// generate from (`{"seed": 7, "queues": 2000, "contacts": 100000}`). JSON only.
    public static func load(json data: Data) throws -> World {
        if let world = try? WireCoding.decoder.decode(World.self, from: data) { return world }
        do {
            return generate(try WireCoding.decoder.decode(WorldSpec.self, from: data))
        } catch {
            throw LoadError.unreadable(String(describing: error))
        }
    }

    public static func load(contentsOf url: URL) throws -> World {
        try load(json: try Data(contentsOf: url))
    }

    public func encoded(pretty: Bool = false) -> Data {
        WireCoding.encode(self, pretty: pretty)
    }

    public func sandbox(_ id: String) -> OrgData? { sandboxes.first { $0.name == id } }

    public var organizations: [OrgData] { [production] + sandboxes }
}
