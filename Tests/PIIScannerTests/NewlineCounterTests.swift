import Testing
@testable import PIIScanner

/// The word-at-a-time counters against a byte loop: every start and end near word edges, runs
/// longer than the 255 words a byte lane holds, and tails read as masked words.
@Suite struct NewlineCounterTests {
    static func bytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        let alphabet: [UInt8] = Array("\n\"a1,\n\" 9\u{7F}".utf8) + [0x80, 0xFF, 0x0B, 0x23, 0x21]
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return alphabet[Int(state >> 33) % alphabet.count]
        }
    }

    @Test func countsMatchAByteLoop() {
        for (count, seed) in [(0, 1), (7, 2), (64, 3), (300, 4), (2048 + 13, 5), (9000, 6)] as [(Int, UInt64)] {
            let data = Self.bytes(count, seed: seed)
            data.withUnsafeBufferPointer { buffer in
                var edges = Set([0, count])
                for k in 0..<min(count, 40) { edges.insert(k); edges.insert(count - k) }
                for edge in stride(from: 0, to: count, by: 397) { edges.insert(edge) }
                let sorted = edges.sorted()
                // Prefix sums: counts of newlines and quotes before each index.
                var newlinesBefore = [0], quotesBefore = [0]
                for byte in data {
                    newlinesBefore.append(newlinesBefore.last! + (byte == 0x0A ? 1 : 0))
                    quotesBefore.append(quotesBefore.last! + (byte == 0x22 ? 1 : 0))
                }
                for from in sorted {
                    for end in sorted where end >= from {
                        let newlines = newlinesBefore[end] - newlinesBefore[from]
                        let quotes = quotesBefore[end] - quotesBefore[from]
                        #expect(NewlineCounter.count(buffer, from: from, to: end) == newlines)
                        #expect(NewlineCounter.count(0x22, in: buffer, from: from, to: end) == quotes)
                        let both = NewlineCounter.countNewlinesAndQuoteParity(buffer, from: from, to: end)
                        #expect(both.newlines == newlines && both.oddQuotes == (quotes & 1 == 1))
                    }
                }
            }
        }
    }
}
