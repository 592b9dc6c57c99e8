import Executor
import Impact

/// report.html's "Impact" section: the summary, counts per kind, each object the sandbox lost
/// (or would have), the snapshot that kept it and what was put back. Names only, never values.
enum ImpactSectionHTML {
    static func render(_ state: RunState) -> String {
        guard let impact = state.impact else {
            return "<p>No impact was taken (a resumed run whose refresh was already submitted, or a plan without one).</p>"
        }
        var html = "<p><strong>\(ReportHTML.escape(impact.summary))</strong> (scope \(ReportHTML.code(impact.scope)), protection.onRisk \(ReportHTML.code(impact.protection.rawValue)); \(impact.listingRequests) listing pages, \(impact.objectReads) object reads)</p>"
        let counts = impact.kinds.map { kind in
            [ReportHTML.escape(kind.plural)] + ImpactChange.allCases.map { String(impact.count($0, kind)) }
        }
        html += ReportHTML.table(["Kind", "added", "same", "changed in sandbox", "sandbox only"], counts, numeric: [1, 2, 3, 4])
        let lost = impact.destructive.map { entry in
            [entry.change.mark, entry.kind.singular, entry.name, entry.domain, entry.exemptBy.map { "exempt (\($0))" } ?? (entry.notRestorable.map { "not restorable: \($0)" } ?? "")]
                .map(ReportHTML.escape)
        }
        if !lost.isEmpty { html += ReportHTML.table(["", "Kind", "Name", "Replaced by", "Note"], lost) }
        if let snapshot = state.snapshot {
            html += "<p>Snapshot: \(snapshot.objects.count) object(s) kept\(snapshot.encrypted ? ", sealed with AES-GCM" : "") in \(ReportHTML.code(snapshot.directory)).</p>"
        }
        if !state.restored.isEmpty {
            html += ReportHTML.table(["Restore", "Kind", "Name", "Detail"], state.restored.map { [$0.action.rawValue, $0.kind, $0.name, $0.detail ?? ""].map(ReportHTML.escape) })
        }
        return html
    }
}
