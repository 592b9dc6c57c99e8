/// IBANs printed in groups (`ES91 2100 0418 4502 0005 1332`): their digit groups look like a
/// grouped card number (`3037 1745 8843 6315` passes Luhn one time in ten). A candidate that
/// sits inside a well-formed IBAN whose ISO 7064 mod-97 check holds is not a card.
enum IBANRule {
    static let maxLength = 34

    /// Whether `p..<end` lies inside a grouped IBAN: country code and check digits (`CCdd`),
    /// then groups of four letters or digits separated by single spaces.
    /// With `escapes` (JSON), the character before the IBAN is read through string escapes
    /// (`"…\nES91 2100 …"`).
    /// Returns the IBAN's end when it covers the candidate, nil otherwise.
    static func covers(_ bytes: UnsafeBufferPointer<UInt8>, start p: Int, end: Int, escapes: Bool = false) -> Int? {
        // Walk left over whole groups until one reads as country code plus check digits.
        var groupEnd = p
        var ibanStart: Int?
        for _ in 0..<9 {
            guard groupEnd >= 5, bytes[groupEnd - 1] == ByteClass.space else { return nil }
            let stop = groupEnd - 1
            var start = stop
            while start > 0, stop - start < 4, isAlphanumeric(bytes[start - 1]) { start -= 1 }
            guard stop - start == 4 else { return nil }
            let before: UInt8? = start == 0 ? nil : (escapes ? JSONEscape.before(bytes, start)?.byte : nil) ?? bytes[start - 1]
            // A group is exactly four characters: a longer run is something else.
            if let before, isAlphanumeric(before) { return nil }
            if isCountryAndCheck(bytes, start) {
                if let before, ByteClass.isWord(before) { return nil }
                ibanStart = start
                break
            }
            groupEnd = start
        }
        guard let ibanStart else { return nil }
        // Read the whole IBAN to the right: groups of four upper-case letters or digits, the
        // last one possibly shorter; a longer or lower-case group is the next word. The mod-97
        // check runs as the characters are read (the first four are added at the end, as
        // ISO 13616 moves them there), so nothing is copied.
        var remainder: UInt64 = 0
        var count = 0
        var i = ibanStart
        while count < maxLength {
            // Fast path, one word: four digits, a space and the start of another group (the
            // middle of a BBAN). The same steps as below, the group's value parsed in SWAR.
            if count >= 4, count + 4 <= maxLength, i + 8 <= bytes.count, let base = bytes.baseAddress {
                let word = UInt64(littleEndian: UnsafeRawPointer(base).loadUnaligned(fromByteOffset: i, as: UInt64.self))
                if ByteClass.digitMask(word) & 0x8080_8080 == 0x8080_8080, (word >> 32) & 0xFF == UInt64(ByteClass.space),
                   isUpperAlphanumeric(UInt8(truncatingIfNeeded: word >> 40)) {
                    // "d0d1d2d3" little-endian: pairs, then the four digits as one number.
                    var value = word & 0x0F0F_0F0F
                    value = ((value &* 2561) >> 8) & 0x00FF_00FF
                    value = ((value &* 6_553_601) >> 16) & 0xFFFF
                    remainder = remainder &* 10_000 &+ value
                    if remainder >= 1 << 48 { remainder %= 97 }
                    count += 4
                    i += 5
                    continue
                }
            }
            var length = 0
            while i + length < bytes.count, isUpperAlphanumeric(bytes[i + length]), length < 5 { length += 1 }
            guard length > 0, length <= 4, count + length <= maxLength,
                  i + length >= bytes.count || !ByteClass.isWord(bytes[i + length]) else { break }
            if length == 4, count >= 4, ByteClass.isDigit(bytes[i]), ByteClass.isDigit(bytes[i + 1]),
               ByteClass.isDigit(bytes[i + 2]), ByteClass.isDigit(bytes[i + 3]) {
                // A group of four digits (most of a BBAN) in one step: its value is computed
                // apart from the remainder, so the remainder's chain of multiplications is one
                // per group instead of one per character.
                let value = UInt64(bytes[i] &- 0x30) &* 1000 &+ UInt64(bytes[i + 1] &- 0x30) &* 100
                    &+ UInt64(bytes[i + 2] &- 0x30) &* 10 &+ UInt64(bytes[i + 3] &- 0x30)
                remainder = remainder &* 10_000 &+ value
                if remainder >= 1 << 48 { remainder %= 97 }
            } else {
                for offset in 0..<length where count + offset >= 4 { remainder = add(bytes[i + offset], to: remainder) }
            }
            count += length
            i += length
            guard length == 4, i + 1 < bytes.count, bytes[i] == ByteClass.space, isUpperAlphanumeric(bytes[i + 1]) else { break }
            i += 1
        }
        // `i` may sit after a separator that no group followed: the IBAN ends before it.
        if i > ibanStart, bytes[i - 1] == ByteClass.space { i -= 1 }
        guard i >= end, (15...maxLength).contains(count) else { return nil }
        for offset in 0..<4 { remainder = add(bytes[ibanStart + offset], to: remainder) }
        return remainder % 97 == 1 ? i : nil
    }

    /// One character into a running mod-97 remainder (digits as themselves, letters as 10...35),
    /// reduced only when it grows large.
    @inline(__always) private static func add(_ byte: UInt8, to remainder: UInt64) -> UInt64 {
        var next = ByteClass.isDigit(byte) ? remainder &* 10 &+ UInt64(byte &- 0x30) : remainder &* 100 &+ UInt64((byte | 0x20) &- 0x61) &+ 10
        if next >= 1 << 48 { next %= 97 }
        return next
    }

    /// ISO 13616: move the first four characters to the end, letters become 10...35, mod 97.
    static func mod97(_ characters: [UInt8]) -> Int {
        characters.withUnsafeBufferPointer { mod97($0) }
    }

    static func mod97(_ characters: UnsafeBufferPointer<UInt8>) -> Int {
        guard characters.count > 4 else { return -1 }
        // Reduced only when the accumulator grows large: one division per dozen digits.
        var remainder: UInt64 = 0
        func add(_ byte: UInt8) {
            if ByteClass.isDigit(byte) {
                remainder = remainder &* 10 &+ UInt64(byte &- 0x30)
            } else {
                remainder = remainder &* 100 &+ UInt64((byte | 0x20) &- 0x61) &+ 10
            }
            if remainder >= 1 << 48 { remainder %= 97 }
        }
        for index in 4..<characters.count { add(characters[index]) }
        for index in 0..<4 { add(characters[index]) }
        return Int(remainder % 97)
    }

    private static func isCountryAndCheck(_ bytes: UnsafeBufferPointer<UInt8>, _ at: Int) -> Bool {
        isUpper(bytes[at]) && isUpper(bytes[at + 1]) && ByteClass.isDigit(bytes[at + 2]) && ByteClass.isDigit(bytes[at + 3])
    }

    @inline(__always) private static func isUpper(_ byte: UInt8) -> Bool { byte &- 0x41 < 26 }

    @inline(__always) private static func isAlphanumeric(_ byte: UInt8) -> Bool { ByteClass.isDigit(byte) || ByteClass.isLetter(byte) }

    @inline(__always) private static func isUpperAlphanumeric(_ byte: UInt8) -> Bool { ByteClass.isDigit(byte) || isUpper(byte) }
}
