/// Counts `\n` a word at a time: exports are line-oriented, so every finding reports its line
/// and every byte has to be counted, at memory speed.
enum NewlineCounter {
    static func count(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to end: Int) -> Int {
        guard let base = bytes.baseAddress, from < end else { return 0 }
        let raw = UnsafeRawPointer(base)
        var total = 0
        var i = from
        let pattern: UInt64 = 0x0A0A_0A0A_0A0A_0A0A, low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        while i + 8 <= end {
            let x = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) ^ pattern
            // High bit set exactly in the bytes of x that are zero (no carries between bytes).
            let zero = ~(((x & low7) &+ low7) | x | low7)
            total &+= zero.nonzeroBitCount
            i += 8
        }
        while i < end {
            if bytes[i] == ByteClass.newline { total += 1 }
            i += 1
        }
        return total
    }

    /// Index just after the last newline before `position`, or nil if none in `floor..<position`.
    static func lineStart(_ bytes: UnsafeBufferPointer<UInt8>, before position: Int, floor: Int) -> Int? {
        var i = position - 1
        while i >= floor {
            if bytes[i] == ByteClass.newline { return i + 1 }
            i -= 1
        }
        return nil
    }
}
