/// The export shapes the scanner understands. The byte scan is the same for all of them; the
/// format only decides how a finding's field is named (JSON key or CSV column) — a record is
/// always a line.
public enum ExportFormat: String, Sendable, Hashable, Codable, CaseIterable {
    case json, ndjson, csv, text

    /// By extension first, then by the first non-blank byte (`{`/`[` is JSON).
    public static func detect(path: String, head: [UInt8]) -> ExportFormat {
        let lower = path.lowercased()
        if lower.hasSuffix(".ndjson") || lower.hasSuffix(".jsonl") { return .ndjson }
        if lower.hasSuffix(".json") { return .json }
        if lower.hasSuffix(".csv") || lower.hasSuffix(".tsv") { return .csv }
        if let first = head.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }), first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            return .json
        }
        return .text
    }
}
