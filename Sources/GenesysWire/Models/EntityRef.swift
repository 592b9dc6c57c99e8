import Foundation

/// `{id, name, selfUri}` references embedded in entities (`Division`, `DomainEntityRef`,
/// `FlowVersion`, `NamedEntity`): every field but `id` may be absent.
public struct EntityRef: Sendable, Hashable, Codable {
    public var id: String
    public var name: String?
    public var selfUri: String?

    public init(id: String, name: String? = nil, selfUri: String? = nil) {
        self.id = id
        self.name = name
        self.selfUri = selfUri
    }
}

extension KeyedDecodingContainer {
    /// A name the platform normally sends; absent decodes as "" rather than failing the entity.
    func decodeName(_ key: Key) throws -> String {
        try decodeIfPresent(String.self, forKey: key) ?? ""
    }

    /// A `date-time` string as a `Date`; absent or unreadable is nil (a date never fails a decode).
    func decodeWireDate(_ key: Key) -> Date? {
        guard let text = try? decodeIfPresent(String.self, forKey: key) else { return nil }
        return WireCoding.date(from: text)
    }
}

extension KeyedEncodingContainer {
    /// Dates go out as the platform writes them: `2024-05-15T08:30:00.000Z`; nil is omitted.
    mutating func encodeWireDate(_ date: Date?, forKey key: Key) throws {
        if let date { try encode(WireCoding.timestamp(date), forKey: key) }
    }
}
