/// Finds known secrets and known customer PII in text in one pass per line, whatever the number
/// of values registered: tokens, client secrets and Basic credentials are matched inside runs of
/// the base64 alphabet, card numbers and SSNs inside digit runs (separators ignored), each by
/// rolling hashes of the few distinct lengths registered (`FixedLengthMatcher`), verified on a hit.
struct LeakScanner: Sendable {
    private var credentials = FixedLengthMatcher()
    private var pii = FixedLengthMatcher()
    /// Values with characters outside the base64 alphabet: rare, matched as substrings.
    private var phrases: [String] = []

    mutating func addSecret(_ value: String) {
        guard value.count >= 12 else { return }
        if value.utf8.allSatisfy(Self.isTokenByte) {
            credentials.add(Array(value.utf8))
        } else {
            phrases.append(value)
        }
    }

    /// Registers every card number (13-19 digits) and SSN (9 digits) found in `text`.
    mutating func addPII(from text: String) {
        for run in Self.digitRuns(Array(text.utf8)) where run.count == 9 || (13...19).contains(run.count) {
            pii.add(run)
        }
    }

    /// What leaked (never the value itself), or nil.
    func scan(_ text: String) -> String? {
        var bytes = Array(text.utf8)
        if !credentials.isEmpty {
            var start = 0
            while start < bytes.count {
                guard Self.isTokenByte(bytes[start]) else { start += 1; continue }
                var end = start
                while end < bytes.count, Self.isTokenByte(bytes[end]) { end += 1 }
                if end - start >= 12, credentials.firstMatch(in: bytes[start..<end]) != nil { return "a token or client secret" }
                start = end
            }
        }
        for phrase in phrases where text.contains(phrase) { return "Basic credentials" }
        if !pii.isEmpty {
            for run in Self.digitRuns(bytes) {
                if let size = pii.firstMatch(in: run[...]) { return size == 9 ? "a raw SSN" : "a raw card number" }
            }
        }
        bytes.removeAll()
        return nil
    }

    /// Letters, digits and base64's `+ / =`: tokens and secrets are runs of these, and so is a
    /// Basic credential.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte) || byte == 43 || byte == 47 || byte == 61
    }

    /// Digits joined across single spaces or dashes, as cards and SSNs are written.
    static func digitRuns(_ bytes: [UInt8]) -> [[UInt8]] {
        var runs: [[UInt8]] = []
        var current: [UInt8] = []
        var lastWasSeparator = false
        for byte in bytes {
            if (48...57).contains(byte) {
                current.append(byte)
                lastWasSeparator = false
            } else if (byte == 32 || byte == 45), !current.isEmpty, !lastWasSeparator {
                lastWasSeparator = true
            } else {
                if current.count >= 9 { runs.append(current) }
                current.removeAll(keepingCapacity: true)
                lastWasSeparator = false
            }
        }
        if current.count >= 9 { runs.append(current) }
        return runs
    }
}

/// A set of byte strings, searched for inside a run with one rolling (Rabin-Karp) hash per
/// distinct length: the cost is the run's length times the number of distinct lengths, not
/// times the number of values, and nothing is allocated per window.
struct FixedLengthMatcher: Sendable {
    private var byLength: [Int: [UInt64: [[UInt8]]]] = [:]
    private static let base: UInt64 = 1_099_511_628_211

    var isEmpty: Bool { byLength.isEmpty }

    mutating func add(_ value: [UInt8]) {
        guard !value.isEmpty else { return }
        let hash = Self.hash(value[...])
        var bucket = byLength[value.count, default: [:]]
        if bucket[hash]?.contains(value) != true { bucket[hash, default: []].append(value) }
        byLength[value.count] = bucket
    }

    /// The length of a registered value found in `run`, or nil.
    func firstMatch(in run: ArraySlice<UInt8>) -> Int? {
        for (size, bucket) in byLength where size <= run.count {
            var power: UInt64 = 1
            for _ in 1..<size { power = power &* Self.base }
            var hash = Self.hash(run.prefix(size))
            var start = run.startIndex
            while true {
                if let candidates = bucket[hash], candidates.contains(where: { $0.elementsEqual(run[start..<(start + size)]) }) { return size }
                let end = start + size
                guard end < run.endIndex else { break }
                hash = (hash &- UInt64(run[start]) &* power) &* Self.base &+ UInt64(run[end])
                start += 1
            }
        }
        return nil
    }

    private static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.reduce(0) { $0 &* base &+ UInt64($1) }
    }
}
