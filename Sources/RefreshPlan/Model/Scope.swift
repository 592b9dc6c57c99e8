/// What a refresh copies: everything, or a set of domains kept in dependency order.
public enum Scope: Sendable, Hashable, Codable {
    case all
    case domains([Domain])

    /// Builds a domain scope, removing duplicates and sorting by `Domain.dependencyOrder`.
    public static func of(_ domains: [Domain]) -> Scope {
        .domains(Array(Set(domains)).sorted { $0.rank < $1.rank })
    }

    /// The `scope` field of the refresh payload.
    public var wireValue: String {
        switch self {
        case .all: return "ALL"
        case .domains(let list): return list.map(\.rawValue).joined(separator: ",")
        }
    }

    /// The domains this scope copies; `ALL` copies every domain.
    public var effectiveDomains: [Domain] {
        switch self {
        case .all: return Domain.dependencyOrder
        case .domains(let list): return list
        }
    }

    public var isAll: Bool { self == .all }

    public func contains(_ domain: Domain) -> Bool { effectiveDomains.contains(domain) }

    public func adding(_ extra: [Domain]) -> Scope {
        switch self {
        case .all: return .all
        case .domains(let list): return .of(list + extra)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            if text == "ALL" { self = .all; return }
            let parts = text.split(separator: ",").map(String.init)
            let domains = parts.compactMap(Domain.init(rawValue:))
            guard domains.count == parts.count else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown domain in scope '\(text)'")
            }
            self = .of(domains)
        } else {
            self = .of(try container.decode([Domain].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wireValue)
    }
}
