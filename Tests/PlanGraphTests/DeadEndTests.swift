import Foundation
@testable import PlanGraph
import RefreshPlan
import Testing

/// A compiler pass that loses an edge must fail the compile, not become a walk that ends in a
/// false success (the run-time side is in ExecutorTests' DeadEndWalkTests).
@Suite("dead ends in the plan graph")
struct DeadEndTests {
    /// The compiler's passes, with the edges pass followed by `mutation`.
    static func passes(mutating mutation: @escaping @Sendable (inout GraphBuilder) -> Void) -> [PlanCompiler.Pass] {
        PlanCompiler.passes.map { pass in
            guard pass.name == "edges" else { return pass }
            return PlanCompiler.Pass(name: "edges (mutated)") { builder in
                pass.run(&builder)
                mutation(&builder)
            }
        }
    }

    @Test(arguments: [
        ("lock", PlanEdge.Condition.success, "lock has no 'ok' edge"),
        ("poll.primary", .failure, "poll.primary has no 'fails' edge"),
        ("artifacts", .runSucceeded, "artifacts has no 'run ok' edge"),
        ("artifacts", .runFailed, "artifacts has no 'run failed' edge"),
    ])
    func aPassThatDropsAnEdgeFailsTheCompile(from: String, condition: PlanEdge.Condition, expected: String) throws {
        let (plan, _) = try Fixture.load("specs/dev.yaml")
        let faulty = Self.passes { builder in builder.edges.removeAll { $0.from == from && $0.condition == condition } }
        do {
            _ = try PlanCompiler.compile(plan, diagnostics: [], passes: faulty)
            Issue.record("a graph without \(from)'s '\(condition.label)' edge compiled")
        } catch {
            #expect("\(error)".contains(expected), "\(error)")
        }
    }

    @Test func theUnmutatedPassesCompileEverySpec() throws {
        for spec in ["specs/dev.yaml", "specs/qa.yaml", "specs/compliance-audit.yaml"] {
            let (plan, _) = try Fixture.load(spec)
            let graph = try PlanCompiler.compile(plan, diagnostics: [], passes: Self.passes { _ in })
            try PlanCompiler.verifyExits(graph)
        }
    }

    @Test func aMissingTailStepIsRejected() throws {
        var graph = try Fixture.compile("specs/dev.yaml")
        graph.nodes.removeAll { $0.id == "notify" }
        graph.edges.removeAll { $0.to == "notify" || $0.from == "notify" }
        #expect(throws: PlanGraphError.self) { try PlanCompiler.verifyExits(graph) }
    }
}
