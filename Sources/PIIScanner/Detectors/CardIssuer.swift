/// Card networks recognised by their issuer identification prefix and allowed lengths.
/// Requiring a real prefix *and* a length the network issues is what turns "16 random digits
/// that pass Luhn" (1 in 10) into a precise detector: epoch milliseconds, order numbers and
/// account references rarely start with an allocated prefix of the right length.
public enum CardIssuer: String, Sendable, Hashable, Codable, CaseIterable {
    case visa, mastercard, amex, discover, jcb, diners, unionPay

    /// The issuer of `digits` (values 0...9), or nil when no network issues that prefix at that length.
    public static func identify(_ digits: UnsafeBufferPointer<UInt8>) -> CardIssuer? {
        let count = digits.count
        guard count >= 13, count <= 19 else { return nil }
        func prefix(_ n: Int) -> Int {
            var value = 0
            for index in 0..<n { value = value * 10 + Int(digits[index]) }
            return value
        }
        let p1 = Int(digits[0]), p2 = prefix(2), p3 = prefix(3), p4 = prefix(4)
        switch p1 {
        case 4:
            return count == 13 || count == 16 || count == 19 ? .visa : nil
        case 5:
            return (51...55).contains(p2) && count == 16 ? .mastercard : nil
        case 2:
            return (2221...2720).contains(p4) && count == 16 ? .mastercard : nil
        case 3:
            if p2 == 34 || p2 == 37 { return count == 15 ? .amex : nil }
            if (3528...3589).contains(p4) { return count >= 16 ? .jcb : nil }
            if p2 == 36 || p2 == 38 || (300...305).contains(p3) { return count >= 14 ? .diners : nil }
            return nil
        case 6:
            if p4 == 6011 || (644...649).contains(p3) || p2 == 65 { return count >= 16 ? .discover : nil }
            if p2 == 62 { return count >= 16 ? .unionPay : nil }
            return nil
        default:
            return nil
        }
    }

    /// Whether a network issues numbers of `length` digits starting with these four digits.
    static func issues(prefix: UnsafeBufferPointer<UInt8>, length: Int) -> Bool {
        issues(prefix4: Int(prefix[0]) * 1000 + Int(prefix[1]) * 100 + Int(prefix[2]) * 10 + Int(prefix[3]), length: length)
    }

    /// The same, from the first four digits as one number (`4111` for 4111…).
    static func issues(prefix4 p4: Int, length: Int) -> Bool {
        guard length >= 13, length <= 19 else { return false }
        let p1 = p4 / 1000, p2 = p4 / 100, p3 = p4 / 10
        switch p1 {
        case 4: return length == 13 || length == 16 || length == 19
        case 5: return (51...55).contains(p2) && length == 16
        case 2: return (2221...2720).contains(p4) && length == 16
        case 3:
            if p2 == 34 || p2 == 37 { return length == 15 }
            if (3528...3589).contains(p4) { return length >= 16 }
            if p2 == 36 || p2 == 38 || (300...305).contains(p3) { return length >= 14 }
            return false
        case 6:
            return (p4 == 6011 || (644...649).contains(p3) || p2 == 65 || p2 == 62) && length >= 16
        default:
            return false
        }
    }

    /// Whether a network issues numbers of some length (13–19) starting with these four
    /// digits: every network issues 16 digits except American Express, which issues 15 only.
    /// (`issues(prefix4:length:)` without its length conditions.)
    @inline(__always) static func issuesSomeLength(prefix4 p4: Int) -> Bool {
        let p2 = p4 / 100
        switch p4 / 1000 {
        case 4: return true
        case 5: return p2 >= 51 && p2 <= 55
        case 2: return p4 >= 2221 && p4 <= 2720
        case 3: return p2 == 34 || p2 == 37 || (p4 >= 3528 && p4 <= 3589) || p2 == 36 || p2 == 38 || (p4 >= 3000 && p4 <= 3059)
        case 6: return p4 == 6011 || (p4 >= 6440 && p4 <= 6499) || p2 == 65 || p2 == 62
        default: return false
        }
    }

    public static func identify(_ digits: [UInt8]) -> CardIssuer? {
        digits.withUnsafeBufferPointer { identify($0) }
    }

    /// How many leading digits define the network; tokenization keeps exactly these.
    public static func prefixLength(_ digits: [UInt8]) -> Int {
        guard let issuer = identify(digits) else { return 0 }
        switch issuer {
        case .visa: return 1
        case .mastercard: return digits[0] == 2 ? 4 : 2
        case .amex, .unionPay: return 2
        case .jcb: return 4
        case .discover: return digits[0...3] == [6, 0, 1, 1] ? 4 : (digits[1] == 4 ? 3 : 2)
        case .diners: return digits[1] == 0 ? 3 : 2
        }
    }
}
