import ArgumentParser
import Foundation
import PIIScanner
import RefreshPlan

/// The plan's masking policy as `mask` and `scan` use it: rules for the engine, and the
/// `masking.hashKey` secret resolved. Errors name the plan, the rule or the variable, never a
/// value.
enum MaskingSetup {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func rules(_ policy: MaskingPolicy) -> [MaskingRuleSpec] {
        policy.rules.map { rule in
            let action: MaskAction
            switch rule.action {
            case .redact: action = .redact
            case .partial(let first, let last): action = .partial(keepFirst: first, keepLast: last)
            case .hash: action = .hash
            case .tokenize: action = .tokenize
            }
            return MaskingRuleSpec(object: rule.match.object, field: rule.match.field, dataTable: rule.match.dataTable, column: rule.match.column, action: action)
        }
    }

    /// The resolved `masking.hashKey`, or nil when the plan has none.
    static func hashKey(_ policy: MaskingPolicy, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String? {
        guard let secret = policy.hashKey else { return nil }
        do {
            return try SecretResolver(environment: environment, readFile: { try String(contentsOfFile: $0, encoding: .utf8) }).resolve(secret)
        } catch {
            throw Failure(description: "cannot resolve masking.hashKey (\(secret)): \(error)")
        }
    }

    /// A key given on the command line as `${env:NAME}`, `env:NAME`, `${file:PATH}` or
    /// `file:PATH`. A literal key is refused: it would sit in shell history and `ps` output.
    static func commandLineKey(_ text: String, option: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        let wrapped = text.hasPrefix("${") ? text : "${\(text)}"
        guard let secret = SecretValue.interpolation(wrapped) else {
            throw Failure(description: "\(option) takes env:NAME or file:PATH (a key written on the command line would leak into shell history and process listings)")
        }
        do {
            return try SecretResolver(environment: environment, readFile: { try String(contentsOfFile: $0, encoding: .utf8) }).resolve(secret)
        } catch {
            throw Failure(description: "\(option): \(error)")
        }
    }

    /// Loads a plan for its masking policy only; an invalid plan prints its diagnostics.
    static func policy(planPath: String) throws -> MaskingPolicy {
        let result = PlanLoader(environment: ProcessInfo.processInfo.environment).load(path: planPath)
        guard let plan = result.plan, !result.hasErrors else {
            if result.isAbstract, !result.hasErrors {
                throw Failure(description: "\(planPath): this plan is abstract (`abstract: true`); give the plan that extends it")
            }
            Terminal.error(DiagnosticRenderer.render(result.diagnostics, sources: result.sources, color: Terminal.useColor))
            throw Failure(description: "\(planPath): \(DiagnosticRenderer.summary(result.diagnostics))")
        }
        return plan.masking
    }
}
