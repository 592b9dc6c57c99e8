import GenesysClient
import PlanGraph
import RefreshPlan

/// Edge case 1: production gained routing objects the sandbox lacks. Counts are compared with
/// `pageSize=1` and `total`; drift with ROUTING outside the scope expands it (or warns, or fails).
enum DependencyScanHandler {
    static func run(_ policy: DependencyScanPolicy, _ ctx: RunContext, _ state: inout RunState) async -> StepResult {
        var drifted: [String] = []
        for kind in policy.compare {
            let listing = StepRequests.listing(for: kind)
            do throws(APIError) {
                let prod = try await ctx.production.count(listing)
                let sandbox = try await ctx.sandbox.count(listing)
                state.drift[kind.rawValue] = [prod, sandbox]
                if prod != sandbox { drifted.append("\(kind.rawValue) \(sandbox) in sandbox vs \(prod) in production") }
            } catch {
                return .apiFailure(error)
            }
        }
        guard !drifted.isEmpty else {
            ctx.emit("scan.clean", step: "dependency-scan", "no drift: \(policy.compare.map(\.rawValue).joined(separator: ", ")) counts match")
            return .success
        }
        let routingDrift = drifted.contains { $0.hasPrefix("queues") || $0.hasPrefix("skills") }
        let summary = drifted.joined(separator: "; ")
        if state.effectiveScope.contains(.ROUTING) || !routingDrift {
            ctx.emit("scan.drift", step: "dependency-scan", "drift (\(summary)); the scope already covers it")
            return .success
        }
        switch policy.onDrift {
        case .expandScope:
            state.effectiveScope = state.effectiveScope.adding([.ROUTING])
            state.expansionReasons.append("dependency scan: \(summary)")
            ctx.emit("scope.expanded", step: "dependency-scan", "drift (\(summary)): adding ROUTING, scope is now \(state.effectiveScope.wireValue)", level: .warning)
            return .success
        case .warn:
            ctx.emit("scan.drift", step: "dependency-scan", "drift (\(summary)) and ROUTING is not in scope: flows may reference missing queues (onDrift: warn)", level: .warning)
            return .success
        case .fail:
            return .failure(StepFailure(.validationGateFailed, "dependency scan found drift (\(summary)) and dependencyScan.onDrift is 'fail'"))
        }
    }
}
