/// The impact of one refresh on the sandbox, object by object, with the summary a person reads
/// first. Encoded as the run's `impact.json` and inside `check --json`.
public struct ImpactReport: Sendable, Hashable, Codable {
    public var sandboxId: String
    /// The widest scope the run can reach (the plan's plus what expansion can add).
    public var scope: String
    public var kinds: [ImpactKind]
    public var entries: [ImpactEntry]
    public var protection: ProtectionMode
    /// Requests the comparison cost: listing pages and the per-object reads.
    public var listingRequests: Int
    public var objectReads: Int

    public init(sandboxId: String, scope: String, kinds: [ImpactKind], entries: [ImpactEntry], protection: ProtectionMode,
                listingRequests: Int = 0, objectReads: Int = 0) {
        self.sandboxId = sandboxId
        self.scope = scope
        self.kinds = kinds
        self.entries = entries
        self.protection = protection
        self.listingRequests = listingRequests
        self.objectReads = objectReads
    }

    public var atRisk: [ImpactEntry] { entries.filter(\.isAtRisk) }
    public var destructive: [ImpactEntry] { entries.filter(\.change.isDestructive) }

    public func count(_ change: ImpactChange, _ kind: ImpactKind? = nil) -> Int {
        entries.filter { $0.change == change && (kind == nil || $0.kind == kind) }.count
    }

    /// "removes 3 sandbox-only flows; overwrites 2 flows changed in the sandbox", or that the
    /// sandbox loses nothing.
    public var summary: String {
        var parts: [String] = []
        for kind in kinds {
            let removed = count(.removed, kind)
            if removed > 0 { parts.append("removes \(removed) sandbox-only \(removed == 1 ? kind.singular : kind.plural)") }
        }
        for kind in kinds {
            let changed = count(.changed, kind)
            if changed > 0 { parts.append("overwrites \(changed) \(changed == 1 ? kind.singular : kind.plural) changed in the sandbox") }
        }
        guard !parts.isEmpty else {
            let added = count(.added)
            return "the sandbox loses nothing: \(count(.same)) object\(count(.same) == 1 ? "" : "s") unchanged\(added > 0 ? ", \(added) added from production" : "")"
        }
        let exempt = destructive.filter { $0.exemptBy != nil }.count
        return parts.joined(separator: "; ") + (exempt > 0 ? " (\(exempt) exempt by protection.exempt)" : "")
    }

    /// The lines `check` and `apply` print: destructive ones first, marked like `terraform plan`.
    public func lines(limit: Int = 50) -> [String] {
        let ordered = entries.filter(\.change.isDestructive).sorted { ($0.change == .removed ? 0 : 1, $0.kind, $0.name) < ($1.change == .removed ? 0 : 1, $1.kind, $1.name) }
        var lines = ordered.prefix(limit).map { entry -> String in
            let what = entry.change == .removed ? "sandbox only, the refresh deletes it" : "changed in the sandbox, production's copy replaces it"
            var line = "\(entry.change.mark) \(entry.kind.singular) \"\(entry.name)\" (\(what); \(entry.domain))"
            if let glob = entry.exemptBy { line += " exempt by \(glob)" }
            if let problem = entry.notRestorable { line += " not restorable: \(problem)" }
            return line
        }
        if ordered.count > limit { lines.append("… and \(ordered.count - limit) more in impact.json") }
        return lines
    }
}
