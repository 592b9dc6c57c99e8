import Crypto
import Foundation
import GenesysClient
import Logging
import PostgresNIO
import Synchronization
import Timekeeping

/// One token bucket per OAuth client, kept in PostgreSQL and shared by every runner that uses
/// the client. A runner leases a few tokens at a time (so the database is on one request in
/// `batch`, not on every one) and lets unused ones lapse after `leaseLifetime`: a lease is spent
/// soon after it is granted or not at all, which keeps the sum of all runners' requests in any
/// 60 seconds within the budget plus at most one lease lifetime of refill.
///
/// The bucket refills on the runners' injected clock: wall time for real runs (runners' clocks
/// agree to NTP's skew, and a runner whose clock lags refills nothing rather than more), and the
/// shared emulator's scaled clock for rehearsals, whose minutes are what its rate limit counts.
public final class SharedRateBudget: RequestBudget {
    public let clientKey: String
    let capacity: Double
    let tokensPerSecond: Double
    let batch: Int
    let leaseLifetime: Duration
    /// A transaction on one of the process's lock sessions, else the pool (`PostgresJournal.sharedTransaction`).
    private let transaction: @Sendable (@escaping @Sendable (PostgresConnection) async throws -> (Int, Double)) async throws -> (Int, Double)
    private let clock: any InjectedClock
    private let logger: Logger
    private let lease = Mutex<(tokens: Int, expires: Moment?)>((0, nil))
    /// One lease request at a time per process: concurrent requests wait for it rather than
    /// each asking the database.
    private let refill = RefillGate()
    private let leased = Atomic<Int>(0)
    private let leases = Atomic<Int>(0)

    init(clientKey: String, requestsPerMinute: Int, burst: Int, batch: Int = 5, leaseLifetime: Duration = .seconds(2),
         transaction: @escaping @Sendable (@escaping @Sendable (PostgresConnection) async throws -> (Int, Double)) async throws -> (Int, Double),
         clock: any InjectedClock, logger: Logger) {
        self.clientKey = clientKey
        // The same shape as the local bucket: `burst` at once, then the rest of the minute's
        // budget spread evenly, so that no 60-second window holds more than requestsPerMinute.
        let perMinute = max(1, requestsPerMinute)
        let burst = min(max(1, burst), perMinute)
        capacity = Double(burst)
        tokensPerSecond = Double(perMinute > burst ? perMinute - burst : perMinute) / 60
        self.batch = max(1, min(batch, burst))
        self.leaseLifetime = leaseLifetime
        self.transaction = transaction
        self.clock = clock
        self.logger = logger
    }

    /// Tokens granted to this process so far, and the leases they came in.
    public var statistics: (granted: Int, leases: Int) { (leased.load(ordering: .relaxed), leases.load(ordering: .relaxed)) }

    public func acquire(deadline: Moment?) async throws(GiveUpReason) -> Duration {
        let started = clock.now
        while true {
            if takeLeased() { return started.duration(to: clock.now) }
            let wait: Duration
            var degraded = false
            do {
                wait = try await refill.run { try await self.leaseMore() }
            } catch is CancellationError {
                throw .cancelled
            } catch {
                // The shared budget is unreachable: send at this runner's share of the rate
                // after one token's time, rather than fail the run or send unpaced.
                logger.warning("shared rate budget unavailable; pacing locally", metadata: ["error": "\(error)"])
                wait = .seconds(1 / tokensPerSecond)
                degraded = true
            }
            if wait == .zero { continue }
            let until = clock.now.advanced(by: wait)
            if let deadline, until > deadline { throw .deadlineExceeded }
            do { try await clock.sleep(until: until, tolerance: nil) } catch { throw .cancelled }
            if degraded { return started.duration(to: clock.now) }
        }
    }

    private func takeLeased() -> Bool {
        let now = clock.now
        return lease.withLock { lease in
            if let expires = lease.expires, now >= expires { lease = (0, nil) }
            guard lease.tokens > 0 else { return false }
            lease.tokens -= 1
            return true
        }
    }

    /// Asks the database for up to `batch` tokens. Returns zero when some were granted (or
    /// another task's lease is ready to use), else how long until the bucket holds one.
    private func leaseMore() async throws -> Duration {
        if lease.withLock({ $0.tokens > 0 }) { return .zero }
        let (capacity, rate, batch, key) = (self.capacity, tokensPerSecond, self.batch, clientKey)
        let now = clock.date(at: clock.now).timeIntervalSince1970
        let logger = self.logger
        let granted: (tokens: Int, wait: Double) = try await transaction { connection in
            try await connection.query("""
                INSERT INTO rate_budget (client_key, tokens, updated_at) VALUES (\(key), \(capacity), \(now))
                ON CONFLICT (client_key) DO NOTHING
                """, logger: logger)
            var tokens = 0.0
            var updatedAt = now
            for try await (stored, at) in try await connection.query("""
                SELECT tokens, updated_at FROM rate_budget WHERE client_key = \(key) FOR UPDATE
                """, logger: logger).decode((Double, Double).self) {
                tokens = min(capacity, stored + max(0, now - at) * rate)
                updatedAt = max(now, at)
            }
            // A whole batch or nothing: under contention, waiting for `batch` tokens keeps the
            // database at one round trip per batch instead of one per request.
            let take = tokens >= Double(batch) ? batch : 0
            try await connection.query("""
                UPDATE rate_budget SET tokens = \(tokens - Double(take)), updated_at = \(updatedAt), granted = granted + \(Int64(take))
                WHERE client_key = \(key)
                """, logger: logger)
            return (take, take > 0 ? 0 : (Double(batch) - tokens) / rate)
        }
        guard granted.tokens > 0 else { return .seconds(max(0.01, granted.wait)) }
        leased.add(granted.tokens, ordering: .relaxed)
        leases.add(1, ordering: .relaxed)
        let expires = clock.now.advanced(by: leaseLifetime)
        lease.withLock { $0 = ($0.tokens + granted.tokens, expires) }
        return .zero
    }
}

/// Runs one operation at a time; callers that arrive while it runs wait for its result.
private actor RefillGate {
    private var running: Task<Duration, any Error>?

    func run(_ operation: @escaping @Sendable () async throws -> Duration) async throws -> Duration {
        if let running { return try await running.value }
        let task = Task { try await operation() }
        running = task
        defer { running = nil }
        return try await task.value
    }
}

extension PostgresJournal {
    /// Every runner of this server shares each client's budget.
    public func rateBudgets(clock: any InjectedClock) -> SharedBudgets {
        SharedBudgets { key, configuration in
            self.sharedBudget(key: key, requestsPerMinute: configuration.requestsPerMinute, burst: configuration.burst, clock: clock)
        }
    }

    /// The budget of one OAuth client (`key`: API host and client id), shared through this
    /// server with every runner using it. Stored under a SHA-256 of the key, not the id itself.
    public func sharedBudget(key: String, requestsPerMinute: Int, burst: Int, clock: any InjectedClock) -> SharedRateBudget {
        let hashed = SHA256.hash(data: Data(key.utf8)).map { String(format: "%02x", $0) }.joined()
        return SharedRateBudget(clientKey: hashed, requestsPerMinute: requestsPerMinute, burst: burst,
                                transaction: { try await self.sharedTransaction($0) }, clock: clock, logger: logger)
    }
}
