import RefreshPlan

public struct PlanGraphError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String
}

/// Compiles a validated plan into a `PlanGraph` by an ordered list of small passes, then checks
/// that the result has no cycle and no unreachable node.
public enum PlanCompiler {
    struct Pass {
        let name: String
        let run: @Sendable (inout GraphBuilder) -> Void
    }

    static let passes: [Pass] = [
        Pass(name: "preflight", run: StepPasses.preflight),
        Pass(name: "lock", run: StepPasses.lock),
        Pass(name: "dependency-scan", run: StepPasses.dependencyScan),
        Pass(name: "session-pre-clear", run: StepPasses.sessionPreClear),
        Pass(name: "refresh", run: StepPasses.refreshChain),
        Pass(name: "gates", run: StepPasses.gates),
        Pass(name: "scope-expansion", run: StepPasses.scopeExpansion),
        Pass(name: "finish", run: StepPasses.finish),
        Pass(name: "edges", run: StepPasses.edges),
    ]

    /// `diagnostics` are the plan's own warnings, carried into the preview.
    public static func compile(_ plan: Plan, diagnostics: [Diagnostic] = []) throws -> PlanGraph {
        var builder = GraphBuilder(plan: plan, diagnostics: diagnostics.filter { $0.severity != .error })
        for pass in passes { pass.run(&builder) }
        let graph = PlanGraph(plan: plan, nodes: builder.nodes, edges: builder.edges, diagnostics: builder.diagnostics)
        try verify(graph)
        return graph
    }

    /// Without its limited (loop) edges the graph must be a DAG; every node is reachable from the first.
    static func verify(_ graph: PlanGraph) throws {
        let ids = graph.nodes.map(\.id)
        guard Set(ids).count == ids.count else { throw PlanGraphError(description: "duplicate step ids in \(ids)") }
        for edge in graph.edges where !ids.contains(edge.from) || !ids.contains(edge.to) {
            throw PlanGraphError(description: "edge \(edge.from) -> \(edge.to) names a missing step")
        }
        var state: [String: Int] = [:]  // 1 visiting, 2 done
        func visit(_ id: String, _ path: [String]) throws {
            if state[id] == 2 { return }
            if state[id] == 1 { throw PlanGraphError(description: "cycle: \((path + [id]).joined(separator: " -> "))") }
            state[id] = 1
            // Limited edges are the bounded loops; without them the graph must be acyclic.
            for edge in graph.successors(of: id) where edge.limit == nil { try visit(edge.to, path + [id]) }
            state[id] = 2
        }
        guard let first = ids.first else { throw PlanGraphError(description: "empty graph") }
        try visit(first, [])
        var reached = Set(state.keys)
        var frontier = Array(reached)
        while let id = frontier.popLast() {
            for edge in graph.successors(of: id) where reached.insert(edge.to).inserted { frontier.append(edge.to) }
        }
        let unreachable = ids.filter { !reached.contains($0) }
        guard unreachable.isEmpty else {
            throw PlanGraphError(description: "unreachable steps: \(unreachable.joined(separator: ", "))")
        }
    }
}
