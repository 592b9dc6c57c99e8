import Executor
import Foundation
import Logging
import PostgresNIO
import RunJournal

/// The run lock behind PgBouncer's transaction pooling (`?pooling=transaction`), where a
/// session-level advisory lock ends with the transaction that took it. The lock is the
/// `sandbox_lock` row itself, with a lease: an expiry the heartbeat renews, taken over only once
/// it has passed, by the server's clock (runners' clocks never decide). Each takeover raises the
/// sandbox's fencing token (`sandbox_fence`, which only grows); every journal write checks the
/// writer's token in its own transaction, so a runner that was stopped past its lease (SIGSTOP,
/// a frozen VM) and wakes up writes nothing more, and since every side effect on the platform
/// is journaled before it is sent, sends nothing more either: it ends with `lock-lost` (13).
extension PostgresJournal {
    static let serverNow = "extract(epoch from clock_timestamp())::float8"

    func leaseTryLock(sandboxId: String, planName: String, holder: LockHolder, at: Date) async throws -> LockAttempt {
        if leases.withLock({ $0[sandboxId] != nil }) {
            return .held(by: try await lock(sandboxId: sandboxId) ?? LockRecord(sandboxId: sandboxId, holder: holder, acquiredAt: at))
        }
        let key = PostgresLockKey.key(sandboxId: sandboxId, schema: url.schema)
        let (leaseSeconds, jobURL, logger) = (url.lease.seconds, LockRecord.currentJobURL(), self.logger)
        let outcome: (attempt: LockAttempt, fence: Int64?) = try await waited {
            try await client.withTransaction(logger: logger) { connection in
                // One attempt per sandbox at a time; a transaction-level lock is fine behind PgBouncer.
                try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresLockKey.runLockClass), \(key))", logger: logger)
                let existing = try await Self.lockRecord(connection, sandboxId: sandboxId, logger: logger)
                var expired = true
                var expiredAt: Double?
                for try await (expires, now) in try await connection.query("""
                    SELECT lease_expires_at, \(unescaped: Self.serverNow) FROM sandbox_lock WHERE sandbox_id = \(sandboxId)
                    """, logger: logger).decode((Double?, Double).self) {
                    expired = (expires ?? 0) <= now
                    expiredAt = expires
                }
                if let existing {
                    guard expired else { return (.held(by: existing), nil) }
                    let reason = "its lease expired\(expiredAt.map { " at \(Date(timeIntervalSince1970: $0))" } ?? ""): pid \(existing.holder.pid) on \(existing.holder.hostname) stopped renewing it"
                    try await Self.logLockEvent(connection, sandboxId: sandboxId, at: at, action: "taken-over", by: "pid \(holder.pid)", hostname: holder.hostname,
                                                reason: reason, previous: existing, logger: logger)
                    try await connection.query("DELETE FROM sandbox_lock WHERE sandbox_id = \(sandboxId)", logger: logger)
                }
                var fence: Int64 = 0
                for try await value in try await connection.query("""
                    INSERT INTO sandbox_fence (sandbox_id, fence) VALUES (\(sandboxId), 1)
                    ON CONFLICT (sandbox_id) DO UPDATE SET fence = sandbox_fence.fence + 1 RETURNING fence
                    """, logger: logger).decode(Int64.self) {
                    fence = value
                }
                try await connection.query("""
                    INSERT INTO sandbox_lock (sandbox_id, run_id, plan_name, pid, hostname, boot_id, start_time, job_url, acquired_at, heartbeat_at,
                                              lease_expires_at, fence)
                    VALUES (\(sandboxId), NULL, \(planName), \(holder.pid), \(holder.hostname), \(holder.bootId), \(holder.startTime.map { Int64(bitPattern: $0) }),
                            \(jobURL), \(at.timeIntervalSince1970), \(at.timeIntervalSince1970), \(unescaped: Self.serverNow) + \(leaseSeconds), \(fence))
                    """, logger: logger)
                return (.acquired(takenOverFrom: existing), fence)
            }
        }
        if let fence = outcome.fence { leases.withLock { $0[sandboxId] = fence } }
        return outcome.attempt
    }

    /// Renews the lease while the lock row still carries this runner's token: false once it was
    /// taken over (or forced open).
    func leaseHeartbeat(sandboxId: String, at: Date) async throws -> Bool {
        guard let fence = leases.withLock({ $0[sandboxId] }) else { return false }
        let (leaseSeconds, logger) = (url.lease.seconds, self.logger)
        return try await waited {
            try await client.withTransaction(logger: logger) { connection in
                var renewed = false
                for try await _ in try await connection.query("""
                    UPDATE sandbox_lock SET heartbeat_at = \(at.timeIntervalSince1970), lease_expires_at = \(unescaped: Self.serverNow) + \(leaseSeconds)
                    WHERE sandbox_id = \(sandboxId) AND fence = \(fence) RETURNING sandbox_id
                    """, logger: logger) {
                    renewed = true
                }
                return renewed
            }
        }
    }

    func leaseUnlock(sandboxId: String) async throws {
        guard let fence = leases.withLock({ $0.removeValue(forKey: sandboxId) }) else { return }
        let logger = self.logger
        try await waited {
            try await client.withTransaction(logger: logger) { connection in
                try await connection.query("DELETE FROM sandbox_lock WHERE sandbox_id = \(sandboxId) AND fence = \(fence)", logger: logger)
            }
        }
    }

    /// Alive exactly while the lease has not expired, by the server's clock.
    func leaseLiveness(of record: LockRecord) async throws -> LockLiveness {
        let logger = self.logger
        return try await waited {
            try await client.withConnection(logger: logger) { connection in
                for try await (expires, now) in try await connection.query("""
                    SELECT lease_expires_at, \(unescaped: Self.serverNow) FROM sandbox_lock WHERE sandbox_id = \(record.sandboxId)
                    """, logger: logger).decode((Double?, Double).self) {
                    if let expires, expires > now { return .alive }
                    return .dead("its lease expired: pid \(record.holder.pid) on \(record.holder.hostname) stopped renewing it")
                }
                return .dead("its lock was released")
            }
        }
    }

    /// In a write's transaction: the lock row must still carry `fence`. `FOR SHARE` holds a
    /// takeover (which deletes the row) off until the write commits.
    static func checkFence(_ connection: PostgresConnection, sandboxId: String, fence: Int64, logger: Logger) async throws {
        var current: Int64?
        for try await value in try await connection.query("SELECT fence FROM sandbox_lock WHERE sandbox_id = \(sandboxId) FOR SHARE", logger: logger)
            .decode(Int64?.self) {
            current = value
        }
        guard current == fence else { throw JournalLockLost(sandboxId: sandboxId, fence: fence, current: current) }
    }
}
