import Foundation
import GRDB

/// The local run lock: one row per sandbox in the journal, so two `apply` processes on one
/// journal never run the same sandbox at once. This is our side of the platform's own refresh
/// lock, which only stops a second *submission*, not a second process polling and gating.
extension RunJournal {
    /// Without a heartbeat for this long, a holder counts as dead even if its pid answers: it may
    /// be in another PID namespace or on another host, where a pid proves nothing.
    public static let heartbeatTimeout: TimeInterval = 300

    /// Takes the sandbox's lock if it is free or its holder is dead (see `LockRecord.liveness`);
    /// checked and taken in one IMMEDIATE transaction, so two contenders cannot both win.
    public func tryLock(sandboxId: String, planName: String, holder: LockHolder, at: Date,
                        heartbeatTimeout: TimeInterval = RunJournal.heartbeatTimeout,
                        probe: @escaping @Sendable (LockHolder) -> LockLiveness = LockHolder.probe) throws -> LockAttempt {
        try pool.writeWithoutTransaction { db in
            var attempt = LockAttempt.held(by: LockRecord(sandboxId: sandboxId, holder: holder, acquiredAt: at))
            try db.inTransaction(.immediate) {
                let existing = try Self.lockRecord(db, sandboxId: sandboxId)
                if let existing {
                    let verdict = existing.holder == holder ? .alive : existing.liveness(at: at, heartbeatTimeout: heartbeatTimeout, probe: probe)
                    guard case .dead(let why) = verdict else {
                        attempt = .held(by: existing)
                        return .commit
                    }
                    try db.execute(sql: "DELETE FROM sandbox_lock WHERE sandbox_id = ?", arguments: [sandboxId])
                    try Self.logLockEvent(db, sandboxId: sandboxId, at: at, action: "taken-over", by: "pid \(holder.pid)", hostname: holder.hostname,
                                          reason: why, previous: existing)
                }
                try db.execute(sql: """
                    INSERT INTO sandbox_lock (sandbox_id, run_id, plan_name, pid, hostname, acquired_at, boot_id, start_time, heartbeat_at)
                    VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [sandboxId, planName, holder.pid, holder.hostname, at.timeIntervalSince1970,
                                     holder.bootId, holder.startTime.map { Int64(bitPattern: $0) }, at.timeIntervalSince1970])
                attempt = .acquired(takenOverFrom: existing)
                return .commit
            }
            return attempt
        }
    }

    /// The holder's sign of life; false when the lock is no longer its own (an operator forced
    /// it open), which the holder reports rather than ignores.
    @discardableResult
    public func heartbeat(sandboxId: String, holder: LockHolder, at: Date) throws -> Bool {
        try pool.write { db in
            try db.execute(sql: "UPDATE sandbox_lock SET heartbeat_at = ? WHERE sandbox_id = ? AND \(Self.holderMatch)",
                           arguments: [at.timeIntervalSince1970, sandboxId] + Self.holderArguments(holder))
            return db.changesCount > 0
        }
    }

    /// A lock row belongs to `holder` when pid, host and process start time all match.
    static let holderMatch = "pid = ? AND hostname = ? AND start_time IS ?"

    static func holderArguments(_ holder: LockHolder) -> StatementArguments {
        [holder.pid, holder.hostname, holder.startTime.map { Int64(bitPattern: $0) }]
    }

    /// Names the run the lock is held for, once it is decided (new or resumed).
    public func assignLock(sandboxId: String, runId: String, holder: LockHolder) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE sandbox_lock SET run_id = ? WHERE sandbox_id = ? AND \(Self.holderMatch)",
                           arguments: [runId, sandboxId] + Self.holderArguments(holder))
        }
    }

    /// Releases the lock if `holder` still has it (never someone else's).
    public func unlock(sandboxId: String, holder: LockHolder) throws {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM sandbox_lock WHERE sandbox_id = ? AND \(Self.holderMatch)",
                           arguments: [sandboxId] + Self.holderArguments(holder))
        }
    }

    /// An operator's `unlock --force`: removes whoever holds it and records who did it and why.
    /// Returns the lock that was removed, if any.
    @discardableResult
    public func forceUnlock(sandboxId: String, user: String, hostname: String, reason: String, at: Date) throws -> LockRecord? {
        try pool.write { db in
            let existing = try Self.lockRecord(db, sandboxId: sandboxId)
            try db.execute(sql: "DELETE FROM sandbox_lock WHERE sandbox_id = ?", arguments: [sandboxId])
            try Self.logLockEvent(db, sandboxId: sandboxId, at: at, action: "forced-unlock", by: user, hostname: hostname, reason: reason, previous: existing)
            return existing
        }
    }

    public func liveness(of record: LockRecord, at now: Date, probe: @escaping @Sendable (LockHolder) -> LockLiveness) async -> LockLiveness {
        record.liveness(at: now, heartbeatTimeout: Self.heartbeatTimeout, probe: probe)
    }

    public func lock(sandboxId: String) throws -> LockRecord? {
        try pool.read { db in try Self.lockRecord(db, sandboxId: sandboxId) }
    }

    public func locks() throws -> [LockRecord] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM sandbox_lock ORDER BY sandbox_id").map(Self.lockRecord(row:))
        }
    }

    /// Takeovers and forced unlocks, newest first: the audit trail of the local lock.
    public func lockEvents(sandboxId: String) throws -> [LockEvent] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM lock_event WHERE sandbox_id = ? ORDER BY seq DESC", arguments: [sandboxId]).map { row in
                LockEvent(at: Date(timeIntervalSince1970: row["at"]), action: row["action"], byUser: row["by_user"], hostname: row["hostname"],
                          reason: row["reason"], previousPid: row["previous_pid"], previousRunId: row["previous_run_id"])
            }
        }
    }

    static func lockRecord(_ db: Database, sandboxId: String) throws -> LockRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM sandbox_lock WHERE sandbox_id = ?", arguments: [sandboxId]).map(lockRecord(row:))
    }

    static func lockRecord(row: Row) -> LockRecord {
        LockRecord(sandboxId: row["sandbox_id"], runId: row["run_id"], planName: row["plan_name"],
                   holder: LockHolder(pid: row["pid"], hostname: row["hostname"], bootId: row["boot_id"],
                                      startTime: (row["start_time"] as Int64?).map { UInt64(bitPattern: $0) }),
                   acquiredAt: Date(timeIntervalSince1970: row["acquired_at"]),
                   heartbeatAt: (row["heartbeat_at"] as Double?).map(Date.init(timeIntervalSince1970:)))
    }

    static func logLockEvent(_ db: Database, sandboxId: String, at: Date, action: String, by: String, hostname: String, reason: String, previous: LockRecord?) throws {
        try db.execute(sql: """
            INSERT INTO lock_event (sandbox_id, at, action, by_user, hostname, reason, previous_pid, previous_hostname, previous_run_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [sandboxId, at.timeIntervalSince1970, action, by, hostname, reason, previous?.holder.pid, previous?.holder.hostname, previous?.runId])
    }
}

/// One entry of the lock's audit trail.
public struct LockEvent: Sendable, Hashable, Codable {
    public var at: Date
    public var action: String
    public var byUser: String
    public var hostname: String
    public var reason: String
    public var previousPid: Int32?
    public var previousRunId: String?

    public init(at: Date, action: String, byUser: String, hostname: String, reason: String, previousPid: Int32?, previousRunId: String?) {
        self.at = at
        self.action = action
        self.byUser = byUser
        self.hostname = hostname
        self.reason = reason
        self.previousPid = previousPid
        self.previousRunId = previousRunId
    }
}
