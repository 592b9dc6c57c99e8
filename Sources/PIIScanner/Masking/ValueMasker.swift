/// Applies one masking action to one value.
public struct ValueMasker: Sendable {
    public static let redacted = "[REDACTED]"
    public let key: MaskingKey
    private let tokenizer: Tokenizer

    public init(key: MaskingKey) {
        self.key = key
        self.tokenizer = Tokenizer(key: key)
    }

    public func apply(_ action: MaskAction, to value: String) -> String {
        switch action {
        case .redact:
            return Self.redacted
        case .partial(let keepFirst, let keepLast):
            // Characters, not bytes: "Müller" keeps "M" and "r", never half a letter.
            let chars = Array(value)
            let first = min(max(keepFirst, 0), chars.count)
            let last = min(max(keepLast, 0), chars.count - first)
            return String(chars.prefix(first)) + String(repeating: "*", count: chars.count - first - last) + String(chars.suffix(last))
        case .hash:
            return Hex.encode(key.mac(["hash", value]))
        case .tokenize:
            return tokenizer.tokenize(value)
        }
    }
}
