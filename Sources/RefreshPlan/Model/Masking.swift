/// Which values a masking rule applies to. Every present field is a glob (`*`, `?`); all must match.
public struct MaskingMatch: Sendable, Hashable, Codable {
    public var object: String?
    public var field: String?
    public var dataTable: String?
    public var column: String?

    public init(object: String? = nil, field: String? = nil, dataTable: String? = nil, column: String? = nil) {
        self.object = object
        self.field = field
        self.dataTable = dataTable
        self.column = column
    }

    public var isEmpty: Bool { object == nil && field == nil && dataTable == nil && column == nil }
}

public enum MaskingAction: Sendable, Hashable, Codable {
    case redact
    case partial(keepFirst: Int, keepLast: Int)
    /// HMAC-SHA-256 with `MaskingPolicy.hashKey`, deterministic so joins still match.
    case hash
    /// Format-preserving replacement.
    case tokenize
}

public struct MaskingRule: Sendable, Hashable, Codable {
    public var match: MaskingMatch
    public var action: MaskingAction

    public init(match: MaskingMatch, action: MaskingAction) {
        self.match = match
        self.action = action
    }
}

public struct MaskingPolicy: Sendable, Hashable, Codable {
    public var maskPii: Bool
    public var hashKey: SecretValue?
    public var rules: [MaskingRule]

    public init(maskPii: Bool = false, hashKey: SecretValue? = nil, rules: [MaskingRule] = []) {
        self.maskPii = maskPii
        self.hashKey = hashKey
        self.rules = rules
    }
}
