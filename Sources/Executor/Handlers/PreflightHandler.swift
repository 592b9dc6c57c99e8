import GenesysClient
import PlanGraph

/// Both organizations authenticate, and each token's scopes cover what the plan needs. Every
/// missing scope is listed at once, so one fix suffices.
enum PreflightHandler {
    static func run(_ org: Organization, required: [String], _ ctx: RunContext) async -> StepResult {
        let info: GenesysWire.TokenInfo
        do {
            info = try await ctx.client(org).tokenInfo()
        } catch {
            return .failure(StepFailure(.preflightFailed, "\(org.rawValue) login or token check failed: \(error)"))
        }
        let granted = Set(info.authorizedScope ?? [])
        let missing = required.filter { !granted.contains($0) }
        guard missing.isEmpty else {
            return .failure(StepFailure(.preflightFailed, "the \(org.rawValue) OAuth client lacks scope\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")) (has: \(granted.sorted().joined(separator: ", ")))"))
        }
        if let refused = await IdentityGuard.verify(org, token: info, ctx) { return .failure(refused) }
        ctx.emit("preflight.ok", step: "preflight.\(org.rawValue)", "\(org.rawValue): authenticated as organization \(info.organization?.name ?? info.organization?.id ?? "?"), scopes ok")
        return .success
    }
}

import GenesysWire
