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
        Pass(name: "impact", run: StepPasses.impact),
        Pass(name: "snapshot", run: StepPasses.snapshot),
        Pass(name: "session-pre-clear", run: StepPasses.sessionPreClear),
        Pass(name: "refresh", run: StepPasses.refreshChain),
        Pass(name: "gates", run: StepPasses.gates),
        Pass(name: "isolation", run: StepPasses.isolation),
        Pass(name: "scope-expansion", run: StepPasses.scopeExpansion),
        Pass(name: "finish", run: StepPasses.finish),
        Pass(name: "edges", run: StepPasses.edges),
    ]

    /// `diagnostics` are the plan's own warnings, carried into the preview.
    public static func compile(_ plan: Plan, diagnostics: [Diagnostic] = []) throws -> PlanGraph {
        try compile(plan, diagnostics: diagnostics, passes: passes)
    }

    /// With the passes given: tests replace one with a faulty version to prove `verify` catches it.
    static func compile(_ plan: Plan, diagnostics: [Diagnostic], passes: [Pass]) throws -> PlanGraph {
        var builder = GraphBuilder(plan: plan, diagnostics: diagnostics.filter { $0.severity != .error }.map(SettingsMapping.diagnostic))
        for pass in passes { pass.run(&builder) }
        let graph = PlanGraph(plan: plan, settings: SettingsMapping.run(plan), nodes: builder.nodes, edges: builder.edges, diagnostics: builder.diagnostics)
        try verify(graph)
        return graph
    }

    /// The plan's retry and circuit-breaker policy, for clients built before (or without) a graph.
    public static func clientPolicy(for plan: Plan) -> ClientPolicy {
        SettingsMapping.client(plan)
    }

    /// The tail every run ends with, walked in this order whatever happened before it.
    public static let tail = ["artifacts", "notify", "release"]

    /// Without its limited (loop) edges the graph must be a DAG; every node is reachable from the
    /// first; every step before the tail has a success edge and a failure edge, and the tail
    /// leads to `release` whether the run failed or not. A walk can then only end at `release`.
    static func verify(_ graph: PlanGraph) throws {
        let ids = graph.nodes.map(\.id)
        guard Set(ids).count == ids.count else { throw PlanGraphError(description: "duplicate step ids in \(ids)") }
        for edge in graph.edges where !ids.contains(edge.from) || !ids.contains(edge.to) {
            throw PlanGraphError(description: "edge \(edge.from) -> \(edge.to) names a missing step")
        }
        // First, so that a lost edge is named as such rather than as the steps it cut off.
        try verifyExits(graph)
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

    /// Each step has an edge for every result it can end with, so no walk reaches a dead end.
    static func verifyExits(_ graph: PlanGraph) throws {
        var missing: [String] = []
        for node in graph.nodes {
            let conditions = Set(graph.successors(of: node.id).map(\.condition))
            let required: [PlanEdge.Condition]
            switch node.id {
            case "release": required = []
            case "artifacts": required = [.runSucceeded, .runFailed]
            case "notify": required = [.success]
            default: required = [.success, .failure]
            }
            for condition in required where !conditions.contains(condition) {
                missing.append("\(node.id) has no '\(condition.label)' edge")
            }
        }
        for id in tail where !graph.contains(id) { missing.append("the tail step \(id) is missing") }
        guard missing.isEmpty else {
            throw PlanGraphError(description: "dead ends: \(missing.joined(separator: "; "))")
        }
    }
}
