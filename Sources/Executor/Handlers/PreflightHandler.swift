import GenesysClient
import GenesysWire
import PlanGraph

/// Both organizations authenticate, and each token's scopes cover what the plan needs. Every
/// missing scope is listed at once, so one fix suffices.
enum PreflightHandler {
    static func run(_ settings: PreflightSettings, _ ctx: RunContext) async -> StepResult {
        let org = settings.organization
        let info: GenesysWire.TokenInfo
        do {
            info = try await ctx.client(org).tokenInfo()
        } catch {
            guard Self.isCredentialProblem(error) else {
                // A 429 or 503 storm, a network failure or an open breaker says nothing about the
                // credentials: it is the platform failing, reported as such (exit 10).
                return .failure(StepFailure(.apiError, "\(org.rawValue) token check failed, not because of the credentials: \(error)"))
            }
            return .failure(StepFailure(.preflightFailed, "\(org.rawValue) login or token check failed (credentials or scopes): \(error)"))
        }
        let granted = Set(info.authorizedScope ?? [])
        let missing = settings.requiredScopes.filter { !granted.contains($0) }
        guard missing.isEmpty else {
            return .failure(StepFailure(.preflightFailed, "the \(org.rawValue) OAuth client lacks scope\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")) (has: \(granted.sorted().joined(separator: ", ")))"))
        }
        if let refused = await IdentityGuard.verify(settings, token: info, ctx) { return .failure(refused) }
        ctx.emit("preflight.ok", step: "preflight.\(org.rawValue)", "\(org.rawValue): authenticated as organization \(info.organization?.name ?? info.organization?.id ?? "?"), scopes ok")
        return .success
    }

    /// Only the platform refusing *who* we are is a preflight failure: a refused client id or
    /// secret, a login that answered no token, a 400/401/403 from the token check.
    static func isCredentialProblem(_ error: APIError) -> Bool {
        switch error.reason {
        case .invalidClient, .unauthorized, .loginFailed:
            return true
        case .notRetryable(let status):
            return status == 400 || status == 401 || status == 403
        default:
            return false
        }
    }
}
