/// A line as user patterns see it: in JSON and NDJSON, string escapes resolved (`\n`, `\t`,
/// `\"`, `\uXXXX`, ...), so `"Account:\nACCT-123"` matches `\bACCT-[0-9]+` as it would in
/// the decoded value. Ranges map back to the raw line, so findings keep the file's positions.
struct DecodedLine {
    let text: String
    /// Raw index of each decoded byte, plus one entry for the end; nil when nothing was decoded.
    private let rawIndex: [Int]?

    init(_ bytes: [UInt8], json: Bool) {
        guard json, bytes.contains(JSONEscape.backslash) else {
            // Byte for byte: invalid UTF-8 must not shift offsets (see LinePatternScanner.text).
            text = LinePatternScanner.text(bytes)
            rawIndex = nil
            return
        }
        var decoded: [UInt8] = []
        var index: [Int] = []
        decoded.reserveCapacity(bytes.count)
        index.reserveCapacity(bytes.count + 1)
        var i = 0
        while i < bytes.count {
            guard bytes[i] == JSONEscape.backslash, i + 1 < bytes.count else {
                decoded.append(bytes[i])
                index.append(i)
                i += 1
                continue
            }
            let letter = bytes[i + 1]
            var produced: [UInt8]
            var length = 2
            switch letter {
            case UInt8(ascii: "n"): produced = [0x0A]
            case UInt8(ascii: "t"): produced = [0x09]
            case UInt8(ascii: "r"): produced = [0x0D]
            case UInt8(ascii: "b"): produced = [0x08]
            case UInt8(ascii: "f"): produced = [0x0C]
            case UInt8(ascii: "u"):
                if i + 6 <= bytes.count, let scalar = Self.hex(bytes[(i + 2)..<(i + 6)]) {
                    produced = Array(String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
                    length = 6
                } else {
                    produced = [letter]
                }
            default: produced = [letter]
            }
            for byte in produced {
                decoded.append(byte)
                index.append(i)
            }
            i += length
        }
        index.append(bytes.count)
        text = LinePatternScanner.text(decoded)
        rawIndex = index
    }

    /// The raw byte range of a range of the decoded text's UTF-8.
    func raw(_ range: Range<Int>) -> Range<Int> {
        guard let rawIndex else { return range }
        let lower = rawIndex[min(range.lowerBound, rawIndex.count - 1)]
        // The end is where the byte after the last matched one starts in the raw line.
        let upper = range.upperBound < rawIndex.count ? rawIndex[range.upperBound] : rawIndex[rawIndex.count - 1]
        return lower..<max(lower, upper)
    }

    private static func hex(_ digits: ArraySlice<UInt8>) -> UInt32? {
        var value: UInt32 = 0
        for byte in digits {
            guard let digit = Character(Unicode.Scalar(byte)).hexDigitValue else { return nil }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}
