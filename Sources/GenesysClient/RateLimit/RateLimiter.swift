import Synchronization
import Timekeeping

/// The shared side of `TokenBucket`: one per client, used by all of its concurrent requests.
/// Waiting happens on the injected clock.
final class RateLimiter: Sendable {
    private let bucket: Mutex<TokenBucket>
    private let clock: any InjectedClock

    init(requestsPerMinute: Int, burst: Int, clock: any InjectedClock) {
        self.clock = clock
        bucket = Mutex(TokenBucket(requestsPerMinute: requestsPerMinute, burst: burst, now: clock.now))
    }

    /// Waits for a token. Returns the time waited; throws if the wait would end past the
    /// deadline (the token is handed back) or the task is cancelled.
    func acquire(deadline: Moment?) async throws(GiveUpReason) -> Duration {
        let now = clock.now
        let wait = bucket.withLock { bucket -> Duration? in
            if let deadline, now.advanced(by: bucket.wait(now: now)) > deadline { return nil }
            return bucket.reserve(now: now)
        }
        guard let wait else { throw .deadlineExceeded }
        guard wait > .zero else { return .zero }
        do {
            try await clock.sleep(until: now.advanced(by: wait), tolerance: nil)
        } catch {
            bucket.withLock { $0.refund(now: clock.now) }
            throw .cancelled
        }
        return wait
    }
}
