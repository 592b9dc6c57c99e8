import RefreshPlan

/// The graph under construction, threaded through the compile passes.
struct GraphBuilder {
    let plan: Plan
    /// The scope-expansion loop's bound, computed once: the validate nodes carry it and the
    /// loop edge is drawn from it.
    let maxExpansions: Int
    var nodes: [PlanNode] = []
    var edges: [PlanEdge] = []
    var diagnostics: [GraphDiagnostic] = []

    init(plan: Plan, diagnostics: [GraphDiagnostic]) {
        self.plan = plan
        self.maxExpansions = SettingsMapping.maxExpansions(plan)
        self.diagnostics = diagnostics
    }

    mutating func add(_ node: PlanNode) {
        nodes.append(node)
    }

    mutating func connect(_ from: String, _ to: String, _ condition: PlanEdge.Condition = .success, limit: Int? = nil) {
        edges.append(PlanEdge(from, to, condition, limit: limit))
    }

    mutating func note(_ rule: String, _ message: String, severity: DiagnosticSeverity = .note) {
        diagnostics.append(GraphDiagnostic(severity: severity, code: rule, message: message, file: ""))
    }

    func has(_ id: String) -> Bool { nodes.contains { $0.id == id } }
}
