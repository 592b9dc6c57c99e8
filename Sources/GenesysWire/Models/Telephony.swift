import Foundation

/// `ENABLED`, `DISABLED` or `NOT_SUPPORTED` (`registersEnabledStatus`, `optionsEnabledStatus`);
/// an unknown value survives decoding.
public enum TrunkFeatureStatus: Sendable, Hashable, Codable, CustomStringConvertible {
    case enabled, disabled, notSupported
    case other(String)

    public init(wire: String) {
        switch wire {
        case "ENABLED": self = .enabled
        case "DISABLED": self = .disabled
        case "NOT_SUPPORTED": self = .notSupported
        default: self = .other(wire)
        }
    }

    public var wireValue: String {
        switch self {
        case .enabled: return "ENABLED"
        case .disabled: return "DISABLED"
        case .notSupported: return "NOT_SUPPORTED"
        case .other(let value): return value
        }
    }

    public init(from decoder: any Decoder) throws { self.init(wire: try decoder.singleValueContainer().decode(String.self)) }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wireValue)
    }

    public var description: String { wireValue }
}

/// One registration of a trunk with a registrar (reference model `TrunkMetricsRegisters`).
public struct TrunkRegistration: Sendable, Hashable, Codable {
    public var proxyAddress: String?
    /// true while the trunk is registered.
    public var registerState: Bool?
    public var registerStateTime: Date?

    public init(proxyAddress: String?, registerState: Bool?, registerStateTime: Date?) {
        self.proxyAddress = proxyAddress
        self.registerState = registerState
        self.registerStateTime = registerStateTime
    }

    enum CodingKeys: String, CodingKey { case proxyAddress, registerState, registerStateTime }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        proxyAddress = try c.decodeIfPresent(String.self, forKey: .proxyAddress)
        registerState = try c.decodeIfPresent(Bool.self, forKey: .registerState)
        registerStateTime = c.decodeWireDate(.registerStateTime)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(proxyAddress, forKey: .proxyAddress)
        try c.encodeIfPresent(registerState, forKey: .registerState)
        try c.encodeWireDate(registerStateTime, forKey: .registerStateTime)
    }
}

/// `GET /api/v2/telephony/providers/edges/trunks[/{trunkId}]` (reference model `Trunk`). A trunk
/// carries no carrier registration of its own: whether it registers is `registersEnabledStatus`
/// (and `registersStatus` while it does); with whom is its trunk base's `properties`.
public struct Trunk: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    /// `active`, `inactive` or `deleted`.
    public var state: String?
    /// `EXTERNAL`, `PHONE` or `EDGE`.
    public var trunkType: String?
    public var trunkBase: EntityRef?
    public var edge: EntityRef?
    public var inService: Bool?
    public var enabled: Bool?
    public var registersEnabledStatus: TrunkFeatureStatus?
    public var registersStatus: [TrunkRegistration]?
    public var selfUri: String?

    public init(id: String, name: String, state: String = "active", trunkType: String = "EXTERNAL", trunkBase: EntityRef?,
                inService: Bool?, enabled: Bool?, registersEnabledStatus: TrunkFeatureStatus?, registersStatus: [TrunkRegistration]? = nil) {
        self.id = id
        self.name = name
        self.state = state
        self.trunkType = trunkType
        self.trunkBase = trunkBase
        self.inService = inService
        self.enabled = enabled
        self.registersEnabledStatus = registersEnabledStatus
        self.registersStatus = registersStatus
        self.selfUri = "/api/v2/telephony/providers/edges/trunks/\(id)"
    }

    enum CodingKeys: String, CodingKey {
        case id, name, state, trunkType, trunkBase, edge, inService, enabled, registersEnabledStatus, registersStatus, selfUri
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decodeName(.name)
        state = try c.decodeIfPresent(String.self, forKey: .state)
        trunkType = try c.decodeIfPresent(String.self, forKey: .trunkType)
        trunkBase = try c.decodeIfPresent(EntityRef.self, forKey: .trunkBase)
        edge = try c.decodeIfPresent(EntityRef.self, forKey: .edge)
        inService = try c.decodeIfPresent(Bool.self, forKey: .inService)
        enabled = try c.decodeIfPresent(Bool.self, forKey: .enabled)
        registersEnabledStatus = try c.decodeIfPresent(TrunkFeatureStatus.self, forKey: .registersEnabledStatus)
        registersStatus = try c.decodeIfPresent([TrunkRegistration].self, forKey: .registersStatus)
        selfUri = try c.decodeIfPresent(String.self, forKey: .selfUri)
    }

    /// Registered with a registrar right now, by the platform's own metrics.
    public var isRegistered: Bool { registersStatus?.contains { $0.registerState == true } ?? false }
}

/// `GET /api/v2/telephony/providers/edges/trunkbasesettings[/{id}]` (reference model
/// `TrunkBase`): the SIP configuration of trunks, in free-form `properties`.
public struct TrunkBase: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var description: String?
    /// Incremented by every update; `PUT .../trunkbasesettings/{id}` must carry the current one.
    public var version: Int?
    public var state: String?
    public var trunkType: String?
    public var trunkMetabase: EntityRef?
    public var properties: [String: JSONValue]?
    public var managed: Bool?
    public var selfUri: String?

    public init(id: String, name: String, version: Int? = 1, state: String = "active", trunkType: String = "EXTERNAL", trunkMetabase: EntityRef?,
                properties: [String: JSONValue], managed: Bool = false) {
        self.id = id
        self.name = name
        self.version = version
        self.state = state
        self.trunkType = trunkType
        self.trunkMetabase = trunkMetabase
        self.properties = properties
        self.managed = managed
        self.selfUri = "/api/v2/telephony/providers/edges/trunkbasesettings/\(id)"
    }

    enum CodingKeys: String, CodingKey { case id, name, description, version, state, trunkType, trunkMetabase, properties, managed, selfUri }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decodeName(.name)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        version = try c.decodeIfPresent(Int.self, forKey: .version)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        version = try c.decodeIfPresent(Int.self, forKey: .version)
        state = try c.decodeIfPresent(String.self, forKey: .state)
        trunkType = try c.decodeIfPresent(String.self, forKey: .trunkType)
        trunkMetabase = try c.decodeIfPresent(EntityRef.self, forKey: .trunkMetabase)
        properties = try c.decodeIfPresent([String: JSONValue].self, forKey: .properties)
        managed = try c.decodeIfPresent(Bool.self, forKey: .managed)
        selfUri = try c.decodeIfPresent(String.self, forKey: .selfUri)
    }

    /// A property's value as text: the platform writes settings as
    /// `{"type": ..., "value": {"default": ..., "instance": ...}}`; the instance wins over the
    /// default. A bare string or number is taken as is. nil when absent or empty.
    public func propertyText(_ name: String) -> String? {
        guard let property = properties?[name] else { return nil }
        return Self.text(property)
    }

    static func text(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): return text.isEmpty ? nil : text
        case .number(let number): return number.rounded() == number ? String(Int64(number)) : String(number)
        case .bool(let flag): return String(flag)
        case .object(let object):
            if case .object(let inner)? = object["value"] {
                return inner["instance"].flatMap(text) ?? inner["default"].flatMap(text)
            }
            return object["value"].flatMap(text)
        case .array(let items):
            let texts = items.compactMap(text)
            return texts.isEmpty ? nil : texts.joined(separator: ",")
        case .null: return nil
        }
    }
}
