import Foundation
import GenesysWire

/// `POST /oauth/token` as the login host answers it, and the token endpoints under /api/v2.
extension EmulatorState {
    mutating func handleLogin(_ context: inout RequestContext) -> Outcome {
        let credentials = Self.basicCredentials(context.headers)
        let client = credentials.flatMap { credentials in
            world.clients.first { $0.clientId == credentials.id && $0.clientSecret == credentials.secret }
        }
        context.callerName = client?.name
        if let client {
            context.caller = TokenStore.Record(organization: client.organization, clientId: client.clientId, userId: nil,
                                               issuedAt: context.now, expiresAt: context.now)
        }
        if let decision = faults.responseFault(method: context.method.rawValue, path: context.path, organization: client?.organization) {
            switch decision.kind {
            case .rateLimitBurst(_, let retryAfter):
                record(decision, context: context, moment: context.now, detail: "400 invalid_request rate limit exceeded")
                return finish(context, loginRateLimited(context, retryAfter: retryAfter), fault: decision)
            case .serviceUnavailableRun:
                record(decision, context: context, moment: context.now, detail: "503")
                return finish(context, Reply.serviceUnavailable(context), fault: decision)
            default:
                let response = login(client: client, credentialsPresent: credentials != nil, context)
                record(decision, context: context, moment: context.now, detail: "\(decision.kind.name) on login")
                return finish(context, response, fault: decision)
            }
        }
        return finish(context, login(client: client, credentialsPresent: credentials != nil, context), fault: nil)
    }

    private mutating func login(client: ClientDefinition?, credentialsPresent: Bool, _ context: RequestContext) -> WireResponse {
        guard credentialsPresent else {
            return Reply.oauthError(401, "invalid_client", "client authentication is required (HTTP Basic with client id and secret)", context)
        }
        guard let client else {
            return Reply.oauthError(401, "invalid_client", "client not found or client secret does not match", context)
        }
        let form = Self.form(context.body)
        guard form["grant_type"] == "client_credentials" else {
            return Reply.oauthError(400, "unsupported_grant_type", "grant_type must be client_credentials", context)
        }
        if let retryAfter = loginLimiter.admit(client.clientId, now: context.now) {
            return loginRateLimited(context, retryAfter: retryAfter)
        }
        let token = issueToken(organization: client.organization, clientId: client.clientId, userId: nil, now: context.now)
        return Reply.json(TokenResponse(accessToken: token, expiresIn: Int(tokenLifetime.seconds)), context)
    }

    private func loginRateLimited(_ context: RequestContext, retryAfter: Int) -> WireResponse {
        var response = Reply.oauthError(400, "invalid_request", "rate limit exceeded; retry in \(retryAfter) seconds", context)
        response.headers[WireHeader.retryAfter] = String(retryAfter)
        return response
    }

    func tokensMe(_ context: RequestContext) -> WireResponse {
        guard let caller = context.caller, let org = org(caller.organization) else { return Reply.notFound(context) }
        let entity = TokenInfo.NamedEntity(id: org.id, name: org.name)
        let client = caller.clientId.flatMap(client)
        let scopes = client?.scopes ?? ClientDefinition.guideScopes
        let oauth = client.map {
            TokenInfo.OAuthClient(id: $0.clientId, name: $0.name, authorizedGrantType: "CLIENT-CREDENTIALS", scope: $0.scopes, organization: entity)
        }
        return Reply.json(TokenInfo(organization: entity, authorizedScope: scopes, oAuthClient: oauth), context)
    }

    mutating func revokeMe(_ context: RequestContext) -> WireResponse {
        guard let token = Self.bearerToken(context.headers) else { return Reply.notFound(context) }
        tokens.invalidate(organization: nil, token: token, issuedUpTo: context.now, reason: "The access token was revoked.")
        return Reply.noContent(context)
    }

    /// Revokes every token of one user of the caller's organization (the session pre-clear).
    mutating func revokeUser(_ userId: String, _ context: RequestContext) -> WireResponse {
        guard let organization = context.organization, let org = org(organization),
              org.users.contains(where: { $0.id == userId }) || org.sessions.contains(where: { $0.userId == userId })
        else { return Reply.notFound(context, "User \(userId) not found") }
        tokens.invalidate(organization: organization, userId: userId, issuedUpTo: context.now, reason: "The access token was revoked.")
        updateOrg(organization) { $0.sessions.removeAll { $0.userId == userId } }
        return Reply.noContent(context)
    }

    static func basicCredentials(_ headers: WireHeaders) -> (id: String, secret: String)? {
        guard let value = headers["Authorization"] else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "basic",
              let data = Data(base64Encoded: String(parts[1]).trimmingCharacters(in: .whitespaces)),
              let text = String(data: data, encoding: .utf8), let colon = text.firstIndex(of: ":")
        else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }

    static func form(_ body: Data?) -> [String: String] {
        guard let body, let text = String(data: body, encoding: .utf8) else { return [:] }
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            // "=" alone splits into nothing: a field with an empty name, ignored.
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                .map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0) }
            guard let name = parts.first, !name.isEmpty else { continue }
            fields[name] = parts.count > 1 ? parts[1] : ""
        }
        return fields
    }
}
