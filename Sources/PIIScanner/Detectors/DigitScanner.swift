/// The hot loop: finds card numbers and SSNs in a byte buffer.
///
/// Eight bytes at a time are tested for digits (`ByteClass.digitMask`); a digit run is then
/// measured, and only a run of 3 or 4 digits followed by a separator, or of 13–19 digits, is
/// handed to `CandidateMatcher`. Every other run (years, prices, ids, long references) costs a
/// few comparisons. A run is never split: a card inside a longer run of digits is not a finding.
public struct DigitScanner: Sendable {
    public var cards: Bool
    public var ssns: Bool
    /// Read JSON string escapes around candidates (`\n4111…`, `\u00a04111…`): set for JSON
    /// and NDJSON sources, where a backslash can only open an escape.
    public var escapes: Bool

    /// Bytes of context that must stay in the buffer before a resumed scan and after its limit.
    public static let context = CandidateMatcher.context
    /// Bytes past `limit` that a non-final scan needs: a candidate plus its right context.
    public static let lookahead = 2 * CandidateMatcher.context

    public init(cards: Bool = true, ssns: Bool = true, escapes: Bool = false) {
        self.cards = cards
        self.ssns = ssns
        self.escapes = escapes
    }

    public var isEnabled: Bool { cards || ssns }

    /// Scans candidate starts in `from..<limit`; bytes before `from` are left context only.
    /// When `limit < bytes.count`, at least `lookahead` bytes must follow `limit` (the caller
    /// keeps them for the next round). Returns where the next round resumes: `limit`, or the end
    /// of a finding or a digit run that crossed it.
    ///
    /// `ignoresCardRun` is asked about a lone run of 13–19 digits (its start) before it is
    /// validated; true drops it unjudged. A caller that would discard such a run as a card
    /// anyway (a CSV phone column) saves the validation; the run ends where it would have
    /// resumed either way, so nothing else changes.
    @discardableResult
    public func scan(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, limit: Int,
                     ignoresCardRun: (Int) -> Bool = { _ in false }, _ emit: (RawMatch) -> Void) -> Int {
        guard isEnabled, let base = bytes.baseAddress else { return limit }
        let count = bytes.count
        let matcher = CandidateMatcher(bytes: bytes, cards: cards, ssns: ssns, escapes: escapes)
        var i = from
        // Resuming in the middle of a run: the run was judged as a whole by the previous round.
        if i > 0, i < count, ByteClass.isDigit(bytes[i - 1]) {
            while i < count, ByteClass.isDigit(bytes[i]) { i += 1 }
        }
        // Wrapping arithmetic in the loop: offsets stay far below Int.max, and overflow
        // checks on every step are measurable here.
        let raw = UnsafeRawPointer(base)
        while i < limit {
            // Skip non-digits a word at a time.
            while i &+ 8 <= count, i < limit {
                let mask = ByteClass.digitMask(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
                if mask != 0 {
                    i &+= mask.trailingZeroBitCount >> 3
                    break
                }
                i &+= 8
            }
            guard i < limit else { break }
            guard ByteClass.isDigit(bytes[i]) else {
                i &+= 1
                continue
            }
            var start = i
            // Runs of one or two digits (dates, times, versions, amounts: most runs in an
            // export) are never candidates: step over them without measuring a word.
            if i &+ 2 < count, !ByteClass.isDigit(bytes[i &+ 1]) {
                i &+= 2
                continue
            }
            if i &+ 3 < count, !ByteClass.isDigit(bytes[i &+ 2]) {
                i &+= 3
                continue
            }
            i &+= 1
            // Measure the run a word at a time too: epoch timestamps and ids are long runs.
            while i &+ 8 <= count {
                let nonDigits = ~ByteClass.digitMask(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))) & 0x8080_8080_8080_8080
                if nonDigits != 0 {
                    i &+= nonDigits.trailingZeroBitCount >> 3
                    break
                }
                i &+= 8
            }
            while i < count, ByteClass.isDigit(bytes[i]) { i &+= 1 }
            // Hex ids put letters before digits all the time; only a backslash 2 to 5 bytes
            // back can make the run's first digits part of a `\uXXXX` escape.
            if escapes, start >= 5, ByteClass.isLetter(bytes[start - 1]),
               bytes[start - 2] == JSONEscape.backslash || bytes[start - 3] == JSONEscape.backslash
                || bytes[start - 4] == JSONEscape.backslash || bytes[start - 5] == JSONEscape.backslash,
               let after = JSONEscape.runStart(bytes, start) {
                // The run begins with the hex digits of a `\uXXXX` escape; the number starts after it.
                guard after < i else { continue }
                start = after
            }
            let run = i - start
            var candidate = run >= 13 ? run <= 19 : (run == 4 ? cards : (run == 3 && ssns))
            // What the matcher would check first, checked here without a call: a grouped card
            // goes on with a space or dash and at least four digits (dates and times stop
            // here), an SSN with a dash.
            if candidate, run == 4 {
                candidate = i &+ 5 < count && (bytes[i] == ByteClass.space || bytes[i] == ByteClass.dash)
                    && ByteClass.isDigit(bytes[i &+ 1]) && ByteClass.isDigit(bytes[i &+ 2]) && ByteClass.isDigit(bytes[i &+ 3]) && ByteClass.isDigit(bytes[i &+ 4])
            } else if candidate, run == 3 {
                candidate = i < count && bytes[i] == ByteClass.dash
            }
            if candidate, run >= 13, ignoresCardRun(start) { continue }
            if candidate {
                var skip = i
                if let found = matcher.match(start: start, runEnd: i, skip: &skip) {
                    emit(found)
                    i = found.end
                } else {
                    i = skip
                }
            }
        }
        return i
    }

    /// Every match in a complete buffer (a field value, a line, a test string).
    public func matches(in bytes: UnsafeBufferPointer<UInt8>) -> [RawMatch] {
        var found: [RawMatch] = []
        scan(bytes, from: 0, limit: bytes.count) { found.append($0) }
        return found
    }

    public func matches(in text: String) -> [RawMatch] {
        Array(text.utf8).withUnsafeBufferPointer { matches(in: $0) }
    }
}
