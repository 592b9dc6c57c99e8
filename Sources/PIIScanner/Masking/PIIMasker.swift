/// Masks customer data the way a refresh payload asks (`maskPii`, `maskingRules`), for records
/// held as named strings (the emulator's copy of production data). Decisions and actions are
/// `MaskingEngine`'s, the same as `sandbox-refresh mask` uses on export files; see there for
/// the rules. Contacts keep one record-level nuance: the default redaction of PII contact
/// fields is off when a rule applies to any field of that contact.
public struct PIIMasker: Sendable {
    public static let defaultContactFields = ["workPhone", "cellPhone", "homePhone", "otherPhone", "workEmail", "personalEmail",
                                              "otherEmail", "address.address1", "address.address2"]
    public static let rowKey = "key"

    public let engine: MaskingEngine

    public init(maskPii: Bool, rules: [MaskingRuleSpec], key: MaskingKey) {
        engine = MaskingEngine(maskPii: maskPii, rules: rules, key: key)
    }

    public var maskPii: Bool { engine.maskPii }
    public var rules: [MaskingRuleSpec] { engine.rules }
    public var isIdentity: Bool { engine.isIdentity }

    /// Contact fields by name (`firstName`, `notes`, `address.city`, `workPhone.e164`, ...); absent fields stay absent.
    public func maskContact(_ fields: [String: String]) -> [String: String] {
        guard !isIdentity else { return fields }
        let anyContactRule = fields.keys.contains { name in rules.contains { rule in MaskingEngine.windows(Self.path(name)).contains { rule.appliesToContact(field: $0) } } }
        var out = fields
        for (name, value) in fields {
            let decision = engine.decision(path: Self.path(name), kind: .contacts, contactRuleApplies: anyContactRule)
            if let masked = engine.apply(decision, to: value) { out[name] = masked }
        }
        return out
    }

    /// One data-table row's string columns; `tableId`/`tableName` are what `dataTable` globs see.
    public func maskRow(_ columns: [String: String], tableId: String?, tableName: String?) -> [String: String] {
        guard !isIdentity else { return columns }
        let kind = DocumentKind.dataTable(name: tableName ?? tableId ?? "", id: tableId)
        var out = columns
        for (name, value) in columns {
            if let masked = engine.apply(engine.decision(path: [name], kind: kind), to: value) { out[name] = masked }
        }
        return out
    }

    /// `text` with every card number and SSN replaced by `[REDACTED]`.
    public func scrub(_ text: String) -> String { engine.scrub(text) }

    /// One value through one action (tests, previews).
    public func apply(_ action: MaskAction, to value: String) -> String { engine.masker.apply(action, to: value) }

    static func path(_ name: String) -> [String] { name.split(separator: ".").map(String.init) }
}
