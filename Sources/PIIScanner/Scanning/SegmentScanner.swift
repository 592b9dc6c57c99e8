/// Streams one byte range of a source through `DigitScanner` in fixed-size chunks.
///
/// Memory is one buffer of `chunkSize` plus a few hundred bytes, whatever the input size. After
/// each chunk, the unscanned tail (at most `DigitScanner.lookahead` bytes) and `context` bytes
/// of left context move to the front, and the next chunk is read behind them; a candidate that
/// straddles the chunk boundary is therefore judged once, with all its bytes present. The range
/// may start mid-file: scanning resumes with `context` bytes of left context read before it.
struct SegmentScanner {
    let source: any ByteSource
    let scanner: DigitScanner
    let locator: FieldLocator
    let factory: FindingFactory
    let name: String
    let chunkSize: Int

    struct Outcome {
        var findings: [Finding]
        /// Newlines in the range: the next range's line numbers start after them.
        var newlines: Int
    }

    /// Scans candidate starts in `start..<end`. Line numbers in the outcome count from the
    /// start of the range (line 1 is the range's first line).
    func scan(start: Int, end: Int) -> Outcome {
        let context = DigitScanner.context
        let capacity = chunkSize + 4 * context
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        var base = max(0, start - context)
        var filled = 0
        var from = start - base
        var eof = false
        var newlines = 0
        var countedTo = from
        var findings: [Finding] = []

        while true {
            if filled < capacity, !eof {
                let want = min(chunkSize, capacity - filled)
                let n = source.read(at: base + filled, into: UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: buffer[filled..<(filled + want)])))
                if n == 0 { eof = true } else { filled += n }
            }
            let bytes = UnsafeBufferPointer(rebasing: buffer[0..<filled])
            var limit = eof ? filled : filled - DigitScanner.lookahead
            var final = eof
            if end - base <= limit {
                limit = end - base
                final = true
            }
            var resume = from
            if limit > from {
                resume = scanner.scan(bytes, from: from, limit: limit) { match in
                    newlines += NewlineCounter.count(bytes, from: countedTo, to: match.start)
                    countedTo = match.start
                    let lineStart = NewlineCounter.lineStart(bytes, before: match.start, floor: 0) ?? (base == 0 ? 0 : nil)
                    let field = locator.field(bytes, lineStart: lineStart, position: match.start)
                    let line = newlines + 1
                    findings.append(factory.finding(match.detector, value: UnsafeBufferPointer(rebasing: bytes[match.range]), source: name,
                                                    record: nil, field: field, offset: base + match.start, line: line))
                }
            }
            if final {
                newlines += NewlineCounter.count(bytes, from: countedTo, to: min(end - base, filled))
                break
            }
            // The scan may stop past `end` (it skips non-digits eight bytes at a time); newlines
            // there belong to the next range, which counts them.
            let countTo = min(resume, end - base)
            newlines += NewlineCounter.count(bytes, from: countedTo, to: countTo)
            let keepFrom = max(0, resume - context)
            let kept = filled - keepFrom
            if keepFrom > 0 {
                UnsafeMutableRawPointer(buffer.baseAddress!).copyMemory(from: buffer.baseAddress! + keepFrom, byteCount: kept)
            }
            filled = kept
            base += keepFrom
            from = resume - keepFrom
            countedTo = max(0, countTo - keepFrom)
        }
        return Outcome(findings: findings, newlines: newlines)
    }
}
