/// Runs user patterns over a source line by line, reading in chunks. Lines longer than
/// `maxLine` are cut there (a match across such a cut is missed; exports do not have
/// megabyte-long lines, and memory must stay bounded).
struct LinePatternScanner {
    let source: any ByteSource
    let patterns: CustomPatternSet
    let locator: FieldLocator
    let factory: FindingFactory
    let name: String
    static let chunk = 1 << 20
    static let maxLine = 1 << 20

    /// Every line's findings, in order. Memory stays bounded: findings go to `emit` line by line.
    func scan() -> [Finding] {
        var findings: [Finding] = []
        scan { findings += $0 }
        return findings
    }

    func scan(_ emit: ([Finding]) -> Void) {
        var pending: [UInt8] = []
        var pendingStart = 0
        var line = 1
        var offset = 0
        var chunk = [UInt8](repeating: 0, count: Self.chunk)
        while true {
            let n = chunk.withUnsafeMutableBytes { source.read(at: offset, into: $0) }
            if n == 0 { break }
            var lineBegin = 0
            for index in 0..<n where chunk[index] == ByteClass.newline {
                pending += chunk[lineBegin..<index]
                emit(scanLine(pending, start: pendingStart, line: line))
                line += 1
                pending = []
                lineBegin = index + 1
                pendingStart = offset + lineBegin
            }
            pending += chunk[lineBegin..<n]
            if pending.count > Self.maxLine {
                emit(scanLine(pending, start: pendingStart, line: line))
                pendingStart += pending.count
                pending = []
            }
            offset += n
        }
        if !pending.isEmpty { emit(scanLine(pending, start: pendingStart, line: line)) }
    }

    private func scanLine(_ bytes: [UInt8], start: Int, line: Int) -> [Finding] {
        // JSON string escapes are resolved for the patterns; ranges map back to the raw line.
        let decoded = DecodedLine(bytes, json: locator.format == .json || locator.format == .ndjson)
        let matches = patterns.matches(in: decoded.text)
        guard !matches.isEmpty else { return [] }
        return bytes.withUnsafeBufferPointer { buffer in
            matches.map { match in
                let range = decoded.raw(match.range)
                return factory.finding(match.detector, value: buffer[range], source: name, record: nil,
                                       field: locator.field(buffer, lineStart: 0, position: range.lowerBound),
                                       offset: start + range.lowerBound, line: line)
            }
        }
    }

    /// The line as text whose UTF-8 is exactly as long as `bytes`, so that match offsets are
    /// offsets into `bytes`: each byte of an invalid UTF-8 sequence becomes U+001A (SUB), where
    /// `String(decoding:)` would put one three-byte U+FFFD (and shift every later offset).
    static func text(_ bytes: [UInt8]) -> String {
        if let valid = String(validating: bytes, as: UTF8.self) { return valid }
        var repaired: [UInt8] = []
        repaired.reserveCapacity(bytes.count)
        var parser = Unicode.UTF8.ForwardParser()
        var input = bytes.makeIterator()
        while true {
            switch parser.parseScalar(from: &input) {
            case .valid(let scalar): repaired += scalar
            case .error(let length): repaired += repeatElement(0x1A, count: length)
            case .emptyInput: return String(decoding: repaired, as: UTF8.self)
            }
        }
    }
}
