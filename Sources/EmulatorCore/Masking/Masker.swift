import GenesysWire
import PIIScanner

/// Applies a refresh payload's `maskPii` and `maskingRules` to customer data as it is copied,
/// with the tool's own masking code (PIIScanner): the emulator and the tool cannot drift apart.
/// The payload never carries the plan's hash key, so the emulated platform hashes and
/// tokenizes with a key of its own.
public struct Masker: Sendable {
    public static let redacted = ValueMasker.redacted
    static let platformKey = MaskingKey(secret: "sandbox-refresh-emulator-masking-key")

    public let maskPii: Bool
    public let rules: [WireMaskingRule]
    private let masker: PIIMasker

    public init(maskPii: Bool, rules: [WireMaskingRule]) {
        self.maskPii = maskPii
        self.rules = rules
        masker = PIIMasker(maskPii: maskPii, rules: rules.map {
            MaskingRuleSpec(object: $0.object, field: $0.field, dataTable: $0.dataTable, column: $0.column,
                            action: $0.action, keepFirst: $0.keepFirst, keepLast: $0.keepLast)
        }, key: Self.platformKey)
    }

    public var isIdentity: Bool { masker.isIdentity }

    public func mask(_ contact: ExternalContact) -> ExternalContact {
        guard !isIdentity else { return contact }
        var fields: [String: String] = [:]
        func read(_ name: String, _ value: String?) { if let value { fields[name] = value } }
        read("firstName", contact.firstName); read("lastName", contact.lastName)
        read("workPhone", contact.workPhone); read("cellPhone", contact.cellPhone)
        read("workEmail", contact.workEmail); read("personalEmail", contact.personalEmail)
        read("notes", contact.notes)
        read("address.address1", contact.address?.address1); read("address.city", contact.address?.city)
        read("address.state", contact.address?.state); read("address.postalCode", contact.address?.postalCode)
        read("address.countryCode", contact.address?.countryCode)
        let masked = masker.maskContact(fields)
        var copy = contact
        copy.firstName = masked["firstName"]; copy.lastName = masked["lastName"]
        copy.workPhone = masked["workPhone"]; copy.cellPhone = masked["cellPhone"]
        copy.workEmail = masked["workEmail"]; copy.personalEmail = masked["personalEmail"]
        copy.notes = masked["notes"]
        if copy.address != nil {
            copy.address!.address1 = masked["address.address1"]; copy.address!.city = masked["address.city"]
            copy.address!.state = masked["address.state"]; copy.address!.postalCode = masked["address.postalCode"]
            copy.address!.countryCode = masked["address.countryCode"]
        }
        return copy
    }

    public func mask(row: [String: JSONValue], table: DataTable?) -> [String: JSONValue] {
        guard !isIdentity else { return row }
        let masked = masker.maskRow(row.compactMapValues(\.stringValue), tableId: table?.id, tableName: table?.name)
        var copy = row
        for (column, value) in masked { copy[column] = .string(value) }
        return copy
    }
}
