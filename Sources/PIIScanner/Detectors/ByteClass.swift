/// Byte classes for the scanner's hot loop. Everything works on UTF-8 bytes: the characters the
/// detectors care about are ASCII, and multi-byte sequences never contain ASCII bytes.
enum ByteClass {
    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    @inline(__always) static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }

    /// `\w` in ASCII: a digit run touching one of these is part of an identifier, not a number.
    @inline(__always) static func isWord(_ byte: UInt8) -> Bool { isLetter(byte) || isDigit(byte) || byte == 0x5F }

    @inline(__always) static func isHex(_ byte: UInt8) -> Bool { isDigit(byte) || (byte | 0x20) &- 0x61 < 6 }

    /// High bit set in each byte of `word` that is an ASCII digit (exact, no carries between
    /// bytes), so eight bytes of prose are skipped with a handful of instructions.
    @inline(__always) static func digitMask(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let low7 = word & 0x7F7F_7F7F_7F7F_7F7F
        let belowColon = (ones &* (127 + 0x3A)) &- low7
        let abovePercentSlash = low7 &+ ones &* (127 - 0x2F)
        return belowColon & abovePercentSlash & ~word & 0x8080_8080_8080_8080
    }

    static let space: UInt8 = 0x20, dash: UInt8 = 0x2D, dot: UInt8 = 0x2E, colon: UInt8 = 0x3A
    static let slash: UInt8 = 0x2F, plus: UInt8 = 0x2B, newline: UInt8 = 0x0A
}
