import Foundation

/// Schema patterns compiled once per process: `String.range(of:options: .regularExpression)`
/// compiles the expression on every call, which made it a tenth of the cost of validating a plan.
enum PatternMatch {
    private static let cache = CompiledPatterns()

    /// Whether `pattern` matches somewhere in `text`, like `range(of:options: .regularExpression) != nil`.
    static func matches(_ text: String, _ pattern: String) -> Bool {
        guard let expression = cache.expression(for: pattern) else {
            return text.range(of: pattern, options: .regularExpression) != nil
        }
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        return expression.firstMatch(in: text, options: [], range: range) != nil
    }
}

/// NSRegularExpression is immutable once built and safe to share between threads.
private final class CompiledPatterns: @unchecked Sendable {
    private let lock = NSLock()
    private var expressions: [String: NSRegularExpression] = [:]

    func expression(for pattern: String) -> NSRegularExpression? {
        if let known = lock.withLock({ expressions[pattern] }) { return known }
        guard let compiled = try? NSRegularExpression(pattern: pattern) else { return nil }
        lock.withLock { expressions[pattern] = compiled }
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
