/// Phone numbers are not card numbers. National numbers without `+` (`4915123456789`: 13
/// digits starting with 4, a Visa length, passing Luhn one time in ten) are only told apart
/// by where they are: a field or column that names a phone. International numbers are told
/// apart by their shape: a value that starts with `+` and holds only digits and phone
/// punctuation up to the candidate.
public enum PhoneContext {
    /// Substrings of a field or column name that mean a phone number (case-insensitive).
    public static let nameParts = ["phone", "mobile", "msisdn", "e164", "fax", "whatsapp"]
    /// Whole names (or dotted path components) that mean a phone number.
    public static let names: Set<String> = ["tel", "cell", "sms", "ani", "dnis"]

    /// Whether any component of a field path (`workPhone.e164`, `contact.cell`, `Mobile Nr`)
    /// names a phone: a value anywhere under such a key is part of a phone number.
    public static func namesPhone(_ path: String?) -> Bool {
        guard let path, !path.isEmpty else { return false }
        let lower = path.lowercased()
        if nameParts.contains(where: { lower.contains($0) }) { return true }
        return lower.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).contains { names.contains(String($0)) }
    }

    /// The same test on a key's raw bytes (ASCII, case-insensitive), without building a string.
    static func namesPhone(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        for part in partBytes where contains(name, part) { return true }
        var start = 0
        for index in 0...name.count {
            let isBoundary = index == name.count || !(ByteClass.isLetter(name[index]) || ByteClass.isDigit(name[index]))
            guard isBoundary else { continue }
            if index > start, wholeBytes.contains(where: { equal(name, start, index, $0) }) { return true }
            start = index + 1
        }
        return false
    }

    private static let partBytes = nameParts.map { Array($0.utf8) }
    private static let wholeBytes = names.map { Array($0.utf8) }

    private static func contains(_ text: UnsafeBufferPointer<UInt8>, _ part: [UInt8]) -> Bool {
        guard text.count >= part.count else { return false }
        for start in 0...(text.count - part.count) where equal(text, start, start + part.count, part) { return true }
        return false
    }

    /// `text[from..<to]` equals lower-case ASCII `word`, ignoring case.
    @inline(__always) private static func equal(_ text: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int, _ word: [UInt8]) -> Bool {
        guard to - from == word.count else { return false }
        for offset in 0..<word.count where text[from + offset] | 0x20 != word[offset] { return false }
        return true
    }

    /// Whether the candidate at `p` is the tail of an E.164-looking number: walking left over
    /// digits and phone punctuation reaches a `+`.
    static func followsInternationalPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ p: Int) -> Bool {
        var i = p - 1
        let floor = max(0, p - 24)
        while i >= floor {
            switch bytes[i] {
            case ByteClass.plus: return true
            case 0x30...0x39, ByteClass.space, ByteClass.dash, ByteClass.dot, UInt8(ascii: "("), UInt8(ascii: ")"): i -= 1
            default: return false
            }
        }
        return false
    }
}
