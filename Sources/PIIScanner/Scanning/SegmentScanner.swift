/// Streams one byte range of a source through `DigitScanner` in fixed-size chunks.
///
/// Memory is one buffer of `chunkSize` plus the lookback, whatever the input size. After each
/// chunk, the unscanned tail (at most `DigitScanner.lookahead` bytes) and `lookback` bytes of
/// left context move to the front, and the next chunk is read behind them; a candidate that
/// straddles the chunk boundary is therefore judged once, with all its bytes present, and a
/// finding's field is named from the same bytes whatever the chunk size. The range may start
/// mid-file: scanning resumes with the lookback read before it.
///
/// Findings go to a `ScanReport` as they are made (at most `detailLimit` kept with their
/// positions, the rest counted), so a file full of card numbers costs no more memory than one
/// with a single card.
struct SegmentScanner {
    let source: any ByteSource
    let scanner: DigitScanner
    let locator: FieldLocator
    let factory: FindingFactory
    let name: String
    let chunkSize: Int
    let detailLimit: Int

    static var lookback: Int { max(DigitScanner.context, FieldLocator.maxLookback) }

    struct Outcome {
        /// Line numbers count from the range's first line (line 1).
        var report: ScanReport
        /// Newlines in the range: the next range's line numbers start after them.
        var newlines: Int
        /// Unicode scalars from the range's last line start (or the range start) to its end:
        /// the next range's first-line columns continue from them.
        var endColumn: Int
        /// CSV: whether the range ends inside a quoted field.
        var endQuoted: Bool
    }

    /// Scans candidate starts in `start..<end`. `quotedAtStart` is the CSV quote state at `start`.
    func scan(start: Int, end: Int, quotedAtStart: Bool = false) -> Outcome {
        let lookback = Self.lookback
        let capacity = chunkSize + lookback + 2 * DigitScanner.lookahead
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        var base = max(0, start - lookback)
        var filled = 0
        var from = start - base
        var eof = false
        var report = ScanReport(detailLimit: detailLimit)
        var endColumn = 0
        var lines = LineTracker(position: from, lineStart: start, quoted: quotedAtStart, quotes: locator.format == .csv)

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
                let csv = locator.format == .csv
                resume = scanner.scan(bytes, from: from, limit: limit, ignoresCardRun: { start in
                    // CSV: a lone run of 13–19 digits in a phone column is a phone number
                    // whatever it would be judged: its column is read before it is validated.
                    guard csv else { return false }
                    lines.advance(bytes, base: base, to: start)
                    guard let column = FieldLocator.csvColumn(bytes, position: start, quotedAtPosition: lines.quoted, bufferStartsFile: base == 0) else { return false }
                    return locator.csvNamesPhone(column)
                }) { match in
                    // CSV: the column comes from one backward walk over the record (quotes and
                    // line breaks inside quoted fields included).
                    var csvColumn: Int?
                    if locator.format == .csv {
                        lines.advance(bytes, base: base, to: match.start)
                        csvColumn = FieldLocator.csvColumn(bytes, position: match.start, quotedAtPosition: lines.quoted, bufferStartsFile: base == 0)
                    }
                    // A card-shaped number in a phone field is a phone number: decided before
                    // anything else is worked out, since phone fields hold many of them.
                    if match.detector == .creditCard {
                        if locator.format == .csv {
                            if let csvColumn, locator.csvNamesPhone(csvColumn) { return }
                        } else if locator.namesPhone(bytes, lineStart: nil, position: match.start) {
                            return
                        }
                    }
                    let value = UnsafeBufferPointer(rebasing: bytes[match.range])
                    // Past the detail limit a finding is only counted: no position, field or rendering.
                    if report.isDetailFull { return report.count(match.detector, distinctKey: factory.distinctKey(match.detector, value: value)) }
                    lines.advance(bytes, base: base, to: match.start)
                    let field = locator.format == .csv ? csvColumn.map(locator.csvName) : locator.field(bytes, lineStart: nil, position: match.start)
                    report.add(factory.finding(match.detector, value: value, source: name,
                                               record: nil, field: field, offset: base + match.start, line: lines.newlines + 1,
                                               column: lines.column(bytes, base: base, at: match.start)))
                }
            }
            if final {
                lines.advance(bytes, base: base, to: max(lines.position, min(end - base, filled)))
                endColumn = lines.column(bytes, base: base, at: lines.position) - 1
                break
            }
            // The scan may stop past `end` (it skips non-digits eight bytes at a time); newlines
            // there belong to the next range, which counts them.
            lines.advance(bytes, base: base, to: min(resume, end - base))
            let keepFrom = max(0, resume - lookback)
            lines.willDrop(bytes, base: base, dropped: min(keepFrom, lines.position))
            let kept = filled - keepFrom
            if keepFrom > 0 {
                UnsafeMutableRawPointer(buffer.baseAddress!).copyMemory(from: buffer.baseAddress! + keepFrom, byteCount: kept)
            }
            filled = kept
            base += keepFrom
            from = resume - keepFrom
            lines.position = max(0, lines.position - keepFrom)
        }
        return Outcome(report: report, newlines: lines.newlines, endColumn: endColumn, endQuoted: lines.quoted)
    }
}
