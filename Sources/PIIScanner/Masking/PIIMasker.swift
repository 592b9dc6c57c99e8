/// Masks customer data the way a refresh payload asks (`maskPii`, `maskingRules`): the tool's
/// rules, and the emulator's copy of production data, go through this one type.
///
/// - for each string field, the first rule that matches it applies (plan order);
/// - `maskPii` with no contact rules redacts the contact fields that are PII by definition
///   (phones, emails, street address);
/// - `maskPii` then scrubs card numbers and SSNs out of every field no rule transformed (rule
///   output is left alone: a tokenized card is meant to stay a card);
/// - a data-table row's `key` is never touched: it is the row's identity.
public struct PIIMasker: Sendable {
    public static let defaultContactFields = ["workPhone", "cellPhone", "homePhone", "otherPhone", "workEmail", "personalEmail",
                                              "otherEmail", "address.address1", "address.address2"]
    public static let rowKey = "key"

    public let maskPii: Bool
    public let rules: [MaskingRuleSpec]
    private let masker: ValueMasker
    private let scanner = DigitScanner()

    public init(maskPii: Bool, rules: [MaskingRuleSpec], key: MaskingKey) {
        self.maskPii = maskPii
        self.rules = rules
        self.masker = ValueMasker(key: key)
    }

    public var isIdentity: Bool { !maskPii && rules.isEmpty }

    /// Contact fields by name (`firstName`, `notes`, `address.city`, ...); absent fields stay absent.
    /// `ruleField` names the field rules and defaults see for a key (a phone's `cellPhone.e164`
    /// rendering is masked as `cellPhone`, so no rendering of a masked number survives).
    public func maskContact(_ fields: [String: String], ruleField: (String) -> String = { $0 }) -> [String: String] {
        guard !isIdentity else { return fields }
        let anyContactRule = fields.keys.contains { name in rules.contains { $0.appliesToContact(field: ruleField(name)) } }
        var out = fields
        for (key, value) in fields {
            let name = ruleField(key)
            if let rule = rules.first(where: { $0.appliesToContact(field: name) }) {
                out[key] = masker.apply(rule.action, to: value)
            } else if maskPii, !anyContactRule, Self.defaultContactFields.contains(name) {
                out[key] = ValueMasker.redacted
            } else if maskPii {
                out[key] = scrub(value)
            }
        }
        return out
    }

    /// One data-table row's string columns; `tableId`/`tableName` are what `dataTable` globs see.
    public func maskRow(_ columns: [String: String], tableId: String?, tableName: String?) -> [String: String] {
        guard !isIdentity else { return columns }
        var out = columns
        for (name, value) in columns where name != Self.rowKey {
            if let rule = rules.first(where: { $0.appliesToRow(column: name, tableId: tableId, tableName: tableName) }) {
                out[name] = masker.apply(rule.action, to: value)
            } else if maskPii {
                out[name] = scrub(value)
            }
        }
        return out
    }

    /// `text` with every card number and SSN replaced by `[REDACTED]`.
    public func scrub(_ text: String) -> String {
        var bytes = Array(text.utf8)
        let found = bytes.withUnsafeBufferPointer { scanner.matches(in: $0) }
        guard !found.isEmpty else { return text }
        for match in found.reversed() { bytes.replaceSubrange(match.range, with: ValueMasker.redacted.utf8) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// One value through one action (tests, previews).
    public func apply(_ action: MaskAction, to value: String) -> String { masker.apply(action, to: value) }
}
