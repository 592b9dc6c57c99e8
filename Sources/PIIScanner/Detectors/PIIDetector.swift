/// What a finding is. Built-in detectors validate (checksum, allocation rules) and are therefore
/// more specific than a user pattern that happens to cover the same characters.
public enum PIIDetector: Hashable, Sendable, Codable, CustomStringConvertible {
    case creditCard
    case ssn
    /// A user-defined pattern from the plan (`gates.piiScan.patterns`) or `scan --pattern`.
    case custom(String)

    public static let builtIn: [PIIDetector] = [.creditCard, .ssn]

    /// The name used in plans, `--detectors` and output (`creditCard`, `ssn`, or the pattern's name).
    public var name: String {
        switch self {
        case .creditCard: return "creditCard"
        case .ssn: return "ssn"
        case .custom(let name): return name
        }
    }

    /// nil for a name that is not a built-in detector.
    public init?(builtInName name: String) {
        switch name.lowercased() {
        case "creditcard", "card", "cards", "pan": self = .creditCard
        case "ssn", "usssn": self = .ssn
        default: return nil
        }
    }

    /// Overlap resolution keeps the highest rank; validated detectors outrank plain patterns.
    public var specificity: Int {
        switch self {
        case .creditCard, .ssn: return 2
        case .custom: return 1
        }
    }

    public var description: String { name }

    public init(from decoder: any Decoder) throws {
        let name = try decoder.singleValueContainer().decode(String.self)
        self = PIIDetector(builtInName: name) ?? .custom(name)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }
}
