import Foundation
import Logging
import PostgresNIO
import RunJournal

/// The cross-host run lock: a session-level advisory lock per sandbox, held on a dedicated
/// connection for the whole run, so that a runner killed by SIGKILL, an OOM killer or a
/// vanished VM loses its lock the moment the server notices its connection is gone. The
/// `sandbox_lock` row beside it is what people read: run id, host, pid, CI job URL, since when.
/// The session (`LockSession`) also carries the run's journal writes.
extension PostgresJournal {
    public func tryLock(sandboxId: String, planName: String, holder: LockHolder, at: Date,
                        heartbeatTimeout: TimeInterval, probe: @escaping @Sendable (LockHolder) -> LockLiveness) async throws -> LockAttempt {
        if usesLeases { return try await leaseTryLock(sandboxId: sandboxId, planName: planName, holder: holder, at: at) }
        if lockSessions.withLock({ $0[sandboxId] != nil }) {
            // This process holds it already (another plan of a fleet on the same sandbox).
            return .held(by: try await lock(sandboxId: sandboxId) ?? LockRecord(sandboxId: sandboxId, holder: holder, acquiredAt: at))
        }
        let key = PostgresLockKey.key(sandboxId: sandboxId, schema: url.schema)
        let configuration = try url.connectionConfiguration()
        let session = try await waited {
            try await PostgresConnection.connect(configuration: configuration, id: connectionIds.add(1, ordering: .relaxed).newValue, logger: logger)
        }
        var keep = false
        defer { if !keep { Task { try? await session.close() } } }
        var acquired = false
        var sessionPid: Int32 = 0
        for try await (got, pid) in try await session.query("SELECT pg_try_advisory_lock(\(PostgresLockKey.runLockClass), \(key)), pg_backend_pid()",
                                                             logger: logger).decode((Bool, Int32).self) {
            acquired = got
            sessionPid = pid
        }
        guard acquired else {
            let record = try await lock(sandboxId: sandboxId)
            // The winner may not have written its row yet: it is held all the same.
            return .held(by: record ?? LockRecord(sandboxId: sandboxId, planName: nil, holder: LockHolder(pid: 0, hostname: "another runner"), acquiredAt: at))
        }
        let jobURL = LockRecord.currentJobURL()
        let pid = sessionPid
        let previous = try await waited { try await client.withTransaction(logger: logger) { connection -> LockRecord? in
            let existing = try await Self.lockRecord(connection, sandboxId: sandboxId, logger: self.logger)
            if let existing {
                // Its advisory lock is gone, or we could not have taken it: its session ended.
                try await Self.logLockEvent(connection, sandboxId: sandboxId, at: at, action: "taken-over", by: "pid \(holder.pid)", hostname: holder.hostname,
                                            reason: Self.sessionEnded(existing), previous: existing, logger: self.logger)
                try await connection.query("DELETE FROM sandbox_lock WHERE sandbox_id = \(sandboxId)", logger: self.logger)
            }
            try await connection.query("""
                INSERT INTO sandbox_lock (sandbox_id, run_id, plan_name, pid, hostname, boot_id, start_time, job_url, acquired_at, heartbeat_at, session_pid)
                VALUES (\(sandboxId), NULL, \(planName), \(holder.pid), \(holder.hostname), \(holder.bootId), \(holder.startTime.map { Int64(bitPattern: $0) }),
                        \(jobURL), \(at.timeIntervalSince1970), \(at.timeIntervalSince1970), \(pid))
                """, logger: self.logger)
            return existing
        } }
        lockSessions.withLock { $0[sandboxId] = LockSession(connection: session, backendPid: sessionPid) }
        keep = true
        return .acquired(takenOverFrom: previous)
    }

    static func sessionEnded(_ record: LockRecord) -> String {
        "its database session ended: pid \(record.holder.pid) on \(record.holder.hostname) was killed or lost its connection"
    }

    public func heartbeat(sandboxId: String, holder: LockHolder, at: Date) async throws -> Bool {
        if usesLeases { return try await leaseHeartbeat(sandboxId: sandboxId, at: at) }
        guard let session = lockSessions.withLock({ $0[sandboxId] }) else { return false }
        // Asked on the lock's own session (no second connection per run). A session the server
        // ended (`unlock --force` terminates it) is closed on this side too: the lock is gone.
        guard !session.connection.isClosed else { return false }
        let key = PostgresLockKey.key(sandboxId: sandboxId, schema: url.schema)
        let logger = self.logger
        do {
            return try await session.serially { connection in
                var stillHeld = false
                for try await held in try await connection.query("""
                    SELECT EXISTS (SELECT 1 FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'advisory'
                                   AND classid = \(Int64(PostgresLockKey.runLockClass)) AND objid = \(Int64(key)) AND objsubid = 2 AND granted)
                    """, logger: logger).decode(Bool.self) {
                    stillHeld = held
                }
                guard stillHeld else { return false }
                var updated = false
                for try await _ in try await connection.query("""
                    UPDATE sandbox_lock SET heartbeat_at = \(at.timeIntervalSince1970)
                    WHERE sandbox_id = \(sandboxId) AND pid = \(holder.pid) AND hostname = \(holder.hostname) RETURNING sandbox_id
                    """, logger: logger) {
                    updated = true
                }
                return updated
            }
        } catch {
            if session.isGone(after: error) { return false }
            throw error
        }
    }

    public func assignLock(sandboxId: String, runId: String, holder: LockHolder) async throws {
        try await waited {
            _ = try await client.query("""
                UPDATE sandbox_lock SET run_id = \(runId) WHERE sandbox_id = \(sandboxId) AND pid = \(holder.pid) AND hostname = \(holder.hostname)
                """, logger: logger)
        }
    }

    public func unlock(sandboxId: String, holder: LockHolder) async throws {
        if usesLeases { return try await leaseUnlock(sandboxId: sandboxId) }
        guard let session = lockSessions.withLock({ $0.removeValue(forKey: sandboxId) }) else { return }
        try? await client.query("""
            DELETE FROM sandbox_lock WHERE sandbox_id = \(sandboxId) AND pid = \(holder.pid) AND hostname = \(holder.hostname)
            """, logger: logger)
        // Closing the session releases its advisory lock.
        await session.end()
    }

    /// Ends the holder's database session (which releases its advisory lock), removes the row,
    /// and records who and why. The holder notices at its next heartbeat.
    public func forceUnlock(sandboxId: String, user: String, hostname: String, reason: String, at: Date) async throws -> LockRecord? {
        try await waited {
            let key = PostgresLockKey.key(sandboxId: sandboxId, schema: url.schema)
            return try await client.withTransaction(logger: logger) { connection -> LockRecord? in
                let existing = try await Self.lockRecord(connection, sandboxId: sandboxId, logger: self.logger)
                try await connection.query("""
                    SELECT pg_terminate_backend(pid) FROM pg_locks
                    WHERE locktype = 'advisory' AND classid = \(Int64(PostgresLockKey.runLockClass)) AND objid = \(Int64(key)) AND objsubid = 2 AND granted
                    """, logger: self.logger)
                try await connection.query("DELETE FROM sandbox_lock WHERE sandbox_id = \(sandboxId)", logger: self.logger)
                // A lease holder's token is void from here: its next write is refused.
                try await connection.query("UPDATE sandbox_fence SET fence = fence + 1 WHERE sandbox_id = \(sandboxId)", logger: self.logger)
                try await Self.logLockEvent(connection, sandboxId: sandboxId, at: at, action: "forced-unlock", by: user, hostname: hostname,
                                            reason: reason, previous: existing, logger: self.logger)
                return existing
            }
        }
    }

    public func lock(sandboxId: String) async throws -> LockRecord? {
        try await waited {
            try await client.withConnection(logger: logger) { connection in
                try await Self.lockRecord(connection, sandboxId: sandboxId, logger: self.logger)
            }
        }
    }

    public func locks() async throws -> [LockRecord] {
        try await waited {
            var records: [LockRecord] = []
            for try await row in try await client.query("SELECT \(unescaped: Self.lockColumns) FROM sandbox_lock ORDER BY sandbox_id", logger: logger) {
                records.append(try Self.lockRecord(row: row))
            }
            return records
        }
    }

    public func lockEvents(sandboxId: String) async throws -> [LockEvent] {
        try await waited {
            var events: [LockEvent] = []
            let rows = try await client.query("""
                SELECT at, action, by_user, hostname, reason, previous_pid, previous_run_id FROM lock_event WHERE sandbox_id = \(sandboxId) ORDER BY seq DESC
                """, logger: logger)
            for try await (at, action, user, host, reason, pid, run) in rows.decode((Double, String, String, String, String, Int32?, String?).self) {
                events.append(LockEvent(at: Date(timeIntervalSince1970: at), action: action, byUser: user, hostname: host, reason: reason,
                                        previousPid: pid, previousRunId: run))
            }
            return events
        }
    }

    /// Alive exactly when some session holds the sandbox's advisory lock: the server's own
    /// bookkeeping, on any host, with no heartbeat timeout to wait out.
    public func liveness(of record: LockRecord, at now: Date, probe: @escaping @Sendable (LockHolder) -> LockLiveness) async -> LockLiveness {
        if usesLeases {
            do { return try await leaseLiveness(of: record) } catch {
                return record.liveness(at: now, heartbeatTimeout: RunJournal.heartbeatTimeout, probe: { _ in .alive })
            }
        }
        let key = PostgresLockKey.key(sandboxId: record.sandboxId, schema: url.schema)
        do {
            for try await held in try await client.query("""
                SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid = \(Int64(PostgresLockKey.runLockClass))
                               AND objid = \(Int64(key)) AND objsubid = 2 AND granted)
                """, logger: logger).decode(Bool.self) {
                return held ? .alive : .dead(Self.sessionEnded(record))
            }
        } catch {
            // Unknown: judge by the heartbeat, as the file journal does for another host.
            return record.liveness(at: now, heartbeatTimeout: RunJournal.heartbeatTimeout, probe: { _ in .alive })
        }
        return .dead(Self.sessionEnded(record))
    }

    static let lockColumns = "sandbox_id, run_id, plan_name, pid, hostname, boot_id, start_time, job_url, acquired_at, heartbeat_at"

    static func lockRecord(_ connection: PostgresConnection, sandboxId: String, logger: Logger) async throws -> LockRecord? {
        for try await row in try await connection.query("SELECT \(unescaped: lockColumns) FROM sandbox_lock WHERE sandbox_id = \(sandboxId)", logger: logger) {
            return try lockRecord(row: row)
        }
        return nil
    }

    static func lockRecord(row: PostgresRow) throws -> LockRecord {
        let cells = row.makeRandomAccess()
        return LockRecord(
            sandboxId: try cells["sandbox_id"].decode(String.self), runId: try cells["run_id"].decode(String?.self),
            planName: try cells["plan_name"].decode(String?.self),
            holder: LockHolder(pid: try cells["pid"].decode(Int32.self), hostname: try cells["hostname"].decode(String.self),
                               bootId: try cells["boot_id"].decode(String?.self),
                               startTime: try cells["start_time"].decode(Int64?.self).map { UInt64(bitPattern: $0) }),
            acquiredAt: Date(timeIntervalSince1970: try cells["acquired_at"].decode(Double.self)),
            heartbeatAt: try cells["heartbeat_at"].decode(Double?.self).map(Date.init(timeIntervalSince1970:)),
            jobURL: try cells["job_url"].decode(String?.self))
    }

    static func logLockEvent(_ connection: PostgresConnection, sandboxId: String, at: Date, action: String, by: String, hostname: String,
                             reason: String, previous: LockRecord?, logger: Logger) async throws {
        try await connection.query("""
            INSERT INTO lock_event (sandbox_id, at, action, by_user, hostname, reason, previous_pid, previous_hostname, previous_run_id)
            VALUES (\(sandboxId), \(at.timeIntervalSince1970), \(action), \(by), \(hostname), \(reason), \(previous?.holder.pid),
                    \(previous?.holder.hostname), \(previous?.runId))
            """, logger: logger)
    }
}
