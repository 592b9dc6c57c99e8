import PIIScanner

/// Card numbers and SSNs in free text, as the tool's scanner sees them (PIIScanner's
/// `DigitScanner`: issuer prefixes, Luhn, SSA rules, sample SSNs excluded).
public enum PIIPatterns {
    public enum Kind: String, Sendable, Hashable, Codable { case cardNumber, ssn }

    public struct Finding: Sendable, Hashable {
        public var kind: Kind
        /// Character offsets into the text (every matched byte is ASCII, so they follow from UTF-8 offsets).
        public var range: Range<Int>
    }

    public static func findings(in text: String) -> [Finding] {
        let utf8 = Array(text.utf8)
        return DigitScanner().matches(in: text).map { match in
            // Characters before the match = UTF-8 bytes before it minus continuation bytes.
            let start = utf8[..<match.start].filter { $0 & 0xC0 != 0x80 }.count
            return Finding(kind: match.detector == .ssn ? .ssn : .cardNumber, range: start..<(start + match.end - match.start))
        }
    }

    public static func containsPII(_ text: String) -> Bool { !findings(in: text).isEmpty }

    public static func scrub(_ text: String) -> String {
        PIIMasker(maskPii: true, rules: [], key: MaskingKey(secret: "scrub")).scrub(text)
    }
}
