/// What masking did to one export: counts only, safe to print.
public struct MaskStats: Sendable, Hashable, Codable {
    public var records = 0
    /// Values changed per plan rule index.
    public var byRule: [Int: Int] = [:]
    public var redactedByDefault = 0
    /// Values in which `maskPii` redacted a card number or SSN.
    public var scrubbed = 0
    public var bytesRead = 0
    public var bytesWritten = 0

    public init() {}

    public var valuesMasked: Int { byRule.values.reduce(0, +) + redactedByDefault + scrubbed }

    mutating func count(_ decision: MaskingEngine.Decision) {
        switch decision {
        case .rule(let index, _): byRule[index, default: 0] += 1
        case .redactByDefault: redactedByDefault += 1
        case .scrub: scrubbed += 1
        case .keep: break
        }
    }

    /// `120 record(s), 340 value(s) masked (rule 1: 120, rule 2: 200, maskPii: 20)`.
    public var summary: String {
        var parts = byRule.sorted { $0.key < $1.key }.map { "rule \($0.key + 1): \($0.value)" }
        if redactedByDefault > 0 { parts.append("default contact fields: \(redactedByDefault)") }
        if scrubbed > 0 { parts.append("maskPii scrub: \(scrubbed)") }
        return "\(records) record(s), \(valuesMasked) value(s) masked" + (parts.isEmpty ? "" : " (\(parts.joined(separator: ", ")))")
    }
}
