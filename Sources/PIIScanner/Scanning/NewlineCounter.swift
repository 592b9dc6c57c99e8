/// Counts bytes a word at a time: exports are line-oriented, so every finding reports its line
/// and column and every byte has to be counted, at memory speed.
enum NewlineCounter {
    static func count(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to end: Int) -> Int {
        count(ByteClass.newline, in: bytes, from: from, to: end)
    }

    /// Occurrences of `target` in `from..<end`.
    static func count(_ target: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from: Int, to end: Int) -> Int {
        guard let base = bytes.baseAddress, from < end else { return 0 }
        let raw = UnsafeRawPointer(base)
        var total = 0
        var i = from
        let pattern = UInt64(target) &* 0x0101_0101_0101_0101, low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        while i + 8 <= end {
            let x = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) ^ pattern
            // High bit set exactly in the bytes of x that are zero (no carries between bytes).
            let zero = ~(((x & low7) &+ low7) | x | low7)
            total &+= zero.nonzeroBitCount
            i += 8
        }
        while i < end {
            if bytes[i] == target { total += 1 }
            i += 1
        }
        return total
    }

    /// Unicode scalars in `from..<end` of valid UTF-8: the bytes that are not continuation bytes.
    static func codePoints(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to end: Int) -> Int {
        guard let base = bytes.baseAddress, from < end else { return 0 }
        let raw = UnsafeRawPointer(base)
        var continuation = 0
        var i = from
        while i + 8 <= end {
            let x = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            // 10xxxxxx: bit 7 set and bit 6 clear.
            continuation &+= (x & ~(x << 1) & 0x8080_8080_8080_8080).nonzeroBitCount
            i += 8
        }
        while i < end {
            if bytes[i] & 0xC0 == 0x80 { continuation += 1 }
            i += 1
        }
        return end - from - continuation
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

/// Line, column and (for CSV) quote state of a streamed range, advanced lazily: only up to
/// each finding and to each chunk's end, so a file without findings costs one counting pass.
struct LineTracker {
    /// Buffer index counted up to (rebased when the buffer is compacted).
    var position: Int
    /// Newlines in the range before `position`.
    var newlines = 0
    /// Unicode scalars between the current line's start and `position`.
    var column = 0
    /// Absolute offset of the current line's start, when it is known.
    var lineStart: Int?
    /// Whether `position` is inside a quoted CSV field (only tracked when `quotes` is set).
    var quoted = false
    let quotes: Bool

    mutating func advance(_ bytes: UnsafeBufferPointer<UInt8>, base: Int, to target: Int) {
        guard target > position else { return }
        let lines = NewlineCounter.count(bytes, from: position, to: target)
        if lines > 0, let start = NewlineCounter.lineStart(bytes, before: target, floor: position) {
            newlines += lines
            column = NewlineCounter.codePoints(bytes, from: start, to: target)
            lineStart = base + start
        } else {
            column += NewlineCounter.codePoints(bytes, from: position, to: target)
        }
        if quotes, NewlineCounter.count(UInt8(ascii: "\""), in: bytes, from: position, to: target) & 1 == 1 { quoted.toggle() }
        position = target
    }
}
