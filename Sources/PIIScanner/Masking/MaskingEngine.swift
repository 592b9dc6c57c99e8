/// The masking rule engine: which action applies to a value, given where it is (its field
/// path and the kind of document), and the action itself. `sandbox-refresh mask`, the
/// emulator's copy of production data (`PIIMasker`) and the tests all decide through it.
///
/// - the first rule (plan order) whose globs match the field applies; a field matches when
///   the rule's `field`/`column` glob matches its path, its last key, or any key above it
///   (`field: workPhone` covers `workPhone` as a string and `workPhone.e164` as an object);
/// - `maskPii` with no rule for contacts redacts the contact fields that are PII by
///   definition (phones, emails, street address);
/// - `maskPii` then scrubs card numbers and SSNs out of every other field;
/// - a data-table row's `key` is never touched: it is the row's identity.
/// Whatever the action, its output is re-scanned and any card number or SSN still in it is
/// redacted, so a masked field never holds one (a partial rule that keeps 16 digits, a token
/// that happens to validate).
public struct MaskingEngine: Sendable {
    public enum Decision: Sendable, Hashable {
        /// Rule `index` of the plan applies.
        case rule(index: Int, action: MaskAction)
        /// A contact field that is PII by definition, under `maskPii` without contact rules.
        case redactByDefault
        /// `maskPii`: card numbers and SSNs are redacted, the rest of the value kept.
        case scrub
        case keep
    }

    public let maskPii: Bool
    public let rules: [MaskingRuleSpec]
    let masker: ValueMasker
    private let scanner = DigitScanner()

    public init(maskPii: Bool, rules: [MaskingRuleSpec], key: MaskingKey) {
        self.maskPii = maskPii
        self.rules = rules
        masker = ValueMasker(key: key)
    }

    public var isIdentity: Bool { !maskPii && rules.isEmpty }

    /// Whether any rule could apply to contacts (then the default contact redaction is off).
    public var hasContactRules: Bool { rules.contains { $0.dataTable == nil && ($0.object.map { o in MaskingRuleSpec.contactObjects.contains { Glob.matches(o, $0) } } ?? true) } }

    /// The decision for a value at `path` (keys from the outside in; array levels left out).
    /// `contactRuleApplies` overrides `hasContactRules` for callers that know their record.
    public func decision(path: [String], kind: DocumentKind, contactRuleApplies: Bool? = nil) -> Decision {
        guard !isIdentity, !path.isEmpty else { return .keep }
        if case .dataTable = kind, path.count == 1, path[0] == PIIMasker.rowKey { return .keep }
        for (index, rule) in rules.enumerated() where applies(rule, path: path, kind: kind) {
            return .rule(index: index, action: rule.action)
        }
        guard maskPii else { return .keep }
        if kind == .contacts, !(contactRuleApplies ?? hasContactRules),
           Self.windows(path).contains(where: { PIIMasker.defaultContactFields.contains($0) }) {
            return .redactByDefault
        }
        return .scrub
    }

    /// Applies a decision to a value; nil when the value is left as it is.
    public func apply(_ decision: Decision, to value: String) -> String? {
        switch decision {
        case .keep:
            return nil
        case .redactByDefault:
            return ValueMasker.redacted
        case .scrub:
            let scrubbed = scrub(value)
            return scrubbed == value ? nil : scrubbed
        case .rule(_, let action):
            return scrub(masker.apply(action, to: value))
        }
    }

    /// `text` with every card number and SSN replaced by `[REDACTED]`.
    public func scrub(_ text: String) -> String {
        var bytes = Array(text.utf8)
        let found = bytes.withUnsafeBufferPointer { scanner.matches(in: $0) }
        guard !found.isEmpty else { return text }
        for match in found.reversed() { bytes.replaceSubrange(match.range, with: ValueMasker.redacted.utf8) }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func applies(_ rule: MaskingRuleSpec, path: [String], kind: DocumentKind) -> Bool {
        let names = Self.windows(path)
        switch kind {
        case .contacts:
            return names.contains { rule.appliesToContact(field: $0) }
        case .dataTable(let name, let id):
            return names.contains { rule.appliesToRow(column: $0, tableId: id ?? name, tableName: name) }
        case .other(let name):
            guard rule.dataTable == nil else { return false }
            if let object = rule.object, !Glob.matches(object, name) { return false }
            return names.contains { rule.matchesField($0) }
        }
    }

    /// Every run of consecutive keys of `path` that ends at or above the value: the names a
    /// rule's glob is tried against (`a.b.c` gives `c`, `b.c`, `a.b.c`, `b`, `a.b`, `a`).
    static func windows(_ path: [String]) -> [String] {
        var names: [String] = []
        for end in stride(from: path.count - 1, through: 0, by: -1) {
            for start in stride(from: end, through: 0, by: -1) {
                names.append(path[start...end].joined(separator: "."))
            }
        }
        return names
    }
}
