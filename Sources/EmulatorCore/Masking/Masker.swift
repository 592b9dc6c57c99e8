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
        let fields = Dictionary(contact.textFields.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        // A phone's renderings (`cellPhone.e164`, ...) are masked as the phone: the engine
        // matches rules against every window of a field's path.
        return contact.replacingText(masker.maskContact(fields))
    }

    public func mask(row: [String: JSONValue], table: DataTable?) -> [String: JSONValue] {
        guard !isIdentity else { return row }
        let masked = masker.maskRow(row.compactMapValues(\.stringValue), tableId: table?.id, tableName: table?.name)
        var copy = row
        for (column, value) in masked { copy[column] = .string(value) }
        return copy
    }
}
