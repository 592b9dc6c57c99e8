import GenesysWire
@testable import GenesysClient
import Testing
import Timekeeping

@Suite struct RetryStateMachineTests {
    let config = RetryConfiguration(maxAttempts: 5, baseDelay: .seconds(1), maxDelay: .seconds(30))

    func decide(_ outcome: AttemptOutcome, attempt: Int = 1, idempotent: Bool = true, now: Moment = .epoch, deadline: Moment? = nil, seed: UInt64 = 1) -> RetryStateMachine.Decision {
        var machine = RetryStateMachine(configuration: config, seed: seed)
        return machine.decide(outcome: outcome, attempt: attempt, isIdempotent: idempotent, now: now, deadline: deadline)
    }

    static func status(_ code: Int, retryAfter: String? = nil) -> AttemptOutcome {
        var headers = WireHeaders()
        if let retryAfter { headers[WireHeader.retryAfter] = retryAfter }
        return .response(status: code, headers: headers)
    }

    @Test(arguments: [400, 403, 404, 409, 501, 405, 422, 500])
    func finalStatusesAreNeverRetried(_ code: Int) {
        #expect(decide(Self.status(code)) == .giveUp(.notRetryable(status: code)))
    }

    @Test func neverRetriedWinsOverConfiguration() {
        var machine = RetryStateMachine(configuration: RetryConfiguration(retryableStatuses: [409, 501, 503]), seed: 1)
        #expect(machine.decide(outcome: Self.status(409), attempt: 1, isIdempotent: true, now: .epoch, deadline: nil) == .giveUp(.notRetryable(status: 409)))
        #expect(machine.decide(outcome: Self.status(501), attempt: 1, isIdempotent: true, now: .epoch, deadline: nil) == .giveUp(.notRetryable(status: 501)))
    }

    @Test func unauthorizedIsLeftToReLogin() {
        #expect(decide(Self.status(401)) == .giveUp(.unauthorized))
    }

    @Test(arguments: [502, 503, 504])
    func gatewayErrorsBackOffWithinTheExponentialCap(_ code: Int) {
        for attempt in 1...4 {
            guard case .retry(let delay) = decide(Self.status(code), attempt: attempt) else {
                Issue.record("expected a retry for \(code) on attempt \(attempt)")
                return
            }
            #expect(delay >= .zero && delay <= .seconds(1 << (attempt - 1)))
        }
    }

    @Test(arguments: [TransportError.Kind.connectionReset, .timeout, .dropped, .other])
    func networkErrorsAreRetriedWhenIdempotent(_ kind: TransportError.Kind) {
        guard case .retry = decide(.networkError(kind)) else {
            Issue.record("expected retry")
            return
        }
        #expect(decide(.networkError(kind), idempotent: false) == .giveUp(.ambiguousNonIdempotent))
    }

    @Test func refusedConnectionsAreSafeEvenForPost() {
        guard case .retry = decide(.networkError(.connectionRefused), idempotent: false) else {
            Issue.record("a refused connection never delivered the POST; it may be resent")
            return
        }
    }

    @Test func nonIdempotent5xxIsAmbiguous() {
        #expect(decide(Self.status(503), idempotent: false) == .giveUp(.ambiguousNonIdempotent))
    }

    @Test func retryAfterIsHonouredToTheSecondForAnyMethod() {
        #expect(decide(Self.status(429, retryAfter: "42")) == .retry(after: .seconds(42)))
        #expect(decide(Self.status(429, retryAfter: "42"), idempotent: false) == .retry(after: .seconds(42)))
        #expect(decide(Self.status(429, retryAfter: "180")) == .retry(after: .seconds(180)))
    }

    @Test func retryAfterBeyond180SecondsGivesUp() {
        #expect(decide(Self.status(429, retryAfter: "181")) == .giveUp(.retryAfterTooLong(.seconds(181))))
    }

    @Test func retryAfterPastTheDeadlineGivesUp() {
        let now = Moment.seconds(100)
        #expect(decide(Self.status(429, retryAfter: "30"), now: now, deadline: .seconds(129)) == .giveUp(.deadlineExceeded))
        #expect(decide(Self.status(429, retryAfter: "30"), now: now, deadline: .seconds(130)) == .retry(after: .seconds(30)))
    }

    @Test func missingRetryAfterFallsBackToBackoff() {
        guard case .retry(let delay) = decide(Self.status(429), attempt: 2) else {
            Issue.record("expected retry")
            return
        }
        #expect(delay <= .seconds(2))
    }

    @Test func attemptsAreBounded() {
        #expect(decide(Self.status(503), attempt: 5) == .giveUp(.attemptsExhausted(attempts: 5)))
        #expect(decide(Self.status(429, retryAfter: "1"), attempt: 5) == .giveUp(.attemptsExhausted(attempts: 5)))
    }

    @Test func fullJitterIsBoundedAndDeterministicPerSeed() {
        var first = RetryStateMachine(configuration: config, seed: 42)
        var again = RetryStateMachine(configuration: config, seed: 42)
        var other = RetryStateMachine(configuration: config, seed: 43)
        var delays: [Duration] = []
        var otherDelays: [Duration] = []
        for attempt in 1...12 {
            let delay = first.backoff(attempt: attempt)
            #expect(delay == again.backoff(attempt: attempt))
            otherDelays.append(other.backoff(attempt: attempt))
            #expect(delay >= .zero && delay <= min(.seconds(30), .seconds(1 << min(attempt - 1, 20))))
            delays.append(delay)
        }
        #expect(delays != otherDelays)
        // Full jitter spreads over the whole range rather than clustering at the cap.
        var spread = RetryStateMachine(configuration: config, seed: 7)
        let samples = (0..<1_000).map { _ in spread.backoff(attempt: 6).seconds }
        #expect(samples.min()! < 3 && samples.max()! > 29)
        #expect(abs(samples.reduce(0, +) / 1_000 - 15) < 1.5)
    }

    @Test func exponentialCapSaturates() {
        #expect(RetryStateMachine.exponentialCap(base: .seconds(1), max: .seconds(30), attempt: 1) == .seconds(1))
        #expect(RetryStateMachine.exponentialCap(base: .seconds(1), max: .seconds(30), attempt: 5) == .seconds(16))
        #expect(RetryStateMachine.exponentialCap(base: .seconds(1), max: .seconds(30), attempt: 6) == .seconds(30))
        #expect(RetryStateMachine.exponentialCap(base: .seconds(1), max: .seconds(30), attempt: 90) == .seconds(30))
    }
}
