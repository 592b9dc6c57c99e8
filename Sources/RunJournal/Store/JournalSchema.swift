import GRDB

/// The journal's tables, one migration per version. Never edit a shipped migration: add one, so
/// that a journal written by an older build upgrades in place.
enum JournalSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-runs-and-entries") { db in
            try db.execute(sql: """
                CREATE TABLE run (
                    id TEXT PRIMARY KEY NOT NULL,
                    plan_name TEXT NOT NULL,
                    plan_path TEXT NOT NULL,
                    sandbox_id TEXT NOT NULL,
                    scope TEXT NOT NULL,
                    pid INTEGER NOT NULL,
                    hostname TEXT NOT NULL,
                    artifacts_dir TEXT NOT NULL,
                    started_at DOUBLE NOT NULL,
                    updated_at DOUBLE NOT NULL,
                    finished_at DOUBLE,
                    outcome TEXT,
                    exit_code INTEGER,
                    message TEXT,
                    current_step TEXT,
                    attempts INTEGER NOT NULL DEFAULT 1
                );
                CREATE INDEX run_by_plan ON run(plan_name, sandbox_id, started_at);
                CREATE TABLE entry (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    run_id TEXT NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                    at DOUBLE NOT NULL,
                    kind TEXT NOT NULL,
                    step TEXT,
                    refresh_id TEXT,
                    status TEXT,
                    progress INTEGER,
                    body TEXT NOT NULL
                );
                CREATE INDEX entry_by_run ON entry(run_id, seq);
                """)
        }
        migrator.registerMigration("v2-local-locks") { db in
            // Emulated rehearsals must never be resumed by a real run of the same plan.
            try db.execute(sql: """
                ALTER TABLE run ADD COLUMN emulated BOOLEAN NOT NULL DEFAULT 0;
                CREATE TABLE sandbox_lock (
                    sandbox_id TEXT PRIMARY KEY NOT NULL,
                    run_id TEXT,
                    plan_name TEXT,
                    pid INTEGER NOT NULL,
                    hostname TEXT NOT NULL,
                    acquired_at DOUBLE NOT NULL
                );
                CREATE TABLE lock_event (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    sandbox_id TEXT NOT NULL,
                    at DOUBLE NOT NULL,
                    action TEXT NOT NULL,
                    by_user TEXT NOT NULL,
                    hostname TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    previous_pid INTEGER,
                    previous_hostname TEXT,
                    previous_run_id TEXT
                );
                """)
        }
        migrator.registerMigration("v3-runs-per-sandbox-and-lock-liveness") { db in
            // One CI run id may refresh several sandboxes (a pipeline's GITHUB_RUN_ID is shared by
            // its jobs): a run is keyed by (run id, sandbox). SQLite cannot change a primary key,
            // so both tables are rebuilt; foreign keys are checked once the migration ends.
            try db.execute(sql: """
                CREATE TABLE run_v3 (
                    id TEXT NOT NULL,
                    sandbox_id TEXT NOT NULL,
                    plan_name TEXT NOT NULL,
                    plan_path TEXT NOT NULL,
                    scope TEXT NOT NULL,
                    pid INTEGER NOT NULL,
                    hostname TEXT NOT NULL,
                    artifacts_dir TEXT NOT NULL,
                    started_at DOUBLE NOT NULL,
                    updated_at DOUBLE NOT NULL,
                    finished_at DOUBLE,
                    outcome TEXT,
                    exit_code INTEGER,
                    message TEXT,
                    current_step TEXT,
                    attempts INTEGER NOT NULL DEFAULT 1,
                    emulated BOOLEAN NOT NULL DEFAULT 0,
                    emulator_url TEXT,
                    PRIMARY KEY (id, sandbox_id)
                );
                INSERT INTO run_v3 (id, sandbox_id, plan_name, plan_path, scope, pid, hostname, artifacts_dir, started_at, updated_at,
                                    finished_at, outcome, exit_code, message, current_step, attempts, emulated)
                    SELECT id, sandbox_id, plan_name, plan_path, scope, pid, hostname, artifacts_dir, started_at, updated_at,
                           finished_at, outcome, exit_code, message, current_step, attempts, emulated FROM run;
                CREATE TABLE entry_v3 (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    run_id TEXT NOT NULL,
                    sandbox_id TEXT NOT NULL,
                    at DOUBLE NOT NULL,
                    kind TEXT NOT NULL,
                    step TEXT,
                    refresh_id TEXT,
                    status TEXT,
                    progress INTEGER,
                    body TEXT NOT NULL,
                    FOREIGN KEY (run_id, sandbox_id) REFERENCES run(id, sandbox_id) ON DELETE CASCADE
                );
                INSERT INTO entry_v3 (seq, run_id, sandbox_id, at, kind, step, refresh_id, status, progress, body)
                    SELECT e.seq, e.run_id, r.sandbox_id, e.at, e.kind, e.step, e.refresh_id, e.status, e.progress, e.body
                    FROM entry e JOIN run r ON r.id = e.run_id;
                DROP TABLE entry;
                DROP TABLE run;
                ALTER TABLE run_v3 RENAME TO run;
                ALTER TABLE entry_v3 RENAME TO entry;
                CREATE INDEX run_by_plan ON run(plan_name, sandbox_id, started_at);
                CREATE INDEX entry_by_run ON entry(run_id, sandbox_id, seq);
                ALTER TABLE sandbox_lock ADD COLUMN boot_id TEXT;
                ALTER TABLE sandbox_lock ADD COLUMN start_time INTEGER;
                ALTER TABLE sandbox_lock ADD COLUMN heartbeat_at DOUBLE;
                """)
        }
        return migrator
    }

    static var versions: [String] { ["v1-runs-and-entries", "v2-local-locks", "v3-runs-per-sandbox-and-lock-liveness"] }
}
