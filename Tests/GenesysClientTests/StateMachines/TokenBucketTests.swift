@testable import GenesysClient
import Testing
import Timekeeping

@Suite struct TokenBucketTests {
    @Test func burstThenEvenSpacing() {
        var bucket = TokenBucket(capacity: 2, tokensPerSecond: 5, now: .epoch)
        #expect(bucket.reserve(now: .epoch) == .zero)
        #expect(bucket.reserve(now: .epoch) == .zero)
        #expect(bucket.reserve(now: .epoch) == .milliseconds(200))
        #expect(bucket.reserve(now: .epoch) == .milliseconds(400))
        // After a second of refill the debt (two tokens) is paid and three more accrued, capped at 2.
        #expect(bucket.reserve(now: .seconds(1)) == .zero)
    }

    @Test func perMinuteBudgetNeverExceedsTheBudgetInAnyMinute() {
        // 300/min with a burst of 10: the steady rate is 290/min, so 10 + 290 = 300 per minute.
        var bucket = TokenBucket(requestsPerMinute: 300, burst: 10, now: .epoch)
        #expect(bucket.capacity == 10)
        #expect(abs(bucket.tokensPerSecond - 290.0 / 60) < 1e-9)
        var sendTimes: [Double] = []
        for _ in 0..<400 { sendTimes.append(bucket.reserve(now: .epoch).seconds) }
        let inFirstMinute = sendTimes.filter { $0 < 60 }.count
        #expect(inFirstMinute <= 300)
        #expect(inFirstMinute >= 299)
    }

    @Test func refundReturnsAToken() {
        var bucket = TokenBucket(capacity: 1, tokensPerSecond: 1, now: .epoch)
        #expect(bucket.reserve(now: .epoch) == .zero)
        #expect(bucket.reserve(now: .epoch) == .seconds(1))
        bucket.refund(now: .epoch)
        #expect(bucket.reserve(now: .epoch) == .seconds(1))
    }

    @Test func peekingDoesNotConsume() {
        var bucket = TokenBucket(capacity: 1, tokensPerSecond: 1, now: .epoch)
        #expect(bucket.wait(now: .epoch) == .zero)
        #expect(bucket.wait(now: .epoch) == .zero)
        #expect(bucket.reserve(now: .epoch) == .zero)
        #expect(bucket.wait(now: .seconds(0.5)) == .seconds(0.5))
    }
}
