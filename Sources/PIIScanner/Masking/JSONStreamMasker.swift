/// Masks a JSON or NDJSON export as a stream: every byte is copied as it is except the values
/// the engine decides to mask, so formatting, key order and untouched values survive exactly.
///
/// A value's path is the keys of the objects around it (arrays are transparent), which is
/// what rules match. Object keys are never masked: they are field names. A number under a
/// masked field is masked too; it stays a number only when its masked form is one (a token).
/// Memory is the reader's buffer, the container stack and the current value.
struct JSONStreamMasker {
    let engine: MaskingEngine
    let kind: DocumentKind
    let name: String
    static let maxValueBytes = 64 << 20
    static let maxDepth = 512

    private enum Frame {
        case object(key: String?)
        case array
    }

    private enum Expect {
        case value, valueOrEnd, keyOrEnd, key, colon, afterValue
    }

    private var stack: [Frame] = []
    private var cache: [String: MaskingEngine.Decision] = [:]
    private(set) var stats = MaskStats()

    init(engine: MaskingEngine, kind: DocumentKind, name: String) {
        self.engine = engine
        self.kind = kind
        self.name = name
    }

    mutating func run(_ reader: inout ByteReader, _ writer: ByteWriter) throws(MaskError) {
        var expect = Expect.value
        while true {
            guard let byte = reader.peek() else { break }
            if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
                writer.write(reader.next()!)
                continue
            }
            switch expect {
            case .value, .valueOrEnd:
                if expect == .valueOrEnd, byte == UInt8(ascii: "]") {
                    _ = reader.next()
                    writer.write(byte)
                    stack.removeLast()
                    expect = finishValue(closedArray: true)
                    continue
                }
                expect = try value(&reader, writer)
            case .keyOrEnd, .key:
                if expect == .keyOrEnd, byte == UInt8(ascii: "}") {
                    _ = reader.next()
                    writer.write(byte)
                    stack.removeLast()
                    expect = finishValue()
                    continue
                }
                guard byte == UInt8(ascii: "\"") else { throw fail(reader, "expected a key string") }
                let raw = try string(&reader)
                writer.write(raw)
                guard let key = JSONText.decode(raw[...]) else { throw fail(reader, "malformed escape in a key") }
                stack[stack.count - 1] = .object(key: key)
                expect = .colon
            case .colon:
                guard byte == UInt8(ascii: ":") else { throw fail(reader, "expected ':'") }
                writer.write(reader.next()!)
                expect = .value
            case .afterValue:
                _ = reader.next()
                writer.write(byte)
                switch (byte, stack.last) {
                case (UInt8(ascii: ","), .object?): expect = .key
                case (UInt8(ascii: ","), .array?): expect = .value
                case (UInt8(ascii: "}"), .object?), (UInt8(ascii: "]"), .array?):
                    stack.removeLast()
                    expect = finishValue(closedArray: byte == UInt8(ascii: "]"))
                default: throw fail(reader, "expected ',' or the end of the container")
                }
            }
        }
        guard stack.isEmpty, expect == .value || expect == .afterValue else { throw fail(reader, "unexpected end of file inside a value") }
    }

    /// After a complete value: a top-level value (an NDJSON record) or an element of the
    /// top-level array is a record (the array itself is not).
    private mutating func finishValue(closedArray: Bool = false) -> Expect {
        if stack.isEmpty {
            if !closedArray { stats.records += 1 }
            return .value
        }
        if stack.count == 1, case .array = stack[0] { stats.records += 1 }
        return .afterValue
    }

    private mutating func value(_ reader: inout ByteReader, _ writer: ByteWriter) throws(MaskError) -> Expect {
        let byte = reader.peek()!
        switch byte {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            guard stack.count < Self.maxDepth else { throw fail(reader, "nesting deeper than \(Self.maxDepth)") }
            writer.write(reader.next()!)
            stack.append(byte == UInt8(ascii: "{") ? .object(key: nil) : .array)
            return byte == UInt8(ascii: "{") ? .keyOrEnd : .valueOrEnd
        case UInt8(ascii: "\""):
            let raw = try string(&reader)
            let decision = self.decision()
            if decision != .keep {
                guard let text = JSONText.decode(raw[...]) else { throw fail(reader, "malformed escape in a string") }
                if let masked = engine.apply(decision, to: text) {
                    writer.write(JSONText.encode(masked))
                    stats.count(decision)
                    return finishValue()
                }
            }
            writer.write(raw)
            return finishValue()
        default:
            var token: [UInt8] = []
            while let next = reader.peek(), ByteClass.isWord(next) || next == UInt8(ascii: "-") || next == UInt8(ascii: "+") || next == ByteClass.dot {
                token.append(reader.next()!)
                guard token.count < 512 else { throw fail(reader, "a literal longer than 512 bytes") }
            }
            guard !token.isEmpty else { throw fail(reader, "unexpected character") }
            let text = String(decoding: token, as: UTF8.self)
            if ["true", "false", "null"].contains(text) {
                writer.write(token)
                return finishValue()
            }
            guard Self.isNumber(token) else { throw fail(reader, "unexpected literal") }
            let decision = self.decision()
            if decision != .keep, let masked = engine.apply(decision, to: text) {
                let stillNumber = !masked.isEmpty && masked.utf8.allSatisfy(ByteClass.isDigit) && (masked == "0" || !masked.hasPrefix("0"))
                writer.write(stillNumber ? Array(masked.utf8) : JSONText.encode(masked))
                stats.count(decision)
            } else {
                writer.write(token)
            }
            return finishValue()
        }
    }

    /// JSON's number grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    static func isNumber(_ token: [UInt8]) -> Bool {
        var i = 0
        func digits() -> Int {
            let start = i
            while i < token.count, ByteClass.isDigit(token[i]) { i += 1 }
            return i - start
        }
        if i < token.count, token[i] == UInt8(ascii: "-") { i += 1 }
        let first = i
        guard digits() > 0, token[first] != UInt8(ascii: "0") || i == first + 1 else { return false }
        if i < token.count, token[i] == ByteClass.dot {
            i += 1
            guard digits() > 0 else { return false }
        }
        if i < token.count, token[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < token.count, token[i] == UInt8(ascii: "+") || token[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { return false }
        }
        return i == token.count
    }

    /// The raw string literal at the reader, quotes included.
    private func string(_ reader: inout ByteReader) throws(MaskError) -> [UInt8] {
        var raw: [UInt8] = [reader.next()!]
        var escaped = false
        while true {
            guard let byte = reader.next() else { throw fail(reader, "unterminated string") }
            raw.append(byte)
            if escaped {
                escaped = false
            } else if byte == JSONEscape.backslash {
                escaped = true
            } else if byte == UInt8(ascii: "\"") {
                return raw
            } else if byte == 0x0A {
                throw fail(reader, "line break inside a string")
            }
            guard raw.count <= Self.maxValueBytes else { throw fail(reader, "a string longer than \(Self.maxValueBytes >> 20) MiB") }
        }
    }

    private mutating func decision() -> MaskingEngine.Decision {
        var path: [String] = []
        for frame in stack { if case .object(let key?) = frame { path.append(key) } }
        let cacheKey = path.joined(separator: "\u{1F}")
        if let known = cache[cacheKey] { return known }
        let decided = engine.decision(path: path, kind: kind)
        if cache.count < 4096 { cache[cacheKey] = decided }
        return decided
    }

    private func fail(_ reader: ByteReader, _ what: String) -> MaskError {
        MaskError.syntax(name, line: reader.line, column: reader.column, "not valid JSON: \(what)")
    }
}
