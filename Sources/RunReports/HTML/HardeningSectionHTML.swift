import Executor
import GenesysWire

/// report.html's "Hardening" section: each object the hardening steps looked at, what they did
/// and its before and after. Credential fields are `***` in the state already; nothing else the
/// record holds is secret (config values and registrars are the plan's sandbox values).
enum HardeningSectionHTML {
    static func render(_ state: RunState) -> String {
        guard !state.hardening.isEmpty else {
            return "<p>Nothing was hardened (a plan without <code>harden</code>, or a run that ended before it).</p>"
        }
        let changed = state.hardening.filter { $0.action == .changed }.count
        var html = "<p><strong>\(changed) object(s) changed</strong>, \(state.hardening.count - changed) already as the plan asks, allowed or already written.</p>"
        let rows = state.hardening.map { object in
            [object.step, object.kind, object.name, object.action.rawValue, text(object.before), text(object.after)].map(ReportHTML.escape)
        }
        html += ReportHTML.table(["Step", "Kind", "Name", "Action", "Before", "After"], rows)
        return html
    }

    static func text(_ value: JSONValue?) -> String {
        guard let value else { return "" }
        return String(decoding: WireCoding.encode(value), as: UTF8.self)
    }
}
