/// JSON string escapes seen from the byte scanner.
///
/// The scanner reads raw bytes; in JSON, `"Card on file:\n4111…"` has the escape's `n` right
/// before the number, which would read as a letter glued to it. These helpers decode the one
/// character on either side of a candidate (the only thing the context rules look at), so the
/// hot loop keeps running on raw bytes and positions stay the file's own. Grouping separators
/// written as escapes (`4111\u00201111…`) are not decoded: no exporter writes a space that way.
enum JSONEscape {
    static let backslash: UInt8 = 0x5C

    /// Whether the byte at `index` is escaped: preceded by an odd run of backslashes.
    @inline(__always) static func isEscaped(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        var count = 0
        var i = index - 1
        while i >= 0, bytes[i] == backslash {
            count += 1
            i -= 1
        }
        return count & 1 == 1
    }

    /// A decoded neighbour: `byte` is what the context rules see (0x09 for control escapes,
    /// 0x80 for any non-ASCII character, which no rule treats as part of a number), `next` is
    /// the raw index beyond it in the scan's direction.
    struct Decoded {
        var byte: UInt8
        var next: Int
    }

    /// The character that ends just before `p`, when the bytes before `p` end an escape.
    static func before(_ bytes: UnsafeBufferPointer<UInt8>, _ p: Int) -> Decoded? {
        guard p >= 2 else { return nil }
        let b1 = bytes[p - 1]
        if bytes[p - 2] == backslash, isEscaped(bytes, p - 1) {
            return Decoded(byte: simple(b1) ?? b1, next: p - 3)
        }
        guard p >= 6, bytes[p - 5] == UInt8(ascii: "u"), bytes[p - 6] == backslash, !isEscaped(bytes, p - 6),
              let scalar = hex4(bytes, p - 4) else { return nil }
        return Decoded(byte: scalar < 0x80 ? UInt8(scalar) : 0x80, next: p - 7)
    }

    /// The character that starts at `end`, when an escape starts there (the byte before `end`
    /// is a digit, so a backslash at `end` always opens an escape).
    static func after(_ bytes: UnsafeBufferPointer<UInt8>, _ end: Int) -> Decoded? {
        guard end + 1 < bytes.count, bytes[end] == backslash else { return nil }
        let a1 = bytes[end + 1]
        if a1 == UInt8(ascii: "u") {
            guard end + 6 <= bytes.count, let scalar = hex4(bytes, end + 2) else { return nil }
            return Decoded(byte: scalar < 0x80 ? UInt8(scalar) : 0x80, next: end + 6)
        }
        return Decoded(byte: simple(a1) ?? a1, next: end + 2)
    }

    /// Where a digit run really starts when its first digits are the hex of a `\uXXXX` escape
    /// (`\u00a04111…` reads as the run `04111…`): the index after the escape, or nil.
    static func runStart(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int? {
        guard start >= 2 else { return nil }
        let lowest = max(0, start - 5)
        var e = start - 2
        while e >= lowest {
            if bytes[e] == backslash, bytes[e + 1] == UInt8(ascii: "u"), e + 6 <= bytes.count, !isEscaped(bytes, e) {
                guard hex4(bytes, e + 2) != nil else { return nil }
                return e + 6 > start ? e + 6 : nil
            }
            e -= 1
        }
        return nil
    }

    /// `n t r b f` are control characters (a tab to the rules); `" \ /` stand for themselves.
    @inline(__always) private static func simple(_ letter: UInt8) -> UInt8? {
        switch letter {
        case UInt8(ascii: "n"), UInt8(ascii: "t"), UInt8(ascii: "r"), UInt8(ascii: "b"), UInt8(ascii: "f"): return 0x09
        default: return nil
        }
    }

    private static func hex4(_ bytes: UnsafeBufferPointer<UInt8>, _ at: Int) -> UInt32? {
        guard at >= 0, at + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for index in at..<(at + 4) {
            let byte = bytes[index]
            let digit: UInt8
            if ByteClass.isDigit(byte) { digit = byte &- 0x30 } else if (byte | 0x20) &- 0x61 < 6 { digit = (byte | 0x20) &- 0x61 + 10 } else { return nil }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}
