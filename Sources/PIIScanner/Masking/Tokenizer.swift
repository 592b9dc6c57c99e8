/// Format-preserving tokenization, deterministic per key.
///
/// - a card keeps its shape: same length, separators where they were, the issuer's prefix
///   kept, the rest keyed digits, and a check digit that deliberately fails Luhn. A token
///   must be told apart from a card number (PCI DSS tokenization guidance): the scanner and the
///   PII gate then find no card in masked data, and no token can be charged;
/// - an SSN keeps its `ddd-dd-dddd` shape but gets an area in 900–999, which the SSA never
///   issues, so the scanner does not mistake the token for a real number;
/// - a phone keeps its punctuation, `+` and country/area code, and gets a new subscriber number;
/// - an email keeps its domain; other text keeps case, digit and punctuation positions.
/// Text tokens are re-scanned: a card or SSN that appears by chance is broken.
public struct Tokenizer: Sendable {
    let key: MaskingKey
    private let scanner = DigitScanner()

    public init(key: MaskingKey) { self.key = key }

    public func tokenize(_ value: String) -> String {
        let chars = Array(value)
        let digits = chars.compactMap { $0.isASCII ? $0.wholeNumberValue.map(UInt8.init) : nil }
        let separatorsOnly = chars.allSatisfy { $0.isASCII && ($0.isNumber || $0 == " " || $0 == "-") }
        if separatorsOnly, (13...19).contains(digits.count), CardIssuer.identify(digits) != nil, Luhn.isValid(digits) {
            return card(chars, digits)
        }
        if isSSN(chars) { return ssn(value) }
        if isPhone(chars, digitCount: digits.count) { return phone(chars) }
        if let at = chars.lastIndex(of: "@"), at > 0 {
            return breakDetections(text(String(chars[..<at]), domain: "email") + String(chars[at...]))
        }
        return breakDetections(text(value, domain: "text"))
    }

    private func card(_ chars: [Character], _ digits: [UInt8]) -> String {
        let keep = CardIssuer.prefixLength(digits)
        var attempt = 0
        while true {
            let fresh = key.digits("card", String(decoding: digits.map { $0 + 0x30 }, as: UTF8.self) + "#\(attempt)", count: digits.count)
            var token = Array(digits[0..<keep]) + fresh[keep..<(digits.count - 1)]
            token.append((Luhn.checkDigit(for: token) + 1) % 10)
            if token != digits { return place(token, into: chars) }
            attempt += 1
        }
    }

    private func ssn(_ value: String) -> String {
        let d = key.digits("ssn", value, count: 8)
        var group = Int(d[2]) * 10 + Int(d[3])
        if group == 0 { group = 1 }
        var serial = Int(d[4]) * 1000 + Int(d[5]) * 100 + Int(d[6]) * 10 + Int(d[7])
        if serial == 0 { serial = 1 }
        func pad(_ n: Int, _ width: Int) -> String { String(repeating: "0", count: width - String(n).count) + String(n) }
        return "9\(d[0])\(d[1])-\(pad(group, 2))-\(pad(serial, 4))"
    }

    private func phone(_ chars: [Character]) -> String {
        // Keep the leading groups that route the call (country and area code), replace the rest.
        let keepGroups = chars.first == "+" ? 2 : 1
        var groupsSeen = 0, inDigits = false
        var replaceFrom = chars.count
        for (index, char) in chars.enumerated() {
            let isDigit = char.isASCII && char.isNumber
            if isDigit, !inDigits {
                groupsSeen += 1
                if groupsSeen > keepGroups { replaceFrom = index; break }
            }
            inDigits = isDigit
        }
        if replaceFrom == chars.count, let firstDigit = chars.firstIndex(where: { $0.isASCII && $0.isNumber }) {
            // One unbroken group (`+491512345678`): keep the country and area code's worth.
            let digitCount = chars[firstDigit...].filter { $0.isASCII && $0.isNumber }.count
            replaceFrom = min(chars.count, firstDigit + min(4, digitCount / 3))
        }
        let tail = String(chars[replaceFrom...])
        let fresh = key.digits("phone", String(chars), count: tail.count)
        var index = 0
        var out = String(chars[..<replaceFrom])
        for char in tail {
            if char.isASCII, char.isNumber { out.append(Character(String(fresh[index]))) } else { out.append(char) }
            index += 1
        }
        return out
    }

    /// Letters become letters of the same case, digits digits; everything else stays.
    private func text(_ value: String, domain: String) -> String {
        let stream = key.digits(domain, value, count: value.count * 3)
        var out = ""
        for (index, char) in value.enumerated() {
            let r = Int(stream[index * 3]) * 100 + Int(stream[index * 3 + 1]) * 10 + Int(stream[index * 3 + 2])
            if char.isASCII, char.isNumber {
                out.append(Character(String(r % 10)))
            } else if char.isASCII, char.isLetter {
                let base = char.isUppercase ? UInt8(ascii: "A") : UInt8(ascii: "a")
                out.append(Character(Unicode.Scalar(base + UInt8(r % 26))))
            } else {
                out.append(char)
            }
        }
        return out
    }

    /// A token must not look like real PII: bump a card's last digit (Luhn fails), move an
    /// SSN's area to 9xx.
    /// Breaking one grouping can make a shorter grouping of the same digits validate, so the
    /// token is scanned again until nothing is found (each round bumps a digit of every
    /// finding, which settles in a round or two; the bound only guards against a cycle).
    private func breakDetections(_ token: String) -> String {
        var bytes = Array(token.utf8)
        for _ in 0..<64 {
            let found = bytes.withUnsafeBufferPointer { scanner.matches(in: $0) }
            guard !found.isEmpty else { break }
            for match in found {
                switch match.detector {
                case .creditCard:
                    let last = match.end - 1
                    bytes[last] = (bytes[last] - 0x30 + 1) % 10 + 0x30
                default:
                    bytes[match.start] = UInt8(ascii: "9")
                }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func place(_ digits: [UInt8], into chars: [Character]) -> String {
        var index = 0
        var out = ""
        for char in chars {
            if char.isASCII, char.isNumber {
                out.append(Character(String(digits[index])))
                index += 1
            } else {
                out.append(char)
            }
        }
        return out
    }

    private func isSSN(_ chars: [Character]) -> Bool {
        guard chars.count == 11, chars[3] == "-", chars[6] == "-" else { return false }
        return chars.enumerated().allSatisfy { $0.offset == 3 || $0.offset == 6 || ($0.element.isASCII && $0.element.isNumber) }
    }

    private func isPhone(_ chars: [Character], digitCount: Int) -> Bool {
        guard (7...15).contains(digitCount) else { return false }
        return chars.allSatisfy { ($0.isASCII && $0.isNumber) || " +-().".contains($0) }
    }
}
