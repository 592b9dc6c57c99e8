import GenesysClient
import GenesysWire
import PlanGraph

/// Pointing a refresh at the wrong organization is the costliest mistake there is: before any
/// side effect, each set of credentials must resolve (`organizations/me`, cross-checked with
/// `tokens/me`) to the organization the plan pins, if it pins one, and the sandbox credentials
/// must never resolve to the production organization.
public enum IdentityGuard {
    /// What one set of credentials resolved to.
    public struct Identity: Sendable, Hashable, Codable {
        public var id: String
        public var name: String?

        public init(id: String, name: String?) {
            self.id = id
            self.name = name
        }

        public var text: String { "\(name.map { "'\($0)' " } ?? "")(id \(id))" }
    }

    /// `organizations/me`, and a refusal when `tokens/me` names another organization.
    public static func identify(_ client: GenesysClient, token: TokenInfo?) async throws(StepFailure) -> Identity {
        let info: OrganizationInfo
        do {
            info = try await client.organizationInfo()
        } catch {
            throw classify(error, what: "\(client.name) organizations/me")
        }
        if let tokenOrg = token?.organization?.id, tokenOrg.caseInsensitiveCompare(info.id) != .orderedSame {
            throw StepFailure(.preflightFailed, "refusing to run: the \(client.name) token belongs to organization \(tokenOrg) but organizations/me answers \(info.id)")
        }
        return Identity(id: info.id, name: info.name)
    }

    /// A pin the organization does not match, in words; nil when it matches or nothing is pinned.
    public static func pinProblem(_ org: Organization, _ identity: Identity, expected: OrganizationPin?) -> String? {
        guard let expected else { return nil }
        var wrong: [String] = []
        if let id = expected.id, id.caseInsensitiveCompare(identity.id) != .orderedSame { wrong.append("id \(id)") }
        if let name = expected.name, name != identity.name { wrong.append("name '\(name)'") }
        guard !wrong.isEmpty else { return nil }
        return "refusing to run: the \(org.rawValue) credentials resolve to organization \(identity.text), but the plan pins \(org.rawValue).organization to \(wrong.joined(separator: " and "))"
    }

    /// The sandbox credentials resolving to production (by identity, or to production's pin).
    public static func crossProblem(production: Identity, sandbox: Identity, productionPin: OrganizationPin?) -> String? {
        if production.id.caseInsensitiveCompare(sandbox.id) == .orderedSame {
            return "refusing to run: the production and sandbox credentials both resolve to organization \(sandbox.text); the sandbox credentials must belong to the sandbox organization, never to production"
        }
        if let pinned = productionPin?.id, pinned.caseInsensitiveCompare(sandbox.id) == .orderedSame {
            return "refusing to run: the sandbox credentials resolve to the production organization \(sandbox.text) (production.organization.id)"
        }
        if let pinned = productionPin?.name, pinned == sandbox.name {
            return "refusing to run: the sandbox credentials resolve to an organization named like production ('\(pinned)', production.organization.name)"
        }
        return nil
    }

    /// The preflight step's identity check for `org`; the sandbox step also compares with production.
    static func verify(_ settings: PreflightSettings, token: TokenInfo, _ ctx: RunContext) async -> StepFailure? {
        let org = settings.organization
        do throws(StepFailure) {
            let own = try await identify(ctx.client(org), token: token)
            if let problem = pinProblem(org, own, expected: settings.expected) {
                return StepFailure(.preflightFailed, problem)
            }
            if org == .sandbox {
                let production = try await identify(ctx.production, token: nil)
                if let problem = crossProblem(production: production, sandbox: own, productionPin: settings.productionPin) {
                    return StepFailure(.preflightFailed, problem)
                }
            }
            ctx.emit("identity.ok", step: "preflight.\(org.rawValue)", "\(org.rawValue) credentials resolve to organization \(own.text)\(org == .sandbox ? ", not production's" : "")",
                     fields: ["organizationId": own.id])
            return nil
        } catch {
            return error
        }
    }

    /// 401/403 are about the credentials (preflight); anything else the API failing (api-error).
    static func classify(_ error: APIError, what: String) -> StepFailure {
        if let status = error.status, status == 401 || status == 403 {
            return StepFailure(.preflightFailed, "\(what) refused the credentials: \(error)")
        }
        return StepFailure(.apiError, "\(what) failed: \(error)")
    }
}
