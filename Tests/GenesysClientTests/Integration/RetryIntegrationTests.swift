import Foundation
@testable import GenesysClient
import GenesysWire
import Testing
import Timekeeping

@Suite struct RetryIntegrationTests {
    @Test func retryAfterIsHonouredExactlyOnTheVirtualClock() async throws {
        try await withFixture(.init(retryAfterSeconds: 7)) { f in
            let response = try await f.client.send(get("/test/429-then-200"))
            #expect(response.status == 200)
            #expect(response.attempts.map(\.status) == [429, 200])
            #expect(f.clock.now == .seconds(7))
            #expect(response.attempts[1].startedAt == .seconds(7))
            #expect(response.attempts[1].waitedBefore == .seconds(7))
            #expect(f.client.statistics.rateLimited429 == 1)
            #expect(f.client.statistics.retries == 1)
        }
    }

    @Test func a429OnAPostIsResent() async throws {
        try await withFixture { f in
            let response = try await f.client.send(post("/test/429-then-200"))
            #expect(response.attempts.map(\.status) == [429, 200])
            #expect(f.clock.now == .seconds(3))
        }
    }

    @Test func retryAfterLongerThan180SecondsGivesUp() async throws {
        try await withFixture { f in
            let error = await expectAPIError { _ = try await f.client.send(get("/test/429-long")) }
            #expect(error?.reason == .retryAfterTooLong(.seconds(600)))
            #expect(error?.status == 429)
            #expect(f.server.hits("429-long") == 1)
            #expect(f.clock.now == .epoch)
        }
    }

    @Test func theCallersDeadlineIsRespected() async throws {
        try await withFixture(.init(retryAfterSeconds: 7)) { f in
            let error = await expectAPIError { _ = try await f.client.send(get("/test/429-then-200"), deadline: .seconds(5)) }
            #expect(error?.reason == .deadlineExceeded)
            #expect(f.clock.now == .epoch)
        }
    }

    @Test func conflictIsNotRetriedAndReadsWell() async throws {
        try await withFixture { f in
            let error = await expectAPIError { _ = try await f.client.send(get("/test/409")) }
            let unwrapped = try #require(error)
            #expect(unwrapped.reason == .notRetryable(status: 409))
            #expect(unwrapped.code == "conflict")
            #expect(unwrapped.correlationId?.hasPrefix("corr-409-") == true)
            #expect(unwrapped.description.hasPrefix("GET /test/409 failed: HTTP 409 conflict: A refresh is already active (correlation id corr-409-"))
            #expect(unwrapped.description.hasSuffix("; not retried (409 is not retryable)"))
        }
    }

    @Test func aPostAnswered503IsNotResent() async throws {
        try await withFixture { f in
            let error = await expectAPIError { _ = try await f.client.send(post("/test/503")) }
            #expect(error?.reason == .ambiguousNonIdempotent)
            #expect(f.server.hits("post-503") == 1)
        }
    }

    @Test func aConnectionResetMidBodyIsRetriedForAGet() async throws {
        try await withFixture { f in
            let response = try await f.client.send(get("/test/reset-once"))
            #expect(response.status == 200)
            #expect(response.attempts.count == 2)
            #expect(response.attempts[0].status == nil)
            // The head arrived and promised 4,096 bytes; the body stopped short.
            #expect(response.attempts[0].networkError == .dropped)
            #expect(f.server.hits("reset-once") == 2)
        }
    }

    @Test func aConnectionResetMidBodyOnAPostIsLeftToTheCaller() async throws {
        try await withFixture { f in
            let error = await expectAPIError { _ = try await f.client.send(post("/test/reset")) }
            #expect(error?.reason == .ambiguousNonIdempotent)
            #expect(error?.status == nil)
            #expect(error?.networkError != nil)
            #expect(f.server.hits("post-reset") == 1)
        }
    }

    @Test func a503RunOpensTheBreakerAndOneProbeClosesIt() async throws {
        let configuration = ClientConfiguration(
            retry: RetryConfiguration(maxAttempts: 6, baseDelay: .seconds(1), maxDelay: .seconds(8)),
            circuitBreaker: CircuitBreakerConfiguration(consecutive503: 3, pause: .seconds(30))
        )
        try await withFixture(.init(failing503: 3), configuration: configuration) { f in
            let response = try await f.client.send(get("/test/503-run"))
            #expect(response.attempts.map(\.status) == [503, 503, 503, 200])
            #expect(f.client.statistics.breakerOpenings == 1)
            // The probe left exactly when the pause ended, not at the (shorter) backoff.
            #expect(response.attempts[3].startedAt == response.attempts[2].endedAt.advanced(by: .seconds(30)))
            #expect(f.client.circuitBreakerState == .closed(consecutive503: 0))
            #expect(f.logs.text.contains("circuit breaker opened"))
            #expect(f.logs.text.contains("circuit breaker closed"))
        }
    }

    @Test func aBreakerOpenPastTheDeadlineGivesUpWithoutSending() async throws {
        let configuration = ClientConfiguration(
            retry: RetryConfiguration(maxAttempts: 3, baseDelay: .milliseconds(10)),
            circuitBreaker: CircuitBreakerConfiguration(consecutive503: 3, pause: .seconds(30))
        )
        try await withFixture(.init(failing503: 100), configuration: configuration) { f in
            let exhausted = await expectAPIError { _ = try await f.client.send(get("/test/503-run")) }
            #expect(exhausted?.reason == .attemptsExhausted(attempts: 3))
            #expect(exhausted?.description.contains("retried twice") == true)
            let hits = f.server.hits("503-run")
            let error = await expectAPIError { _ = try await f.client.send(get("/test/503-run"), deadline: f.clock.now.advanced(by: .seconds(5))) }
            guard case .circuitOpen = error?.reason else {
                Issue.record("expected circuitOpen, got \(String(describing: error?.reason))")
                return
            }
            #expect(f.server.hits("503-run") == hits)
        }
    }
}
