import Foundation

/// User-defined patterns (`gates.piiScan.patterns`, `scan --pattern name=regex`), compiled once.
/// NSRegularExpression because it is thread-safe and Sendable-friendly on Linux and macOS; these
/// run per line or per field, never in the byte hot loop.
public struct CustomPatternSet: @unchecked Sendable {
    public struct Pattern: @unchecked Sendable {
        public var name: String
        public var source: String
        let regex: NSRegularExpression
    }

    public private(set) var patterns: [Pattern]

    public init() { patterns = [] }

    init(compiled: [Pattern]) { patterns = compiled }

    /// `(name, regex)` pairs; the first that does not compile throws.
    public init(_ definitions: [(name: String, regex: String)]) throws(ScanError) {
        var compiled: [Pattern] = []
        for definition in definitions {
            do {
                compiled.append(Pattern(name: definition.name, source: definition.regex, regex: try NSRegularExpression(pattern: definition.regex)))
            } catch {
                throw ScanError.invalidPattern(name: definition.name, reason: "\(error)")
            }
        }
        patterns = compiled
    }

    public var isEmpty: Bool { patterns.isEmpty }

    /// Matches in `text` as UTF-8 byte ranges (what findings use), with their pattern's detector.
    public func matches(in text: String) -> [(detector: PIIDetector, range: Range<Int>)] {
        guard !patterns.isEmpty else { return [] }
        let whole = NSRange(text.startIndex..<text.endIndex, in: text)
        var found: [(PIIDetector, Range<Int>)] = []
        for pattern in patterns {
            for result in pattern.regex.matches(in: text, range: whole) where result.range.length > 0 {
                guard let range = Range(result.range, in: text) else { continue }
                let start = text.utf8.distance(from: text.utf8.startIndex, to: range.lowerBound)
                let length = text.utf8.distance(from: range.lowerBound, to: range.upperBound)
                found.append((.custom(pattern.name), start..<(start + length)))
            }
        }
        return found
    }
}
