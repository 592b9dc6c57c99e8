/// Decides whether a digit run that starts at a candidate position is a card number or an SSN.
///
/// Only runs of 3 or 4 digits followed by a separator, or of 13–19 digits, get here, so this
/// code may be thorough: it looks at the bytes around the candidate (a run glued to letters,
/// a decimal point, a time colon, a `+` or a dashed continuation is part of something longer)
/// and at the UUID that may contain it, then applies the issuer table and Luhn, or the SSA rules.
/// It reads at most 64 bytes before and after the run; callers guarantee they are in the buffer
/// (or that the buffer ends there for good). With `escapes` (JSON), the characters on either
/// side are read through `JSONEscape`, so `\n4111…` is a number after a line break.
struct CandidateMatcher {
    let bytes: UnsafeBufferPointer<UInt8>
    let cards: Bool
    let ssns: Bool
    var escapes = false

    static let context = 64
    static let maxCardGroups = 5

    /// `skip` is raised past digits that were judged as one number and rejected (a 19-digit
    /// group sequence), so that no later group of it is tried as the start of a card.
    func match(start p: Int, runEnd j: Int, skip: inout Int) -> RawMatch? {
        let run = j - p
        guard leftAllows(p) else { return nil }
        if run >= 13 {
            guard cards, run <= 19, rightAllows(j), isCard(p, j, digits: run), !insideUUID(p, j),
                  !PhoneContext.followsInternationalPrefix(bytes, p) else { return nil }
            return RawMatch(detector: .creditCard, start: p, end: j)
        }
        if run == 3, ssns, let end = ssnEnd(p, j) { return RawMatch(detector: .ssn, start: p, end: end) }
        if run == 4, cards {
            switch groupedCard(p, j) {
            case .card(let end):
                // Grouped IBANs and international phone numbers have card-shaped digit groups.
                guard !PhoneContext.followsInternationalPrefix(bytes, p) else { return nil }
                if let ibanEnd = IBANRule.covers(bytes, start: p, end: end, escapes: escapes) {
                    // The rest of the IBAN is no card either.
                    skip = ibanEnd
                    return nil
                }
                return RawMatch(detector: .creditCard, start: p, end: end)
            case .oneNumber(let end):
                skip = end
            case .none:
                break
            }
        }
        return nil
    }

    // MARK: forms

    /// `ddd-dd-dddd` with the SSA rules; the dashed form only, because a bare nine-digit number
    /// is far more often an order number or a ZIP+4 than an SSN.
    private func ssnEnd(_ p: Int, _ j: Int) -> Int? {
        guard j + 8 <= bytes.count, bytes[j] == ByteClass.dash, bytes[j + 3] == ByteClass.dash else { return nil }
        guard ByteClass.isDigit(bytes[j + 1]), ByteClass.isDigit(bytes[j + 2]), ByteClass.isDigit(bytes[j + 4]), ByteClass.isDigit(bytes[j + 5]),
              ByteClass.isDigit(bytes[j + 6]), ByteClass.isDigit(bytes[j + 7]) else { return nil }
        let end = j + 8
        if end < bytes.count, ByteClass.isDigit(bytes[end]) { return nil }
        guard rightAllows(end), !insideUUID(p, end) else { return nil }
        let area = number(p, 3), group = number(j + 1, 2), serial = number(j + 4, 4)
        return SSNRules.isValid(area: area, group: group, serial: serial) ? end : nil
    }

    /// `4-4-4-4`, `4-4-4-4-1..3`, `4-4-4-1..3`, Amex `4-6-5` and Diners `4-6-4`, one kind of
    /// separator (space or dash) throughout; the longest grouping that validates wins.
    ///
    /// The 19-digit policy: `4-4-4-4-3` whose 19 digits carry a prefix of a network that issues
    /// 19-digit cards (Visa, UnionPay, JCB, Discover, Diners) is one 19-digit number, judged as
    /// such; when it fails, its first 16 digits are not tried. Any other trailing group (a
    /// Mastercard's `5555 5555 5555 4444 123`, a year, a CVV after another separator) is read
    /// as something after the card, and the card is judged without it.
    /// Dates and phone numbers reach this point for every record, so it bails out early and
    /// keeps its bookkeeping on the stack.
    enum GroupedResult {
        case card(end: Int)
        /// A sequence judged as one number that is not a card: skip all of it.
        case oneNumber(end: Int)
        case none
    }

    private func groupedCard(_ p: Int, _ j: Int) -> GroupedResult {
        guard j + 5 < bytes.count else { return .none }
        let separator = bytes[j]
        guard separator == ByteClass.space || separator == ByteClass.dash, ByteClass.isDigit(bytes[j + 1]) else { return .none }
        // Every grouping's second group has 4 or 6 digits ("2024-03-15" stops here).
        var second = j + 1
        while second < bytes.count, ByteClass.isDigit(bytes[second]) { second += 1 }
        guard second - j - 1 == 4 || second - j - 1 == 6 else { return .none }
        // Every grouping starts with this run of four digits, and both outcomes other than
        // `.none` need a network for them (`.card` at the grouping's length, `.oneNumber` at
        // 19): a prefix no network issues at any length ends it here (IBAN groups, phone and
        // order-number groups mostly do), before the groups are measured.
        let prefix4 = Int(bytes[p] &- 0x30) &* 1000 &+ Int(bytes[p &+ 1] &- 0x30) &* 100 &+ Int(bytes[p &+ 2] &- 0x30) &* 10 &+ Int(bytes[p &+ 3] &- 0x30)
        guard CardIssuer.issuesSomeLength(prefix4: prefix4) else { return .none }
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * Self.maxCardGroups) { storage -> GroupedResult in
            // storage[0..<5]: group lengths, storage[5..<10]: group ends.
            storage[0] = 4
            storage[Self.maxCardGroups] = j
            var groups = 1
            var cursor = j
            while groups < Self.maxCardGroups, cursor + 1 < bytes.count, bytes[cursor] == separator, ByteClass.isDigit(bytes[cursor + 1]) {
                var end = cursor + 1
                while end < bytes.count, ByteClass.isDigit(bytes[end]) { end += 1 }
                let length = end - cursor - 1
                storage[groups] = length
                storage[Self.maxCardGroups + groups] = end
                groups += 1
                cursor = end
                // No grouping has a group longer than six; more groups cannot help.
                if length > 6 { break }
            }
            var count = groups
            while count >= 2 {
                var total = 0
                var allFours = true
                for index in 0..<count {
                    total += storage[index]
                    if index < count - 1, storage[index] != 4 { allFours = false }
                }
                allFours = allFours && (1...4).contains(storage[count - 1])
                let amexOrDiners = count == 3 && storage[0] == 4 && storage[1] == 6 && (storage[2] == 5 || storage[2] == 4)
                if (13...19).contains(total), allFours || amexOrDiners {
                    let end = storage[Self.maxCardGroups + count - 1]
                    if rightAllows(end) {
                        if isCard(p, end, digits: total), !insideUUID(p, end) { return .card(end: end) }
                        if total == 19, issues19Digits(p, end) { return .oneNumber(end: end) }
                    }
                }
                count -= 1
            }
            return .none
        }
    }

    // MARK: validation

    /// Issuer first (most look-alikes fail on their first digits), then Luhn in one pass
    /// from the right over the bytes, separators skipped; no copy of the digits.
    private func isCard(_ p: Int, _ end: Int, digits total: Int) -> Bool {
        // The first four digits as one number, read past any separator.
        var prefix = 0
        var seen = 0
        var position = p
        while seen < 4 {
            let byte = bytes[position]
            if ByteClass.isDigit(byte) {
                prefix = prefix &* 10 &+ Int(byte &- 0x30)
                seen &+= 1
            }
            position &+= 1
        }
        let issued = CardIssuer.issues(prefix4: prefix, length: total)
        guard issued else { return false }
        var sum = 0
        var double = false
        position = end - 1
        while position >= p {
            let byte = bytes[position]
            if ByteClass.isDigit(byte) {
                // Doubled and reduced to one digit without a table lookup.
                let digit = Int(byte &- 0x30)
                sum &+= double ? digit &* 2 &- (digit > 4 ? 9 : 0) : digit
                double.toggle()
            }
            position -= 1
        }
        return sum % 10 == 0
    }

    /// Whether the network of the digits in `p..<end` issues 19-digit numbers.
    private func issues19Digits(_ p: Int, _ end: Int) -> Bool {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 19) { digits in
            var index = 0
            for position in p..<end where ByteClass.isDigit(bytes[position]) && index < 19 {
                digits[index] = bytes[position] &- 0x30
                index += 1
            }
            return index == 19 && CardIssuer.identify(UnsafeBufferPointer(digits)) != nil
        }
    }

    private func number(_ at: Int, _ length: Int) -> Int {
        var value = 0
        for position in at..<(at + length) { value = value * 10 + Int(bytes[position] &- 0x30) }
        return value
    }

    // MARK: context

    /// What may precede a finding: not a word character (an identifier), not `+` (an
    /// international phone number), not a digit followed by `.`, `:`, `/` or `-` (a decimal,
    /// version string, time, date or a longer dashed number).
    @inline(__always) private func leftAllows(_ p: Int) -> Bool {
        guard p > 0 else { return true }
        // Only a word character can be the end of an escape that changes the verdict
        // (`\n`, `\u00a0`); `\"` and `\/` read the same raw or decoded.
        if escapes, ByteClass.isWord(bytes[p - 1]), let decoded = JSONEscape.before(bytes, p) {
            return allowsLeft(decoded.byte, decoded.next >= 0 ? bytes[decoded.next] : nil)
        }
        return allowsLeft(bytes[p - 1], p > 1 ? bytes[p - 2] : nil)
    }

    private func allowsLeft(_ b1: UInt8, _ b2: UInt8?) -> Bool {
        if ByteClass.isWord(b1) || b1 == ByteClass.plus { return false }
        guard let b2 else { return true }
        switch b1 {
        case ByteClass.dot, ByteClass.colon, ByteClass.slash, ByteClass.dash: return !ByteClass.isDigit(b2)
        default: return true
        }
    }

    /// The mirror image: no word character, and no `.`, `:`, `/` or `-` followed by a digit.
    /// A space followed by digits is fine ("4111 1111 1111 1111 12/28").
    @inline(__always) private func rightAllows(_ end: Int) -> Bool {
        guard end < bytes.count else { return true }
        if escapes, bytes[end] == JSONEscape.backslash, let decoded = JSONEscape.after(bytes, end) {
            return allowsRight(decoded.byte, decoded.next < bytes.count ? bytes[decoded.next] : nil)
        }
        return allowsRight(bytes[end], end + 1 < bytes.count ? bytes[end + 1] : nil)
    }

    private func allowsRight(_ a1: UInt8, _ a2: UInt8?) -> Bool {
        if ByteClass.isWord(a1) { return false }
        guard let a2 else { return true }
        switch a1 {
        case ByteClass.dot, ByteClass.colon, ByteClass.slash, ByteClass.dash: return !ByteClass.isDigit(a2)
        default: return true
        }
    }

    /// Whether `p..<end` lies inside an 8-4-4-4-12 hex UUID (a digits-only group of a UUID
    /// bordered by hex letters passes the byte checks above).
    private func insideUUID(_ p: Int, _ end: Int) -> Bool {
        let before = p > 0 ? bytes[p - 1] : 0, after = end < bytes.count ? bytes[end] : 0
        guard before == ByteClass.dash || after == ByteClass.dash else { return false }
        var start = max(0, end - 36)
        while start <= p {
            if start + 36 <= bytes.count, isUUID(at: start) { return true }
            start += 1
        }
        return false
    }

    private func isUUID(at start: Int) -> Bool {
        for offset in 0..<36 {
            let byte = bytes[start + offset]
            if offset == 8 || offset == 13 || offset == 18 || offset == 23 {
                if byte != ByteClass.dash { return false }
            } else if !ByteClass.isHex(byte) {
                return false
            }
        }
        return true
    }
}
