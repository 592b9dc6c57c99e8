@testable import PIIScanner

/// Builds card numbers so that tests state the property they check (issuer, length) and the
/// Luhn digit is computed, not copied from somewhere.
enum Cards {
    /// `prefix` padded with a repeating filler to `length - 1` digits, then the Luhn check digit.
    static func make(_ prefix: String, length: Int) -> String {
        var digits = prefix.map { UInt8(String($0))! }
        var filler: UInt8 = 1
        while digits.count < length - 1 {
            digits.append(filler)
            filler = (filler + 3) % 10
        }
        digits.append(Luhn.checkDigit(for: digits))
        return digits.map(String.init).joined()
    }

    /// The same number with its check digit off by one.
    static func broken(_ card: String) -> String {
        let last = Int(String(card.last!))!
        return String(card.dropLast()) + String((last + 1) % 10)
    }

    static func digits(_ text: String) -> [UInt8] { text.compactMap { $0.wholeNumberValue.map(UInt8.init) } }

    static func group(_ card: String, _ sizes: [Int], _ separator: String) -> String {
        var parts: [String] = []
        var rest = Substring(card)
        for size in sizes {
            parts.append(String(rest.prefix(size)))
            rest = rest.dropFirst(size)
        }
        return parts.joined(separator: separator)
    }
}

enum Scan {
    static func detectors(_ text: String) -> [PIIDetector] { DigitScanner().matches(in: text).map(\.detector) }

    static func matchedText(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return DigitScanner().matches(in: text).map { String(decoding: bytes[$0.range], as: UTF8.self) }
    }
}

extension SARIFRenderer {
    /// What the tests write as the tool's version; the CLI writes `ToolVersion.current`.
    static let testToolVersion = "0.0.0-test"

    static func render(_ report: ScanReport) -> String { render(report, toolVersion: testToolVersion) }
}
