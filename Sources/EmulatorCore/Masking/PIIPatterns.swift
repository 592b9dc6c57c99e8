/// Card numbers (13–19 digits, Luhn-valid, spaces or dashes allowed) and US SSNs
/// (`ddd-dd-dddd`) in free text. A hand-written scanner: it runs over every copied contact
/// and row, and stays fast where a regex engine would not.
public enum PIIPatterns {
    public enum Kind: String, Sendable, Hashable, Codable { case cardNumber, ssn }

    public struct Finding: Sendable, Hashable {
        public var kind: Kind
        public var range: Range<Int>
    }

    /// Findings as character-offset ranges into `text`.
    public static func findings(in text: String) -> [Finding] {
        let chars = Array(text)
        var results: [Finding] = []
        var index = 0
        while index < chars.count {
            guard chars[index].isASCII, chars[index].isNumber else { index += 1; continue }
            // A run of digits with single separators between them.
            var end = index
            var digits: [Int] = []
            var cursor = index
            while cursor < chars.count {
                let char = chars[cursor]
                if char.isASCII, char.isNumber {
                    digits.append(Int(String(char))!)
                    end = cursor + 1
                    cursor += 1
                } else if (char == " " || char == "-"), cursor + 1 < chars.count, chars[cursor + 1].isASCII, chars[cursor + 1].isNumber {
                    cursor += 1
                } else {
                    break
                }
            }
            let run = String(chars[index..<end])
            if isSSN(run) {
                results.append(Finding(kind: .ssn, range: index..<end))
            } else if (13...19).contains(digits.count), luhn(digits) {
                results.append(Finding(kind: .cardNumber, range: index..<end))
            }
            index = max(end, index + 1)
        }
        return results
    }

    public static func containsPII(_ text: String) -> Bool { !findings(in: text).isEmpty }

    /// `text` with every finding replaced by `[REDACTED]`.
    public static func scrub(_ text: String) -> String {
        let found = findings(in: text)
        guard !found.isEmpty else { return text }
        var chars = Array(text)
        for finding in found.reversed() {
            chars.replaceSubrange(finding.range, with: Array(Masker.redacted))
        }
        return String(chars)
    }

    private static func isSSN(_ run: String) -> Bool {
        let parts = run.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 3 && parts[0].count == 3 && parts[1].count == 2 && parts[2].count == 4
            && parts.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    private static func luhn(_ digits: [Int]) -> Bool {
        var sum = 0
        for (index, digit) in digits.reversed().enumerated() {
            var value = digit
            if index % 2 == 1 { value *= 2; if value > 9 { value -= 9 } }
            sum += value
        }
        return sum % 10 == 0
    }
}
