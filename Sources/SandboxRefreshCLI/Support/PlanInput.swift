import ArgumentParser
import Executor
import Foundation
import RefreshPlan
import RunAssembly

/// A plan loaded and compiled for a command, its problems printed the way `validate` does.
enum PlanInput {
    static func compile(path: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> CompiledPlan {
        do {
            return try PlanSource.compile(path: path, environment: environment)
        } catch {
            report(error)
            throw ExitCode(RunOutcome.invalidPlan.exitCode)
        }
    }

    static func report(_ failure: PlanSource.Failure) {
        switch failure {
        case .abstract(let path):
            Terminal.error("\(path): error: this plan is abstract (`abstract: true`): it is a base for other plans to extend, not a plan to run")
        case .diagnostics(let result):
            Terminal.error(DiagnosticRenderer.render(result.diagnostics, sources: result.sources, color: Terminal.useColor))
            Terminal.error(DiagnosticRenderer.summary(result.diagnostics))
        case .invalidGraph(let path, let message):
            Terminal.error("\(path): error: the plan compiles to an invalid graph: \(message)")
        }
    }
}
