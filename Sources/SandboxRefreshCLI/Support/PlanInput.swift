import ArgumentParser
import Foundation
import PlanGraph
import RefreshPlan

/// Loads and compiles a plan for a command, printing diagnostics the way `validate` does.
enum PlanInput {
    struct Compiled {
        /// The plan as loaded: the graph keeps only what the run acts on.
        var plan: Plan
        var graph: PlanGraph
        var result: PlanLoadResult
    }

    static func compile(path: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Compiled {
        let result = PlanLoader(environment: environment).load(path: path)
        let color = Terminal.useColor
        if result.isAbstract, !result.hasErrors {
            Terminal.error("\(path): error: this plan is abstract (`abstract: true`): it is a base for other plans to extend, not a plan to run")
            throw ExitCode(2)
        }
        if result.hasErrors || result.plan == nil {
            Terminal.error(DiagnosticRenderer.render(result.diagnostics, sources: result.sources, color: color))
            Terminal.error(DiagnosticRenderer.summary(result.diagnostics))
            throw ExitCode(2)
        }
        do {
            return Compiled(plan: result.plan!, graph: try PlanCompiler.compile(result.plan!, diagnostics: result.diagnostics), result: result)
        } catch {
            Terminal.error("\(path): error: the plan compiles to an invalid graph: \(error)")
            throw ExitCode(2)
        }
    }

    static func digests(_ result: PlanLoadResult) -> [PlanDocument.SourceDigest] {
        result.sources.map { PlanDocument.SourceDigest(path: $0.path, sha256: SavedPlan.sha256(Data($0.text.utf8))) }
    }
}
