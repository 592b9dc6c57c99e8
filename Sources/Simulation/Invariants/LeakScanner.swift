/// Finds known secrets and known customer PII in text without a regex per value: tokens and
/// client secrets are matched as whole alphanumeric runs, card numbers and SSNs as digit runs
/// (separators ignored), so a line costs one pass whatever the number of values.
struct LeakScanner: Sendable {
    private var secrets: Set<String> = []
    private var secretLengths: Set<Int> = []
    /// Values that are not alphanumeric runs (Basic credentials), matched as substrings.
    private var phrases: [String] = []
    private var pii: Set<String> = []
    private var piiLengths: Set<Int> = []

    mutating func addSecret(_ value: String) {
        guard value.count >= 12 else { return }
        if value.utf8.allSatisfy(Self.isAlnum) {
            secrets.insert(value)
            secretLengths.insert(value.utf8.count)
        } else {
            phrases.append(value)
        }
    }

    /// Registers every card number (13-19 digits) and SSN (9 digits) found in `text`.
    mutating func addPII(from text: String) {
        for run in Self.digitRuns(text) where run.count == 9 || (13...19).contains(run.count) {
            pii.insert(run)
            piiLengths.insert(run.count)
        }
    }

    /// What leaked (never the value itself), or nil.
    func scan(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            guard Self.isAlnum(bytes[start]) else { start += 1; continue }
            var end = start
            while end < bytes.count, Self.isAlnum(bytes[end]) { end += 1 }
            let length = end - start
            if length >= 12 {
                for size in secretLengths where size <= length {
                    var offset = start
                    while offset + size <= end {
                        if secrets.contains(String(decoding: bytes[offset..<(offset + size)], as: UTF8.self)) { return "a token or client secret" }
                        offset += 1
                        if size == length { break }
                    }
                }
            }
            start = end
        }
        for phrase in phrases where text.contains(phrase) { return "Basic credentials" }
        for run in Self.digitRuns(text) {
            for size in piiLengths where size <= run.count {
                let digits = Array(run.utf8)
                for offset in 0...(digits.count - size) where pii.contains(String(decoding: digits[offset..<(offset + size)], as: UTF8.self)) {
                    return size == 9 ? "a raw SSN" : "a raw card number"
                }
            }
        }
        return nil
    }

    static func isAlnum(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte)
    }

    /// Digits joined across single spaces or dashes, as cards and SSNs are written.
    static func digitRuns(_ text: String) -> [String] {
        var runs: [String] = []
        var current: [UInt8] = []
        var lastWasSeparator = false
        for byte in text.utf8 {
            if (48...57).contains(byte) {
                current.append(byte)
                lastWasSeparator = false
            } else if (byte == 32 || byte == 45), !current.isEmpty, !lastWasSeparator {
                lastWasSeparator = true
            } else {
                if current.count >= 9 { runs.append(String(decoding: current, as: UTF8.self)) }
                current.removeAll(keepingCapacity: true)
                lastWasSeparator = false
            }
        }
        if current.count >= 9 { runs.append(String(decoding: current, as: UTF8.self)) }
        return runs
    }
}
