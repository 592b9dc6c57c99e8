import RefreshPlan

/// Which findings are printed: each once. A fleet's plans repeat their base's findings, and
/// nearly always the very list the previous plan had, which is recognised without hashing.
/// Files come one at a time, so a file's own findings are kept per file (one entry, not one hash
/// per finding) for when a later plan extends it.
public struct ReportedFindings {
    private var seen = Set<Diagnostic>()
    /// Files whose findings were reported through plans extending them.
    private var reachedAsBase = Set<String>()
    private var own: [String: ArraySlice<Diagnostic>] = [:]
    private var lastFromBase: [String: ArraySlice<Diagnostic>] = [:]

    /// Indices of `file`'s findings not reported before, in order. Findings come grouped by
    /// file (the plan's own first), as `PlanLoader` orders them.
    public init() {}

    public mutating func fresh(in file: PlanValidator.Checked) -> [Int] {
        let findings = file.diagnostics
        var fresh: [Int] = []
        var start = findings.startIndex
        while start < findings.endIndex {
            let name = findings[start].file
            var end = start + 1
            while end < findings.endIndex, findings[end].file == name { end += 1 }
            let group = findings[start..<end]
            if name == file.path {
                own[name] = group
                if reachedAsBase.contains(name) {
                    for index in start..<end where seen.insert(findings[index]).inserted { fresh.append(index) }
                } else {
                    fresh += start..<end
                }
            } else if let last = lastFromBase[name], last.elementsEqual(group) {
                // The previous plan extending this file reported exactly these.
            } else {
                reachedAsBase.insert(name)
                let printedAsOwn = own[name] ?? []
                for index in start..<end where !printedAsOwn.contains(findings[index]) && seen.insert(findings[index]).inserted {
                    fresh.append(index)
                }
                lastFromBase[name] = group
            }
            start = end
        }
        return fresh
    }
}

