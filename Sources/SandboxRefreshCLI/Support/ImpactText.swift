import Impact
import PlanGraph

/// The impact as `check` and `apply` print it: the summary first, then one line per kind, then
/// each object the sandbox loses, marked like `terraform plan` (`-` destroyed, `~` overwritten).
enum ImpactText {
    static func render(_ impact: ImpactReport, style: Style, limit: Int = 50) -> [String] {
        let lossy = !impact.destructive.isEmpty
        var out = [style.bold("Impact") + " (scope \(impact.scope), protection.onRisk \(impact.protection.rawValue))",
                   "  " + (lossy ? style.red("the refresh \(impact.summary)") : style.green(impact.summary))]
        for kind in impact.kinds {
            let counts = ImpactChange.allCases.compactMap { change -> String? in
                let n = impact.count(change, kind)
                return n == 0 ? nil : "\(n) \(label(change))"
            }
            out.append("  \(kind.plural.padding(toLength: 16, withPad: " ", startingAt: 0)) \(counts.isEmpty ? "none" : counts.joined(separator: ", "))")
        }
        for line in impact.lines(limit: limit) {
            out.append("  " + (line.hasPrefix("-") ? style.red(line) : line.hasPrefix("~") ? style.yellow(line) : line))
        }
        out.append(style.dim("  \(impact.listingRequests) listing page(s) and \(impact.objectReads) object read(s)"))
        return out
    }

    static func label(_ change: ImpactChange) -> String {
        switch change {
        case .added: return "added"
        case .same: return "unchanged"
        case .changed: return "changed in the sandbox"
        case .removed: return "sandbox only"
        }
    }
}
