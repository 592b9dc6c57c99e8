import Foundation
import PlanGraph
import RefreshPlan

/// A plan loaded and compiled: the typed plan (for the composition: credentials, network,
/// emulator), its graph (for the executor and the previews) and what loading found.
public struct CompiledPlan: Sendable {
    public var plan: Plan
    public var graph: PlanGraph
    public var result: PlanLoadResult

    /// The digests of every source the plan came from, for `plan --out`.
    public var digests: [PlanDocument.SourceDigest] {
        result.sources.map { PlanDocument.SourceDigest(path: $0.path, sha256: SavedPlan.sha256(Data($0.text.utf8))) }
    }

    /// The same plan compiled again after a change (an emulator's URLs and credentials).
    public func recompiled(_ change: (Plan) -> Plan) throws -> CompiledPlan {
        let changed = change(plan)
        return CompiledPlan(plan: changed, graph: try PlanCompiler.compile(changed, diagnostics: result.diagnostics), result: result)
    }
}

/// Plan input for every command that runs a plan: load (with `extends`), validate, compile.
public enum PlanSource {
    /// Why a plan cannot be run; the caller renders it (`diagnostics` as `validate` does).
    public enum Failure: Error, Sendable {
        /// `abstract: true`: a base for other plans, not a plan to run.
        case abstract(path: String)
        case diagnostics(PlanLoadResult)
        case invalidGraph(path: String, message: String)
    }

    public static func compile(path: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(Failure) -> CompiledPlan {
        let result = PlanLoader(environment: environment).load(path: path)
        if result.isAbstract, !result.hasErrors { throw .abstract(path: path) }
        guard !result.hasErrors, let plan = result.plan else { throw .diagnostics(result) }
        do {
            return CompiledPlan(plan: plan, graph: try PlanCompiler.compile(plan, diagnostics: result.diagnostics), result: result)
        } catch {
            throw .invalidGraph(path: path, message: "\(error)")
        }
    }
}
