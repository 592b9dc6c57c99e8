import EmulatorCore
import GenesysWire
import HummingbirdTesting
import Testing

@Suite struct RateLimitTests {
    @Test func perClientLimitAnswers429WithRetryAfterAndTheNormalisedBody() async throws {
        let harness = Harness(rateLimit: 5)
        try await harness.test { client in
            let token = try await client.login(harness.production)
            for second in 0..<5 {
                #expect(try await client.get("/api/v2/routing/queues", token: token).status == .ok)
                harness.clock.advance(by: .seconds(second == 0 ? 20 : 1))
            }
            // Five requests at t = 0, 20, 21, 22, 23; the window frees up at t = 60.
            let limited = try await client.get("/api/v2/routing/queues", token: token)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.retryAfter] == "36")
            let body = try decode(ErrorBody.self, limited)
            #expect(body.message == "Rate limit exceeded the maximum. Retry the request in [36] seconds")
            #expect(body.code == "too.many.requests.retry.after")
            #expect(body.status == 429)
            #expect(body.contextId == limited.headers[.correlationId])
            #expect(body.details == [] && body.errors == [])

            // Another client has its own budget.
            let other = try await client.login(harness.sandbox)
            #expect(try await client.get("/api/v2/routing/queues", token: other).status == .ok)

            harness.clock.advance(by: .seconds(36))
            #expect(try await client.get("/api/v2/routing/queues", token: token).status == .ok)
        }
    }

    @Test func tokenEndpointRateLimitIs400InvalidRequest() async throws {
        let harness = Harness(tokenRequestsPerMinute: 2)
        try await harness.test { client in
            _ = try await client.login(harness.production)
            _ = try await client.login(harness.production)
            let limited = try await client.loginResponse(clientId: harness.production.clientId, secret: harness.production.clientSecret)
            #expect(limited.status == .badRequest)
            let body = try decode(OAuthErrorBody.self, limited)
            #expect(body.error == "invalid_request")
            #expect(body.isRateLimit)
        }
    }
}
