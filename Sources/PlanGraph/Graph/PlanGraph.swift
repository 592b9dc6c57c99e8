import RefreshPlan

/// The compiled, immutable plan: one node per step and explicit edges. `plan` walks it to show
/// what would be sent; `apply` walks it to send it. Every setting a step acts on is on its node
/// (run-wide ones in `settings`), so the executor needs nothing else.
public struct PlanGraph: Sendable, Hashable, Codable {
    /// The plan it was compiled from, for PlanGraph's own renderers (`plan`, `plan --json`)
    /// only: it is not part of what the executor sees.
    let plan: Plan
    /// Run-wide settings: plan name, sandbox id, artifacts directory, client policy.
    public var settings: RunSettings
    /// Nodes in the order the steps run.
    public var nodes: [PlanNode]
    public var edges: [PlanEdge]
    /// Warnings and notes the plan carried (rule codes from plan validation) and the compiler added.
    public var diagnostics: [GraphDiagnostic]

    init(plan: Plan, settings: RunSettings, nodes: [PlanNode], edges: [PlanEdge], diagnostics: [GraphDiagnostic]) {
        self.plan = plan
        self.settings = settings
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

    public var submitScope: RefreshScope {
        for node in nodes { if case .submit(.primary, let submit) = node.step { return submit.scope } }
        return settings.scope
    }

    public var expandedScope: RefreshScope? {
        for node in nodes { if case .submit(.expansion, let submit) = node.step { return submit.scope } }
        return nil
    }
}
