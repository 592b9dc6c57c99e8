import RefreshPlan

/// The graph under construction, threaded through the compile passes.
struct GraphBuilder {
    let plan: Plan
    var nodes: [PlanNode] = []
    var edges: [PlanEdge] = []
    var diagnostics: [Diagnostic] = []

    init(plan: Plan, diagnostics: [Diagnostic]) {
        self.plan = plan
        self.diagnostics = diagnostics
    }

    mutating func add(_ node: PlanNode) {
        nodes.append(node)
    }

    mutating func connect(_ from: String, _ to: String, _ condition: PlanEdge.Condition = .success, limit: Int? = nil) {
        edges.append(PlanEdge(from, to, condition, limit: limit))
    }

    mutating func note(_ rule: String, _ message: String, severity: Severity = .note) {
        diagnostics.append(Diagnostic(severity: severity, code: rule, message: message, file: "", mark: nil))
    }

    func has(_ id: String) -> Bool { nodes.contains { $0.id == id } }
}
