import GenesysWire

/// Applies a refresh payload's `maskPii` and `maskingRules` to customer data as it is copied.
///
/// - rules name a contact field (`object: "externalContact", field: "workPhone"`; `address1`,
///   `city`, ... reach into the address) or a data-table column (`dataTable`: name, id or `*`,
///   `column`); a rule with neither `object` nor `dataTable` applies to both;
/// - actions: `redact` → `[REDACTED]`; `partial` keeps `keepFirst`/`keepLast` characters and
///   stars the rest; `hash` → 16 hex digits of keyed FNV-1a 64 (stable, not cryptographic:
///   EmulatorCore has no swift-crypto); `tokenize` → `tok_` + 12 hex digits of the same
///   digest; an unknown action redacts (fail closed);
/// - `maskPii: true` with no rules redacts phones, emails and street address of contacts;
///   with or without rules it then scrubs card numbers and SSNs from all free text.
public struct Masker: Sendable {
    public static let redacted = "[REDACTED]"
    static let contactObjects: Set<String> = ["externalcontact", "externalcontacts", "contact", "contacts"]
    static let defaultContactFields = ["workPhone", "cellPhone", "workEmail", "personalEmail", "address1"]

    public let maskPii: Bool
    public let rules: [WireMaskingRule]

    public init(maskPii: Bool, rules: [WireMaskingRule]) {
        self.maskPii = maskPii
        self.rules = rules
    }

    public var isIdentity: Bool { !maskPii && rules.isEmpty }

    public func mask(_ contact: ExternalContact) -> ExternalContact {
        guard !isIdentity else { return contact }
        var copy = contact
        let contactRules = rules.filter(appliesToContacts)
        if contactRules.isEmpty, maskPii {
            for field in Self.defaultContactFields { transform(&copy, field: field) { _ in Self.redacted } }
        }
        for rule in contactRules {
            guard let field = rule.field ?? rule.column else { continue }
            transform(&copy, field: field) { apply(rule, to: $0) }
        }
        if maskPii { copy.notes = copy.notes.map(PIIPatterns.scrub) }
        return copy
    }

    public func mask(row: [String: JSONValue], table: DataTable?) -> [String: JSONValue] {
        guard !isIdentity else { return row }
        var copy = row
        for rule in rules where appliesToRows(rule, table: table) {
            guard let column = rule.column ?? rule.field, column != "key", case .string(let value)? = copy[column] else { continue }
            copy[column] = .string(apply(rule, to: value))
        }
        if maskPii {
            for (column, value) in copy where column != "key" {
                if case .string(let text) = value { copy[column] = .string(PIIPatterns.scrub(text)) }
            }
        }
        return copy
    }

    func apply(_ rule: WireMaskingRule, to value: String) -> String {
        switch rule.action.lowercased() {
        case "partial":
            let chars = Array(value)
            let first = min(max(rule.keepFirst ?? 0, 0), chars.count)
            let last = min(max(rule.keepLast ?? 0, 0), chars.count - first)
            let middle = String(repeating: "*", count: chars.count - first - last)
            return String(chars.prefix(first)) + middle + String(chars.suffix(last))
        case "hash":
            return StableHash.hex(value)
        case "tokenize":
            return "tok_" + StableHash.hex(value, key: 0x7a6b_5c4d_3e2f_1001).prefix(12)
        default:
            return Self.redacted
        }
    }

    private func appliesToContacts(_ rule: WireMaskingRule) -> Bool {
        if let object = rule.object { return Self.contactObjects.contains(object.lowercased()) }
        return rule.dataTable == nil
    }

    private func appliesToRows(_ rule: WireMaskingRule, table: DataTable?) -> Bool {
        if let name = rule.dataTable {
            guard let table else { return name == "*" }
            return name == "*" || name == table.id || name.caseInsensitiveCompare(table.name) == .orderedSame
        }
        return rule.object == nil
    }

    private func transform(_ contact: inout ExternalContact, field: String, _ change: (String) -> String) {
        func update(_ value: inout String?) { if let current = value { value = change(current) } }
        switch field.replacingOccurrences(of: "address.", with: "") {
        case "firstName": update(&contact.firstName)
        case "lastName": update(&contact.lastName)
        case "workPhone": update(&contact.workPhone)
        case "cellPhone": update(&contact.cellPhone)
        case "workEmail": update(&contact.workEmail)
        case "personalEmail": update(&contact.personalEmail)
        case "notes": update(&contact.notes)
        case "address1": if contact.address != nil { update(&contact.address!.address1) }
        case "city": if contact.address != nil { update(&contact.address!.city) }
        case "state": if contact.address != nil { update(&contact.address!.state) }
        case "postalCode": if contact.address != nil { update(&contact.address!.postalCode) }
        default: break
        }
    }
}
