import GenesysClient
import GenesysWire

/// Trap 1: a full refresh without preserved users invalidates every sandbox session. Revoke the
/// tokens first, deliberately, and record whose.
enum SessionPreClearHandler {
    static func run(_ ctx: RunContext, _ state: inout RunState) async -> StepResult {
        do {
            let users = try await ctx.sandbox.fetchAll(.users, pageSize: 100, as: User.self)
            for user in users {
                _ = try await ctx.sandbox.send(Endpoint.revokeTokens(userId: user.id))
                state.revokedUserIds.append(user.id)
            }
            ctx.emit("sessions.cleared", step: "session-pre-clear", "revoked the tokens of \(users.count) sandbox users before the full refresh")
            return .success
        } catch {
            return .apiFailure(error)
        }
    }
}
