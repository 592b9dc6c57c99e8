/// "Overlapping findings are reported once, as the most specific kind": validated detectors
/// beat user patterns, then the longer match wins, then the earlier one.
public enum OverlapResolver {
    public static func resolve(_ findings: [Finding]) -> [Finding] {
        guard findings.count > 1 else { return findings }
        // Offsets are only comparable within one file, or one field of one record.
        let groups = Dictionary(grouping: findings) { SpanKey(source: $0.source, record: $0.line == nil ? $0.record : nil, field: $0.line == nil ? $0.field : nil) }
        var result: [Finding] = []
        for (_, group) in groups {
            // Clusters of transitively overlapping findings are tiny; rank within each.
            let ordered = group.sorted { $0.offset < $1.offset }
            var cluster: [Finding] = []
            var clusterEnd = Int.min
            for finding in ordered {
                if finding.offset >= clusterEnd, !cluster.isEmpty {
                    result += pick(cluster)
                    cluster = []
                }
                cluster.append(finding)
                clusterEnd = max(clusterEnd, finding.offset + finding.length)
            }
            result += pick(cluster)
        }
        return result.sorted { ($0.source, $0.record ?? "", $0.field ?? "", $0.offset) < ($1.source, $1.record ?? "", $1.field ?? "", $1.offset) }
    }

    private static func pick(_ cluster: [Finding]) -> [Finding] {
        guard cluster.count > 1 else { return cluster }
        let ranked = cluster.sorted { a, b in
            if a.detector.specificity != b.detector.specificity { return a.detector.specificity > b.detector.specificity }
            if a.length != b.length { return a.length > b.length }
            return a.offset < b.offset
        }
        var kept: [Finding] = []
        for candidate in ranked where !kept.contains(where: { $0.range.overlaps(candidate.range) }) {
            kept.append(candidate)
        }
        return kept
    }

    private struct SpanKey: Hashable {
        var source: String
        var record: String?
        var field: String?
    }
}
