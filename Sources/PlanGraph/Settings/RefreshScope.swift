/// A configuration domain the platform copies during a refresh, as the graph carries it.
public enum RefreshDomain: String, CaseIterable, Sendable, Codable, Hashable {
    case ROUTING, ARCHITECT, ADMIN, WFM, ICM

    /// The order in which the platform provisions domains (the plan's `Domain.dependencyOrder`).
    public static let dependencyOrder: [RefreshDomain] = [.ROUTING, .ARCHITECT, .ADMIN, .WFM, .ICM]

    /// Position in `dependencyOrder`, for sorting.
    public var rank: Int { RefreshDomain.dependencyOrder.firstIndex(of: self) ?? RefreshDomain.dependencyOrder.count }
}

/// What a refresh copies: everything, or a set of domains kept in dependency order. Encoded as
/// the payload's `scope` text (`ALL`, `ROUTING,ARCHITECT`), like the plan's scope.
public enum RefreshScope: Sendable, Hashable, Codable {
    case all
    case domains([RefreshDomain])

    /// Builds a domain scope, removing duplicates and sorting by `RefreshDomain.dependencyOrder`.
    public static func of(_ domains: [RefreshDomain]) -> RefreshScope {
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
    public var effectiveDomains: [RefreshDomain] {
        switch self {
        case .all: return RefreshDomain.dependencyOrder
        case .domains(let list): return list
        }
    }

    public var isAll: Bool { self == .all }

    public func contains(_ domain: RefreshDomain) -> Bool { effectiveDomains.contains(domain) }

    public func adding(_ extra: [RefreshDomain]) -> RefreshScope {
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
            let domains = parts.compactMap(RefreshDomain.init(rawValue:))
            guard domains.count == parts.count else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown domain in scope '\(text)'")
            }
            self = .of(domains)
        } else {
            self = .of(try container.decode([RefreshDomain].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wireValue)
    }
}
