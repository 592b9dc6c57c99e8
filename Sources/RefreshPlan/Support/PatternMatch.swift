import Foundation

/// Schema patterns compiled once per process: `String.range(of:options: .regularExpression)`
/// compiles the expression on every call, which made it a tenth of the cost of validating a plan.
/// The schema's own patterns run on `SimplePattern`; anything else on NSRegularExpression.
enum PatternMatch {
    private static let cache = CompiledPatterns()

    /// Whether `pattern` matches somewhere in `text`, like `range(of:options: .regularExpression) != nil`.
    static func matches(_ text: String, _ pattern: String) -> Bool {
        switch cache.compiled(pattern) {
        case .simple(let simple): return simple.matches(text)
        case .icu(let expression):
            let range = NSRange(text.startIndex..<text.endIndex, in: text)
            return expression.firstMatch(in: text, options: [], range: range) != nil
        case .invalid: return text.range(of: pattern, options: .regularExpression) != nil
        }
    }
}

/// Compiled patterns are immutable and safe to share between threads.
private final class CompiledPatterns: @unchecked Sendable {
    enum Compiled {
        case simple(SimplePattern)
        case icu(NSRegularExpression)
        case invalid
    }

    private let lock = NSLock()
    private var patterns: [String: Compiled] = [:]

    func compiled(_ pattern: String) -> Compiled {
        if let known = lock.withLock({ patterns[pattern] }) { return known }
        let compiled: Compiled
        if let simple = SimplePattern(pattern) {
            compiled = .simple(simple)
        } else if let expression = try? NSRegularExpression(pattern: pattern) {
            compiled = .icu(expression)
        } else {
            compiled = .invalid
        }
        lock.withLock { patterns[pattern] = compiled }
        return compiled
    }
}

extension String {
    /// Whether `${` occurs: a byte scan, where `contains("${")` goes through Foundation's
    /// locale-aware search for every value of every plan.
    var hasInterpolationMarker: Bool {
        var previous: UInt8 = 0
        for byte in utf8 {
            if previous == UInt8(ascii: "$"), byte == UInt8(ascii: "{") { return true }
            previous = byte
        }
        return false
    }
}
