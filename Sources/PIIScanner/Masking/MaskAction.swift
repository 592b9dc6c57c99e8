/// A masking action as plans and refresh payloads name it. Mirrors `RefreshPlan.MaskingAction`
/// (PIIScanner depends on nothing in the project, so the emulator can use it too).
public enum MaskAction: Sendable, Hashable, Codable {
    case redact
    case partial(keepFirst: Int, keepLast: Int)
    /// HMAC-SHA-256 with the masking key, hex: deterministic, so joins between tables match.
    case hash
    /// Format-preserving and deterministic per key (see `Tokenizer`).
    case tokenize

    /// From a `WireMaskingRule`'s `action`/`keepFirst`/`keepLast`. An unknown action redacts:
    /// a typo must not let data through unmasked.
    public init(wire action: String, keepFirst: Int? = nil, keepLast: Int? = nil) {
        switch action.lowercased() {
        case "partial": self = .partial(keepFirst: max(keepFirst ?? 0, 0), keepLast: max(keepLast ?? 0, 0))
        case "hash": self = .hash
        case "tokenize": self = .tokenize
        default: self = .redact
        }
    }

    public var wireName: String {
        switch self {
        case .redact: return "redact"
        case .partial: return "partial"
        case .hash: return "hash"
        case .tokenize: return "tokenize"
        }
    }
}
