import RefreshPlan

/// The compiled, immutable plan: one node per step and explicit edges. `plan` walks it to show
/// what would be sent; `apply` walks it to send it.
public struct PlanGraph: Sendable, Hashable, Codable {
    public var plan: Plan
    /// Nodes in the order the steps run.
    public var nodes: [PlanNode]
    public var edges: [PlanEdge]
    /// Warnings and notes the plan carried (rule codes from plan validation) and the compiler added.
    public var diagnostics: [Diagnostic]

    public init(plan: Plan, nodes: [PlanNode], edges: [PlanEdge], diagnostics: [Diagnostic]) {
        self.plan = plan
        self.nodes = nodes
        self.edges = edges
        self.diagnostics = diagnostics
    }

    public func node(_ id: String) -> PlanNode? {
        nodes.first { $0.id == id }
    }

    public func contains(_ id: String) -> Bool { node(id) != nil }

    public func successors(of id: String) -> [PlanEdge] {
        edges.filter { $0.from == id }
    }

    /// The success-path order of the primary chain (expansion branch left out).
    public var mainPath: [PlanNode] {
        nodes.filter {
            switch $0.step {
            case .submit(.expansion, _), .poll(.expansion, _), .validateFlows(.expansion, _), .notify: return false
            default: return true
            }
        }
    }

    public var expansionBranch: [PlanNode] {
        nodes.filter {
            switch $0.step {
            case .submit(.expansion, _), .poll(.expansion, _), .validateFlows(.expansion, _): return true
            default: return false
            }
        }
    }

    public var submitScope: Scope {
        for node in nodes { if case .submit(.primary, let scope) = node.step { return scope } }
        return plan.refresh.scope
    }

    public var expandedScope: Scope? {
        for node in nodes { if case .submit(.expansion, let scope) = node.step { return scope } }
        return nil
    }
}
