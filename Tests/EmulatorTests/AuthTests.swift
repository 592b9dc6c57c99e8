import EmulatorCore
import GenesysWire
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite struct AuthTests {
    @Test func clientCredentialsLoginAndTokensMe() async throws {
        let harness = Harness()
        let sandbox = harness.sandbox
        try await harness.test { client in
            let response = try await client.loginResponse(clientId: sandbox.clientId, secret: sandbox.clientSecret)
            #expect(response.status == .ok)
            #expect(response.headers[.correlationId] != nil)
            let token = try decode(TokenResponse.self, response)
            #expect(token.tokenType == "bearer")
            #expect(token.expiresIn == 86400)
            #expect(bodyText(response).contains("\"access_token\""))

            let me = try await client.get("/api/v2/tokens/me", token: token.accessToken)
            #expect(me.status == .ok)
            let info = try decode(TokenInfo.self, me)
            #expect(info.organization?.name == "sandbox-dev-01")
            #expect(info.organization?.id == sandbox.orgId)
            #expect(info.authorizedScope == ["sandbox:refresh", "sandbox:view", "architect:flow:view", "routing:queue:view", "admin"])
            #expect(info.oAuthClient?.id == sandbox.clientId)
        }
    }

    @Test func badCredentialsGetTheLoginHostErrorShape() async throws {
        let harness = Harness()
        try await harness.test { client in
            let response = try await client.loginResponse(clientId: harness.production.clientId, secret: "wrong")
            #expect(response.status == .unauthorized)
            let body = try decode(OAuthErrorBody.self, response)
            #expect(body.error == "invalid_client")
            #expect(body.errorDescription == body.description)

            let noAuth = try await client.execute(uri: "/oauth/token", method: .post, body: .init(string: "grant_type=client_credentials"))
            #expect(try decode(OAuthErrorBody.self, noAuth).error == "invalid_client")
        }
    }

    @Test func missingTokenGets401WithGenesysBodyAndCorrelationId() async throws {
        try await Harness().test { client in
            let response = try await client.get("/api/v2/routing/queues", token: nil)
            #expect(response.status == .unauthorized)
            let body = try decode(ErrorBody.self, response)
            #expect(body.code == "not.authorized")
            #expect(body.status == 401)
            #expect(body.contextId == response.headers[.correlationId])
            #expect(body.contextId?.count == 36)
            #expect(response.headers[.contentType] == "application/json")

            let invalid = try await client.get("/api/v2/routing/queues", token: "nope")
            #expect(invalid.status == .unauthorized)
            #expect(try decode(ErrorBody.self, invalid).message == "Invalid login credentials.")
        }
    }

    @Test func unknownPathIs404NotFound() async throws {
        let harness = Harness()
        try await harness.test { client in
            let token = try await client.login(harness.production)
            let response = try await client.get("/api/v2/nothing/here", token: token)
            #expect(response.status == .notFound)
            let body = try decode(ErrorBody.self, response)
            #expect(body.code == "not.found")
            #expect(body.contextId == response.headers[.correlationId])
        }
    }

    @Test func revokingMeAndAUsersTokens() async throws {
        let harness = Harness()
        let session = try #require(harness.emulator.userSessions(organization: "sandbox-dev-01").first)
        try await harness.test { client in
            let token = try await client.login(harness.sandbox)
            #expect(try await client.get("/api/v2/users", token: session.token).status == .ok)
            #expect(try await client.call(.delete, "/api/v2/tokens/\(session.userId)", token: token).status == .noContent)
            #expect(try await client.get("/api/v2/users", token: session.token).status == .unauthorized)
            #expect(try await client.call(.delete, "/api/v2/tokens/unknown-user", token: token).status == .notFound)

            #expect(try await client.call(.delete, "/api/v2/tokens/me", token: token).status == .noContent)
            #expect(try await client.get("/api/v2/tokens/me", token: token).status == .unauthorized)
        }
        #expect(!harness.emulator.userSessions(organization: "sandbox-dev-01").contains(session))
    }

    @Test func aClientWithoutSandboxRefreshScopeIsRefused403() async throws {
        let harness = Harness()
        let limited = try #require(harness.emulator.addClient(organization: "sandbox-dev-01", scopes: ["sandbox:view"]))
        try await harness.test { client in
            let token = try await client.login(limited)
            let me = try decode(TokenInfo.self, try await client.get("/api/v2/tokens/me", token: token))
            #expect(me.authorizedScope == ["sandbox:view"])
            #expect(try await client.get(refreshesPath(), token: token).status == .ok)
            let submit = try await client.call(.post, refreshesPath(), token: token, json: RefreshRequest(scope: "ROUTING", description: "x", preserveSandboxUsers: true))
            #expect(submit.status == .forbidden)
            #expect(try decode(ErrorBody.self, submit).code == "missing.permissions")
        }
        #expect(harness.emulator.submissions(sandboxId: "sandbox-dev-01").isEmpty)
    }

    @Test func tokensExpireAfterTheirLifetime() async throws {
        let harness = Harness()
        try await harness.test { client in
            let token = try await client.login(harness.production)
            harness.clock.advance(by: .seconds(86399))
            #expect(try await client.get("/api/v2/tokens/me", token: token).status == .ok)
            harness.clock.advance(by: .seconds(1))
            let expired = try await client.get("/api/v2/tokens/me", token: token)
            #expect(expired.status == .unauthorized)
            #expect(try decode(ErrorBody.self, expired).message.contains("expired"))
        }
    }
}
