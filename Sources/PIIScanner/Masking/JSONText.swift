/// JSON string literals: decoding a raw literal (quotes included) to its value, and encoding a
/// value back. Used by the masker, which rewrites only the values it masks.
enum JSONText {
    /// The value of the literal `raw` (with its quotes); nil if an escape is malformed.
    static func decode(_ raw: ArraySlice<UInt8>) -> String? {
        guard raw.count >= 2 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = raw.startIndex + 1
        let end = raw.endIndex - 1
        var pendingHigh: UInt32?
        while i < end {
            let byte = raw[i]
            guard byte == JSONEscape.backslash else {
                if pendingHigh != nil { appendScalar(0xFFFD, to: &out); pendingHigh = nil }
                out.append(byte)
                i += 1
                continue
            }
            guard i + 1 < end else { return nil }
            let letter = raw[i + 1]
            if letter == UInt8(ascii: "u") {
                guard i + 6 <= end, let unit = hex(raw[(i + 2)..<(i + 6)]) else { return nil }
                i += 6
                if (0xD800...0xDBFF).contains(unit) {
                    if pendingHigh != nil { appendScalar(0xFFFD, to: &out) }
                    pendingHigh = unit
                } else if (0xDC00...0xDFFF).contains(unit), let high = pendingHigh {
                    appendScalar(0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00), to: &out)
                    pendingHigh = nil
                } else {
                    if pendingHigh != nil { appendScalar(0xFFFD, to: &out); pendingHigh = nil }
                    appendScalar((0xDC00...0xDFFF).contains(unit) ? 0xFFFD : unit, to: &out)
                }
                continue
            }
            if pendingHigh != nil { appendScalar(0xFFFD, to: &out); pendingHigh = nil }
            switch letter {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(letter)
            default: return nil
            }
            i += 2
        }
        if pendingHigh != nil { appendScalar(0xFFFD, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// `value` as a JSON string literal, quotes included.
    static func encode(_ value: String) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [0x5C, UInt8(ascii: "\"")]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, UInt8(ascii: "n")]
            case 0x0D: out += [0x5C, UInt8(ascii: "r")]
            case 0x09: out += [0x5C, UInt8(ascii: "t")]
            case 0..<0x20:
                let digits = Array("0123456789abcdef".utf8)
                out += [0x5C, UInt8(ascii: "u"), 0x30, 0x30, digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
        return out
    }

    private static func hex(_ digits: ArraySlice<UInt8>) -> UInt32? {
        var value: UInt32 = 0
        for byte in digits {
            guard let digit = Character(Unicode.Scalar(byte)).hexDigitValue else { return nil }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private static func appendScalar(_ value: UInt32, to out: inout [UInt8]) {
        let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
        out += Array(String(Character(scalar)).utf8)
    }
}
