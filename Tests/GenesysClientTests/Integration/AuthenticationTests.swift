import Foundation
@testable import GenesysClient
import GenesysWire
import Testing
import Timekeeping

@Suite struct AuthenticationTests {
    @Test func logsInOnceForConcurrentCallersAndRenewsBeforeExpiry() async throws {
        try await withFixture(.init(expiresIn: 600)) { f in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<8 { group.addTask { _ = try await f.client.tokenInfo() } }
                try await group.waitForAll()
            }
            #expect(f.server.snapshot.logins == 1)
            #expect(f.client.statistics.logins == 1)

            // 60 s before expiry the cached token is still used ...
            f.clock.advance(to: .seconds(539))
            _ = try await f.client.tokenInfo()
            #expect(f.server.snapshot.logins == 1)
            // ... and from then on it is renewed before use.
            f.clock.advance(to: .seconds(540))
            _ = try await f.client.tokenInfo()
            #expect(f.server.snapshot.logins == 2)
            #expect(f.client.statistics.logins == 2)
        }
    }

    @Test func basicAuthAndFormBodyReachTheLoginHost() async throws {
        try await withFixture { f in
            _ = try await f.client.tokenInfo()
            // The server only issues a token for the exact Basic header; the bearer it then saw is that token.
            let seen = f.server.snapshot.authorizationsSeen
            #expect(seen == ["Bearer \(f.server.snapshot.issuedTokens[0])"])
        }
    }

    @Test func a401TriggersExactlyOneReLoginAndOneRetry() async throws {
        try await withFixture { f in
            let response = try await f.client.send(get("/test/401-once"))
            #expect(response.status == 200)
            #expect(response.attempts.map(\.status) == [401, 200])
            #expect(f.server.snapshot.logins == 2)
            #expect(f.clock.now == .epoch)
        }
    }

    @Test func aPersistent401IsNotALoop() async throws {
        try await withFixture { f in
            let error = await expectAPIError { _ = try await f.client.send(get("/test/401-always")) }
            #expect(error?.reason == .unauthorized)
            #expect(error?.status == 401)
            #expect(error?.code == "not.authorized")
            #expect(f.server.hits("401-always") == 2)
            #expect(f.server.snapshot.logins == 2)
        }
    }

    @Test func tokenEndpointRateLimitIsRetriedWithBackoff() async throws {
        let configuration = ClientConfiguration(retry: RetryConfiguration(baseDelay: .seconds(1)))
        try await withFixture(.init(rateLimitedLogins: 2), configuration: configuration) { f in
            _ = try await f.client.tokenInfo()
            #expect(f.server.snapshot.loginAttempts == 3)
            #expect(f.server.snapshot.logins == 1)
            // Full jitter: each wait within its cap (1 s, then 2 s).
            #expect(f.clock.now <= .seconds(3))
            #expect(f.client.statistics.rateLimited429 == 2)
        }
    }

    @Test func aLoginGivesUpAtTheRequestsDeadline() async throws {
        // Logins refused for longer than the caller can wait: the login's retries stop before
        // the deadline instead of running to maxAttempts (or past the run's maxWait).
        let configuration = ClientConfiguration(retry: RetryConfiguration(maxAttempts: 1_000, baseDelay: .seconds(1), maxDelay: .seconds(2)))
        try await withFixture(.init(rateLimitedLogins: 1_000), configuration: configuration) { f in
            let deadline = Moment.seconds(30)
            let error = await expectAPIError { _ = try await f.client.send(Endpoint.tokensMe(), deadline: deadline) }
            #expect(error?.reason == .deadlineExceeded, "\(String(describing: error))")
            #expect(f.clock.now <= deadline)
            #expect(f.server.snapshot.loginAttempts < 1_000)
            #expect(f.server.snapshot.logins == 0)
        }
    }

    @Test func invalidClientIsAClearNonRetryableError() async throws {
        let secret = "wrong-secret-value"
        try await withFixture(secret: secret) { f in
            let error = await expectAPIError { _ = try await f.client.tokenInfo() }
            #expect(error?.reason == .invalidClient)
            #expect(error?.code == "invalid_client")
            #expect(error?.endpoint == "POST /oauth/token")
            #expect(error?.attempts.count == 1)
            #expect(f.server.snapshot.loginAttempts == 1)
            let text = error.map { "\($0)" } ?? ""
            #expect(text.contains("check the client id and secret"))
            #expect(!text.contains(secret))
            #expect(!f.logs.text.contains(secret))
        }
    }
}
