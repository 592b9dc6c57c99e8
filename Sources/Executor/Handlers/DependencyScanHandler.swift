import GenesysClient
import PlanGraph

/// Edge case 1: production gained routing objects the sandbox lacks. Counts are compared with
/// `pageSize=1` and `total`; drift with ROUTING outside the scope expands it (or warns, or fails).
enum DependencyScanHandler {
    static func run(_ policy: DependencyScanSettings, _ ctx: RunContext, _ state: inout RunState) async -> StepResult {
        var drifted: [(kind: ScannedKind, text: String)] = []
        for kind in policy.compare {
            let listing = StepRequests.listing(for: kind)
            do throws(APIError) {
                let prod = try await ctx.production.count(listing)
                let sandbox = try await ctx.sandbox.count(listing)
                state.drift[kind.rawValue] = [prod, sandbox]
                if prod != sandbox { drifted.append((kind, "\(kind.rawValue) \(sandbox) in sandbox vs \(prod) in production")) }
            } catch {
                return .apiFailure(error)
            }
        }
        guard !drifted.isEmpty else {
            ctx.emit("scan.clean", step: "dependency-scan", "no drift: \(policy.compare.map(\.rawValue).joined(separator: ", ")) counts match")
            return .success
        }
        let summary = drifted.map(\.text).joined(separator: "; ")
        // Drift in a kind whose domain this refresh copies is synced by the refresh itself;
        // only drift outside the scope leaves the sandbox referencing what it lacks.
        let uncovered = drifted.filter { !state.effectiveScope.contains($0.kind.domain) }
        guard !uncovered.isEmpty else {
            ctx.emit("scan.drift", step: "dependency-scan", "drift (\(summary)); the scope \(state.effectiveScope.wireValue) copies it")
            return .success
        }
        let outside = uncovered.map(\.text).joined(separator: "; ")
        switch policy.onDrift {
        case .expandScope:
            let add = policy.expansion(forDriftIn: uncovered.map(\.kind))
            let before = state.effectiveScope
            state.effectiveScope = state.effectiveScope.adding(add)
            guard state.effectiveScope != before else {
                ctx.emit("scan.drift", step: "dependency-scan", "drift (\(outside)); the expansion adds nothing new (\(add.map(\.rawValue).joined(separator: ", ")) already in scope)", level: .warning)
                return .success
            }
            state.expansionReasons.append("dependency scan: \(outside)")
            ctx.emit("scope.expanded", step: "dependency-scan", "drift (\(outside)): adding \(add.map(\.rawValue).joined(separator: ", ")), scope is now \(state.effectiveScope.wireValue)", level: .warning,
                     fields: ["added": add.map(\.rawValue).joined(separator: ","), "scope": state.effectiveScope.wireValue])
            return .success
        case .warn:
            ctx.emit("scan.drift", step: "dependency-scan", "drift (\(outside)) outside the scope \(state.effectiveScope.wireValue): the sandbox may reference objects it lacks (onDrift: warn)", level: .warning)
            return .success
        case .fail:
            return .failure(StepFailure(.validationGateFailed, "dependency scan found drift outside the scope \(state.effectiveScope.wireValue) (\(outside)) and dependencyScan.onDrift is 'fail'"))
        }
    }
}
