import Foundation
import Logging
import PostgresNIO
import RunJournal

/// The journal's tables on a PostgreSQL server, one migration per version, applied by the tool
/// itself. Runners of several versions may share a server: a newer schema is refused by an older
/// tool, and concurrent first starts are serialized by a transaction-level advisory lock.
enum PostgresSchema {
    static let migrations: [(version: String, sql: [String])] = [
        ("pg-v1-runs-locks-budget", [
            """
            CREATE TABLE run (
                id TEXT NOT NULL,
                sandbox_id TEXT NOT NULL,
                plan_name TEXT NOT NULL,
                plan_path TEXT NOT NULL,
                scope TEXT NOT NULL,
                pid INTEGER NOT NULL,
                hostname TEXT NOT NULL,
                artifacts_dir TEXT NOT NULL,
                started_at DOUBLE PRECISION NOT NULL,
                updated_at DOUBLE PRECISION NOT NULL,
                finished_at DOUBLE PRECISION,
                outcome TEXT,
                exit_code INTEGER,
                message TEXT,
                current_step TEXT,
                attempts INTEGER NOT NULL DEFAULT 1,
                emulated BOOLEAN NOT NULL DEFAULT FALSE,
                emulator_url TEXT,
                PRIMARY KEY (id, sandbox_id)
            )
            """,
            "CREATE INDEX run_by_plan ON run (plan_name, sandbox_id, started_at)",
            """
            CREATE TABLE entry (
                seq BIGSERIAL PRIMARY KEY,
                run_id TEXT NOT NULL,
                sandbox_id TEXT NOT NULL,
                at DOUBLE PRECISION NOT NULL,
                kind TEXT NOT NULL,
                step TEXT,
                refresh_id TEXT,
                status TEXT,
                progress INTEGER,
                body TEXT NOT NULL,
                FOREIGN KEY (run_id, sandbox_id) REFERENCES run (id, sandbox_id) ON DELETE CASCADE
            )
            """,
            "CREATE INDEX entry_by_run ON entry (run_id, sandbox_id, seq)",
            """
            CREATE TABLE sandbox_lock (
                sandbox_id TEXT PRIMARY KEY,
                run_id TEXT,
                plan_name TEXT,
                pid INTEGER NOT NULL,
                hostname TEXT NOT NULL,
                boot_id TEXT,
                start_time BIGINT,
                job_url TEXT,
                acquired_at DOUBLE PRECISION NOT NULL,
                heartbeat_at DOUBLE PRECISION,
                session_pid INTEGER
            )
            """,
            """
            CREATE TABLE lock_event (
                seq BIGSERIAL PRIMARY KEY,
                sandbox_id TEXT NOT NULL,
                at DOUBLE PRECISION NOT NULL,
                action TEXT NOT NULL,
                by_user TEXT NOT NULL,
                hostname TEXT NOT NULL,
                reason TEXT NOT NULL,
                previous_pid INTEGER,
                previous_hostname TEXT,
                previous_run_id TEXT
            )
            """,
            """
            CREATE TABLE rate_budget (
                client_key TEXT PRIMARY KEY,
                tokens DOUBLE PRECISION NOT NULL,
                updated_at DOUBLE PRECISION NOT NULL,
                granted BIGINT NOT NULL DEFAULT 0
            )
            """,
        ]),
        // Lease locks for transaction pooling (PgBouncer): an expiry renewed by the heartbeat and
        // a fencing token per sandbox that only ever grows (kept apart from the lock row, which
        // goes with each release), and the kind of lock this journal's runners use.
        ("pg-v2-lease-locks", [
            "ALTER TABLE sandbox_lock ADD COLUMN lease_expires_at DOUBLE PRECISION, ADD COLUMN fence BIGINT",
            "CREATE TABLE sandbox_fence (sandbox_id TEXT PRIMARY KEY, fence BIGINT NOT NULL)",
            "CREATE TABLE journal_setting (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        ]),
    ]

    static var versions: [String] { migrations.map(\.version) }

    /// Creates the schema (if named) and applies what is missing, under a transaction-level
    /// advisory lock so that exactly one of several starting runners does it.
    static func migrate(_ client: JournalDB, schema: String?, location: String, lockKind: LockKind, logger: Logger) async throws {
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresLockKey.migrationClass), 0)", logger: logger)
            if let schema {
                // The name passed PostgresJournalURL's identifier check; it cannot be bound.
                try await connection.query(PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \"\(schema)\""), logger: logger)
            }
            try await connection.query("""
                CREATE TABLE IF NOT EXISTS sr_migration (version TEXT PRIMARY KEY, applied_at DOUBLE PRECISION NOT NULL)
                """, logger: logger)
            var applied: [String] = []
            for try await version in try await connection.query("SELECT version FROM sr_migration ORDER BY applied_at", logger: logger).decode(String.self) {
                applied.append(version)
            }
            let known = Set(versions)
            if let newer = applied.first(where: { !known.contains($0) }) {
                throw RunJournal.OpenError(description: "the journal at \(location) was written by a newer sandbox-refresh (migration '\(newer)' is unknown to this version); upgrade the tool")
            }
            for migration in migrations where !applied.contains(migration.version) {
                for statement in migration.sql {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                let now = Date().timeIntervalSince1970
                try await connection.query("INSERT INTO sr_migration (version, applied_at) VALUES (\(migration.version), \(now))", logger: logger)
            }
            // The first runner decides the journal's kind of lock; a runner of the other kind
            // would not exclude, or be excluded by, the others: it is refused, never let in.
            try await connection.query("INSERT INTO journal_setting (key, value) VALUES ('lock_kind', \(lockKind.rawValue)) ON CONFLICT (key) DO NOTHING",
                                       logger: logger)
            for try await kind in try await connection.query("SELECT value FROM journal_setting WHERE key = 'lock_kind'", logger: logger).decode(String.self) {
                guard kind == lockKind.rawValue else {
                    throw RunJournal.OpenError(description: "the journal at \(location) uses \(LockKind(rawValue: kind)?.phrase ?? kind) and this runner \(lockKind.phrase); give every runner the same ?pooling= (docs/operations.md, PgBouncer)")
                }
            }
        }
    }
}

/// The kind of run lock a journal's runners use: recorded once per journal.
enum LockKind: String, Sendable {
    /// Session-level advisory locks (direct connections, `?pooling=session`, the default).
    case session
    /// Lease rows with fencing tokens (`?pooling=transaction`, behind PgBouncer).
    case lease

    var phrase: String {
        switch self {
        case .session: return "session locks (direct connections, pooling=session)"
        case .lease: return "lease locks (PgBouncer transaction pooling, pooling=transaction)"
        }
    }
}

/// The two-key advisory locks the journal takes: `(class, key)`, with the key derived from the
/// sandbox id (and the schema, so that independent journals in one database never collide).
enum PostgresLockKey {
    /// "SR"
    static let runLockClass: Int32 = 0x5352
    static let migrationClass: Int32 = 0x5353

    /// FNV-1a, 31 bits: a stable key that is the same in every process and version.
    static func key(sandboxId: String, schema: String?) -> Int32 {
        var hash: UInt32 = 2_166_136_261
        for byte in "\(schema ?? "public")/\(sandboxId)".utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return Int32(bitPattern: hash & 0x7fff_ffff)
    }
}
