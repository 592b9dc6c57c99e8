import Foundation
import Testing
@testable import RefreshPlan

/// `SimplePattern` stands in for NSRegularExpression on the schema's patterns, so it must agree
/// with it on every input: compared here on generated strings around each pattern's edges.
@Suite struct SimplePatternTests {
    /// Every pattern a plan value is checked against, straight from the schema.
    static let schemaPatterns: [String] = {
        var found: [String] = []
        var visited = Set<String>()
        func walk(_ type: FieldType) {
            switch type {
            case .string(let pattern?), .identifier(let pattern): found.append(pattern)
            case .list(let item, _): walk(item)
            case .oneOf(let types): types.forEach(walk)
            case .section(let section):
                guard visited.insert(section.path).inserted else { return }
                section.fields.forEach { walk($0.type) }
            default: break
            }
        }
        walk(.section(PlanSections.root))
        return Array(Set(found)).sorted()
    }()

    static let otherPatterns = [PlanSchema.secretPattern, PlanSchema.durationPattern, PlanSchema.cronPattern,
                                "^(a|ab)(c|bcd)(d*)$", "^[^}\\n]+x?$", "^\\d{2,}[\\s-]?$", "^(ab|a){0,3}c?$"]

    @Test func theSchemaHasPatternsAndAllOfThemRunWithoutICU() {
        #expect(Self.schemaPatterns.count >= 6, "\(Self.schemaPatterns)")
        for pattern in Self.schemaPatterns + Self.otherPatterns {
            #expect(SimplePattern(pattern) != nil, "\(pattern)")
        }
    }

    @Test func patternsOutsideTheSubsetAreLeftToICU() {
        for pattern in ["^https?://[^\\s/@]+", "abc$", "^a|b$", "^a??$", "^\\w+$", "^[[:alpha:]]$", "^(?i)a$", "^a{2,1}$", "^\\1$"] {
            #expect(SimplePattern(pattern) == nil, "\(pattern)")
        }
    }

    @Test(arguments: schemaPatterns + otherPatterns)
    func agreesWithNSRegularExpression(pattern: String) throws {
        let simple = try #require(SimplePattern(pattern))
        let icu = try NSRegularExpression(pattern: pattern)
        var generator = SplitMix(seed: UInt64(truncatingIfNeeded: pattern.utf8.reduce(5381) { $0 &* 33 &+ Int($1) }))
        let alphabet: [Character] = Array("aAzZ09-_.:/}{$ ebcdhtpsnovmiflx") + ["\n", "\r", "\t", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}",
                                                                              "\u{A0}", "\u{3000}", "\u{1680}", "\u{200B}", "\u{FEFF}", "é", "😀", "\r\n"]
        var inputs: [String] = ["", "a", "none", "https://proxy:8080", "http://", "${env:A_1}", "${file:/x}", "${env:}", "1h30m", "15s",
                                "0 2 * * *", "dev-nightly", "-dev", "dev-", "a_b", "0"]
        for length in [1, 2, 62, 63, 64, 65, 126, 127, 128, 129, 199, 200, 201, 1023, 1024, 1025] {
            inputs.append(String(repeating: "a", count: length))
            inputs.append(String(repeating: "a", count: length - 1) + "-")
        }
        for _ in 0..<3000 {
            let length = Int(generator.next() % 14)
            inputs.append(String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }))
        }
        let endings = ["", "\n", "\r\n", "\r", "\u{85}", "\u{2028}", "\n\n", " "]
        var disagreements: [String] = []
        for base in inputs {
            for ending in endings {
                let text = base + ending
                let expected = icu.firstMatch(in: text, range: NSRange(text.startIndex..<text.endIndex, in: text)) != nil
                if simple.matches(text) != expected { disagreements.append(text) }
            }
        }
        #expect(disagreements.isEmpty, "\(pattern): \(disagreements.prefix(5).map { $0.debugDescription })")
    }
}

private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
