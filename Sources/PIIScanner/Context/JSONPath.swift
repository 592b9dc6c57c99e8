/// Names the JSON field a position sits in, as a dotted path of keys (`workPhone.e164`,
/// `address.city`; arrays are transparent), by walking backwards from it.
///
/// The walk never looks before `floor` (a bounded lookback the scanner keeps in its buffer) and,
/// in NDJSON, stops at the line break that starts the record, so its cost is bounded per
/// finding and its answer does not depend on how the file was cut into chunks. The innermost
/// key is the nearest `"key":` before the position, as in the simple case; enclosing keys are
/// found by skipping balanced containers and strings outwards, which is exact for valid JSON
/// once the walk starts outside a string (at a key).
enum JSONPath {
    static let maxDepth = 8
    static let maxKeyLength = 128
    static let quote = UInt8(ascii: "\""), colon = UInt8(ascii: ":")

    /// The dotted path, or nil when no key is found.
    static func path(_ bytes: UnsafeBufferPointer<UInt8>, floor: Int, position: Int, recordIsLine: Bool) -> String? {
        var keys: [String] = []
        walk(bytes, floor: floor, position: position, recordIsLine: recordIsLine) { range in
            keys.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self))
            return false
        }
        return keys.isEmpty ? nil : keys.reversed().joined(separator: ".")
    }

    /// Whether any key on the path names a phone, without building strings: the check every
    /// card-shaped candidate in JSON goes through.
    static func namesPhone(_ bytes: UnsafeBufferPointer<UInt8>, floor: Int, position: Int, recordIsLine: Bool) -> Bool {
        var found = false
        walk(bytes, floor: floor, position: position, recordIsLine: recordIsLine) { range in
            found = PhoneContext.namesPhone(UnsafeBufferPointer(rebasing: bytes[range]))
            return found
        }
        return found
    }

    /// Calls `visit` with each key's byte range, innermost first, until it returns true.
    private static func walk(_ bytes: UnsafeBufferPointer<UInt8>, floor: Int, position: Int, recordIsLine: Bool, _ visit: (Range<Int>) -> Bool) {
        // In NDJSON the walk stops at the line break before the record (a raw line break is
        // never inside a JSON string), found on the way rather than searched for first.
        let stop: UInt8? = recordIsLine ? ByteClass.newline : nil
        guard let innermost = nearestKey(bytes, floor: floor, before: position, stop: stop) else { return }
        if visit(innermost.name) { return }
        var depth = 0, keys = 1
        var i = innermost.openingQuote - 1
        while i >= floor, keys < maxDepth {
            switch bytes[i] {
            case stop:
                return
            case quote:
                guard let opening = openingQuote(bytes, floor: floor, closing: i, stop: stop) else { return }
                i = opening - 1
                continue
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth += 1
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if depth > 0 {
                    depth -= 1
                } else {
                    // The container we are in: named by the key before it, if any.
                    var k = i - 1
                    while k >= floor, isSpace(bytes[k]) { k -= 1 }
                    if k >= floor, bytes[k] == colon, let key = key(bytes, floor: floor, colon: k, stop: stop) {
                        if visit(key.name) { return }
                        keys += 1
                        i = key.openingQuote - 1
                        continue
                    }
                }
            default:
                break
            }
            i -= 1
        }
    }

    /// The nearest `"key":` before `position` (the same rule the scanner always used).
    static func nearestKey(_ bytes: UnsafeBufferPointer<UInt8>, floor: Int, before position: Int, stop: UInt8? = nil) -> (name: Range<Int>, openingQuote: Int)? {
        var i = position - 1
        while i > floor {
            let byte = bytes[i]
            if byte == stop { return nil }
            if byte == colon, let found = key(bytes, floor: floor, colon: i, stop: stop) { return found }
            i -= 1
        }
        return nil
    }

    /// The key string that ends just before the colon at `colon` (whitespace allowed between).
    private static func key(_ bytes: UnsafeBufferPointer<UInt8>, floor: Int, colon: Int, stop: UInt8?) -> (name: Range<Int>, openingQuote: Int)? {
        var q = colon - 1
        while q > floor, isSpace(bytes[q]) { q -= 1 }
        guard q > floor, bytes[q] == quote, !JSONEscape.isEscaped(bytes, q),
              let opening = openingQuote(bytes, floor: floor, closing: q, stop: stop), q - opening - 1 <= maxKeyLength else { return nil }
        return ((opening + 1)..<q, opening)
    }

    /// The unescaped quote that opens the string closed at `closing`.
    private static func openingQuote(_ bytes: UnsafeBufferPointer<UInt8>, floor: Int, closing: Int, stop: UInt8?) -> Int? {
        var s = closing - 1
        while s >= floor {
            let byte = bytes[s]
            if byte == stop { return nil }
            if byte == quote, !JSONEscape.isEscaped(bytes, s) { return s }
            s -= 1
        }
        return nil
    }

    @inline(__always) private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
}
