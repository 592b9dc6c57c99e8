/// The shape of a value in a plan. One definition drives decoding, unknown-key detection,
/// defaults, the JSON Schema and the reference docs.
indirect enum FieldType: Sendable {
    case string(pattern: String?)
    /// Lowercase slug: names and ids that end up in descriptions, paths and URLs.
    case identifier(pattern: String)
    case boolean
    case integer(min: Int?, max: Int?)
    case number(min: Double?, max: Double?)
    case duration(min: Duration?, max: Duration?)
    case choice([String])
    /// `${env:NAME}` or `${file:PATH}`; `literalAllowed` for values that are not secret by nature.
    case secret(literalAllowed: Bool)
    case region
    case url
    case cron
    case retryCondition
    case list(FieldType, minItems: Int)
    case section(Section)
    case oneOf([FieldType])

    var expectation: String {
        switch self {
        case .string: return "a string"
        case .identifier: return "a lowercase name (letters, digits and dashes)"
        case .boolean: return "a boolean (true or false)"
        case .integer: return "an integer"
        case .number: return "a number"
        case .duration: return "a duration such as 15s, 2m or 1h30m"
        case .choice(let values): return "one of \(values.joined(separator: ", "))"
        case .secret: return "an interpolation such as ${env:NAME} or ${file:PATH}"
        case .region: return "a Genesys Cloud region or domain (e.g. us-east-1 or mypurecloud.com)"
        case .url: return "a URL"
        case .cron: return "a five-field cron expression"
        case .retryCondition: return "a status code (429, 502, 503, 504) or 'network'"
        case .list(let item, _): return "a list of \(item.expectationPlural)"
        case .section: return "a mapping"
        case .oneOf(let types): return types.map(\.expectation).joined(separator: " or ")
        }
    }

    private var expectationPlural: String {
        switch self {
        case .choice(let values): return "values among \(values.joined(separator: ", "))"
        case .section: return "mappings"
        case .string: return "strings"
        default: return "values (\(expectation))"
        }
    }
}

/// A class, not a struct: the decoder looks definitions up for every key of every plan, and
/// copying a dozen strings and arrays each time was a measurable share of `validate`.
final class FieldDefinition: Sendable {
    let name: String
    let type: FieldType
    let required: Bool
    /// Applied by the decoder when the key is absent; also the schema's and the docs' default.
    let defaultValue: SchemaJSON?
    /// A default that depends on other fields, in words (docs only).
    let defaultDescription: String?
    let doc: String
    /// The code reported when the value is outside the type's range.
    let rangeRule: RuleCode
    /// Why the range exists, appended to range errors.
    let rangeReason: String?
    /// Rule codes that concern this key, for the reference docs.
    let rules: [RuleCode]

    init(name: String, type: FieldType, required: Bool = false, defaultValue: SchemaJSON? = nil, defaultDescription: String? = nil,
         doc: String, rangeRule: RuleCode = .outOfRange, rangeReason: String? = nil, rules: [RuleCode] = []) {
        self.name = name
        self.type = type
        self.required = required
        self.defaultValue = defaultValue
        self.defaultDescription = defaultDescription
        self.doc = doc
        self.rangeRule = rangeRule
        self.rangeReason = rangeReason
        self.rules = rules
    }
}

struct Section: Sendable {
    /// Dotted path as users write it ("refresh.polling"); empty for the top level.
    var path: String
    var doc: String
    var fields: [FieldDefinition]
    /// At least one key must be present (a masking match with no criteria matches everything).
    var minProperties: Int = 0

    func field(_ name: String) -> FieldDefinition? {
        for index in fields.indices where fields[index].name == name { return fields[index] }
        return nil
    }

    var displayName: String { path.isEmpty ? "the top level" : "'\(path)'" }
}
