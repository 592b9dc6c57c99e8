import Foundation
import GenesysWire

/// Trunks as the platform shows them, and the trunk base settings whose `properties` say with
/// whom a trunk registers. The reference names no property for the carrier registration; the
/// emulator keeps it where `gates.trunkIsolation.registrationProperties` looks by default.
public enum EmulatedTelephony {
    /// The default of `gates.trunkIsolation.registrationProperties`, and where the emulator keeps it.
    public static let registrationProperty = "trunk_sip_registration_uri"
    static let metabase = EntityRef(id: "external_sip_pcv_byoc_carrier.json", name: "BYOC Carrier")

    /// A setting the way trunk base `properties` carry it.
    static func property(_ value: String?, type: String = "string") -> JSONValue {
        .object(["type": .string(type), "value": .object(["default": .null, "instance": value.map(JSONValue.string) ?? .null])])
    }

    static func base(id: String, name: String, registration: String?) -> TrunkBase {
        var properties: [String: JSONValue] = [
            "trunk_label": property(name),
            "trunk_enabled": .object(["type": .string("boolean"), "value": .object(["default": .bool(true), "instance": .bool(true)])]),
        ]
        if let registration {
            properties[registrationProperty] = property(registration)
            properties["trunk_sip_registration_enabled"] = .object(["type": .string("boolean"), "value": .object(["default": .bool(false), "instance": .bool(true)])])
        }
        return TrunkBase(id: id, name: name, trunkMetabase: metabase, properties: properties)
    }

    /// A trunk on a base; `registers` trunks show the registrar's metrics.
    static func trunk(id: String, name: String, base: TrunkBase, registers: Bool, at date: Date) -> Trunk {
        Trunk(id: id, name: name, trunkBase: EntityRef(id: base.id, name: base.name, selfUri: base.selfUri),
              inService: true, enabled: true, registersEnabledStatus: registers ? .enabled : .disabled,
              registersStatus: registers ? [TrunkRegistration(proxyAddress: "registrar.carrier.example.net", registerState: true, registerStateTime: date)] : nil)
    }
}

extension ExternalContact {
    /// The free-text account notes the emulator keeps in a custom field (where planted PII sits).
    public var notesText: String? { customFields?[CustomerData.notesField]?.stringValue }
}
