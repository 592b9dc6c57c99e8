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
        let pattern = UInt64(target) &* 0x0101_0101_0101_0101
        // Matches are added up in eight byte lanes (one per byte of the word) and the lanes are
        // summed every 255 words, before one can overflow: the x86-64 baseline has no `popcnt`,
        // and a software population count per word costs more than the compare itself.
        while i &+ 8 <= end {
            var lanes: UInt64 = 0
            let stop = min(end &- 8, i &+ 254 &* 8)
            while i <= stop {
                lanes &+= zeroBytes(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) ^ pattern) >> 7
                i &+= 8
            }
            total &+= sumLanes(lanes)
        }
        while i < end {
            if bytes[i] == target { total &+= 1 }
            i &+= 1
        }
        return total
    }

    /// High bit set exactly in the bytes of `x` that are zero (no carries between bytes).
    @inline(__always) static func zeroBytes(_ x: UInt64) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((x & low7) &+ low7) | x | low7)
    }

    /// The sum of the eight byte lanes of `lanes`.
    @inline(__always) static func sumLanes(_ lanes: UInt64) -> Int {
        let pairs = (lanes & 0x00FF_00FF_00FF_00FF) &+ ((lanes >> 8) & 0x00FF_00FF_00FF_00FF)
        return Int(truncatingIfNeeded: (pairs &* 0x0001_0001_0001_0001) >> 48)
    }

    /// Newlines in `from..<end`, and whether the number of double quotes there is odd: one
    /// pass, as CSV needs both (the quote state only depends on their parity).
    static func countNewlinesAndQuoteParity(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to end: Int) -> (newlines: Int, oddQuotes: Bool) {
        guard let base = bytes.baseAddress, from < end else { return (0, false) }
        let raw = UnsafeRawPointer(base)
        var newlines = 0
        var quoteBits: UInt64 = 0
        var odd = false
        var i = from
        let nl: UInt64 = 0x0A0A_0A0A_0A0A_0A0A, qt: UInt64 = 0x2222_2222_2222_2222
        while i &+ 8 <= end {
            var lanes: UInt64 = 0
            let stop = min(end &- 8, i &+ 254 &* 8)
            while i <= stop {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                lanes &+= zeroBytes(word ^ nl) >> 7
                // Parity only: the quote bits of every word xor-ed together.
                quoteBits ^= zeroBytes(word ^ qt)
                i &+= 8
            }
            newlines &+= sumLanes(lanes)
        }
        if i < end, i &+ 8 <= bytes.count {
            // The last 1–7 bytes: one more word, read past `end` (still inside the buffer) and
            // masked to the bytes before it, instead of a byte loop whose branches mispredict.
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            let keep = ~UInt64(0) >> (64 &- 8 &* UInt64(end &- i))
            newlines &+= sumLanes((zeroBytes(word ^ nl) & keep) >> 7)
            quoteBits ^= zeroBytes(word ^ qt) & keep
            i = end
        }
        while i < end {
            if bytes[i] == ByteClass.newline { newlines &+= 1 } else if bytes[i] == UInt8(ascii: "\"") { odd.toggle() }
            i &+= 1
        }
        // Parity of the quote bits (one per byte, bit 7): the bytes folded together by xor.
        quoteBits ^= quoteBits >> 32
        quoteBits ^= quoteBits >> 16
        quoteBits ^= quoteBits >> 8
        if quoteBits & 0x80 != 0 { odd.toggle() }
        return (newlines, odd)
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
/// Columns are counted only for findings that are kept.
struct LineTracker {
    /// Buffer index counted up to (rebased when the buffer is compacted).
    var position: Int
    /// Newlines in the range before `position`.
    var newlines = 0
    /// Absolute offset of the current line's start (the range start until a newline is seen:
    /// the next range's columns continue from the previous range's end).
    var lineStart: Int
    /// Unicode scalars between `lineStart` and the buffer's start, when the line began before it.
    var columnBeforeBuffer = 0
    /// Whether `position` is inside a quoted CSV field (only tracked when `quotes` is set).
    var quoted = false
    let quotes: Bool

    /// Where the current line's start still has to be looked for: the last newline lies in
    /// this buffer range. Resolved only when a column is needed, so advancing stays a count.
    var lineStartPending: Range<Int>?

    mutating func advance(_ bytes: UnsafeBufferPointer<UInt8>, base: Int, to target: Int) {
        guard target > position else { return }
        let lines: Int
        if quotes {
            let counted = NewlineCounter.countNewlinesAndQuoteParity(bytes, from: position, to: target)
            lines = counted.newlines
            if counted.oddQuotes { quoted.toggle() }
        } else {
            lines = NewlineCounter.count(bytes, from: position, to: target)
        }
        if lines > 0 {
            newlines += lines
            lineStartPending = position..<target
            columnBeforeBuffer = 0
        }
        position = target
    }

    /// Finds the line start recorded as pending (before a column is read or bytes are dropped).
    mutating func resolveLineStart(_ bytes: UnsafeBufferPointer<UInt8>, base: Int) {
        guard let pending = lineStartPending else { return }
        if let start = NewlineCounter.lineStart(bytes, before: pending.upperBound, floor: pending.lowerBound) { lineStart = base + start }
        lineStartPending = nil
    }

    /// 1-based column of buffer index `index` (at or before `position`'s line).
    mutating func column(_ bytes: UnsafeBufferPointer<UInt8>, base: Int, at index: Int) -> Int {
        resolveLineStart(bytes, base: base)
        if lineStart >= base { return NewlineCounter.codePoints(bytes, from: lineStart - base, to: index) + 1 }
        return columnBeforeBuffer + NewlineCounter.codePoints(bytes, from: 0, to: index) + 1
    }

    /// Before the buffer drops its first `dropped` bytes: keep the column count of a line that
    /// started in them (once per chunk, a line's worth of counting at most).
    mutating func willDrop(_ bytes: UnsafeBufferPointer<UInt8>, base: Int, dropped: Int) {
        resolveLineStart(bytes, base: base)
        guard lineStart < base + dropped else { return }
        columnBeforeBuffer = column(bytes, base: base, at: dropped) - 1
    }
}
