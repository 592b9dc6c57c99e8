import Executor
import Foundation
import GRDB

/// The run journal: a SQLite file (WAL, synchronous=FULL) written ahead of every side effect.
/// One instance per process and file; several processes may open the same file, and SQLite's
/// own locking keeps their transactions apart.
public final class RunJournal: Sendable {
    public static let defaultPath = ".sandbox-refresh/journal.sqlite"
    public static let environmentVariable = "SANDBOX_REFRESH_JOURNAL"

    public let path: String
    let pool: DatabasePool

    /// `--journal`, else `SANDBOX_REFRESH_JOURNAL`, else the default, relative to the working directory.
    public static func resolvePath(explicit: String?, environment: [String: String]) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let fromEnvironment = environment[environmentVariable], !fromEnvironment.isEmpty { return fromEnvironment }
        return defaultPath
    }

    /// Opens (creating the directory and file if needed) and migrates to the latest version.
    public init(path: String, migrateUpTo target: String? = nil) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        var configuration = Configuration()
        // Another process (a second cron run, `status`) may hold the write lock for a moment.
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // WAL's default NORMAL can lose the last commits on power loss; an entry that
            // guards a side effect must survive it.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        self.path = path
        pool = try DatabasePool(path: path, configuration: configuration)
        if let target {
            try JournalSchema.migrator.migrate(pool, upTo: target)
        } else {
            try JournalSchema.migrator.migrate(pool)
        }
    }

    /// The migrations applied to this file, oldest first.
    public func appliedMigrations() throws -> [String] {
        try pool.read { db in try JournalSchema.migrator.appliedMigrations(db) }
    }

    public func journalMode() throws -> String {
        try pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    /// What the executor writes through, for runs of this process.
    public func recorder(hostname: String = LockHolder.current.hostname, emulated: Bool = false) -> JournalRecorder {
        JournalRecorder(journal: self, hostname: hostname, emulated: emulated)
    }

    // MARK: reading

    public func run(_ id: String) throws -> RunRecord? {
        try pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM run WHERE id = ?", arguments: [id]).map(RunRecord.init(row:)) }
    }

    /// The newest run of this plan on this sandbox that did not finish.
    public func unfinishedRun(planName: String, sandboxId: String, emulated: Bool) throws -> RunRecord? {
        try pool.read { db in
            try Row.fetchOne(db, sql: """
                SELECT * FROM run WHERE plan_name = ? AND sandbox_id = ? AND emulated = ? AND (outcome IS NULL OR outcome = 'interrupted')
                ORDER BY started_at DESC, rowid DESC LIMIT 1
                """, arguments: [planName, sandboxId, emulated]).map(RunRecord.init(row:))
        }
    }

    /// Newest first.
    public func runs(planName: String? = nil, limit: Int? = nil) throws -> [RunRecord] {
        try pool.read { db in
            var sql = "SELECT * FROM run"
            var arguments: StatementArguments = []
            if let planName { sql += " WHERE plan_name = ?"; arguments += [planName] }
            sql += " ORDER BY started_at DESC, rowid DESC"
            if let limit { sql += " LIMIT ?"; arguments += [limit] }
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(RunRecord.init(row:))
        }
    }

    public func entries(runId: String) throws -> [StoredEntry] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM entry WHERE run_id = ? ORDER BY seq", arguments: [runId]).compactMap(StoredEntry.init(row:))
        }
    }

    /// Refresh ids a run submitted or adopted, in order.
    public func refreshIds(runId: String) throws -> [String] {
        try pool.read { db in
            try String.fetchAll(db, sql: "SELECT refresh_id FROM entry WHERE run_id = ? AND kind = 'refresh.id' GROUP BY refresh_id ORDER BY MIN(seq)", arguments: [runId])
        }
    }

    /// A run id not used yet: `proposed`, else `proposed-2`, `-3`... (a CI system re-running a
    /// finished pipeline keeps its id, but each of our runs needs its own refresh tag).
    public func unusedRunId(_ proposed: String) throws -> String {
        try pool.read { db in
            var candidate = proposed
            var n = 1
            while try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM run WHERE id = ?)", arguments: [candidate]) == true {
                n += 1
                candidate = "\(proposed)-\(n)"
            }
            return candidate
        }
    }

    // MARK: writing

    /// One entry, in one durable transaction, with the run row kept current.
    func append(_ entry: JournalEntry, runId: String, at: Date, hostname: String, emulated: Bool) async throws {
        let body = String(decoding: try JSONEncoder().encode(entry), as: UTF8.self)
        let time = at.timeIntervalSince1970
        try await pool.write { db in
            switch entry {
            case .runStarted(let start):
                try db.execute(sql: """
                    INSERT INTO run (id, plan_name, plan_path, sandbox_id, scope, pid, hostname, artifacts_dir, started_at, updated_at, emulated)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [runId, start.planName, start.planPath, start.sandboxId, start.scope, start.pid, hostname, start.artifactsDirectory, time, time, emulated])
            case .runResumed(let attempt, let pid):
                try db.execute(sql: "UPDATE run SET attempts = ?, pid = ?, hostname = ?, outcome = NULL, exit_code = NULL, finished_at = NULL, updated_at = ? WHERE id = ?",
                               arguments: [attempt, pid, hostname, time, runId])
            case .stepStarted(let step):
                try db.execute(sql: "UPDATE run SET current_step = ?, updated_at = ? WHERE id = ?", arguments: [step, time, runId])
            case .outcome(let outcome, let message, _, let scope):
                try db.execute(sql: "UPDATE run SET outcome = ?, exit_code = ?, message = ?, scope = ?, finished_at = ?, updated_at = ? WHERE id = ?",
                               arguments: [outcome.rawValue, outcome.exitCode, message, scope, time, time, runId])
            default:
                try db.execute(sql: "UPDATE run SET updated_at = ? WHERE id = ?", arguments: [time, runId])
            }
            var step: String?
            var refreshId: String?
            var status: String?
            var progress: Int?
            switch entry {
            case .stepStarted(let s), .stepFinished(let s, _), .aboutToSend(let s, _): step = s
            case .refreshIdReceived(let s, let id, _, _): step = s; refreshId = id
            case .statusObserved(let s, let id, let st, let p, _): step = s; refreshId = id; status = st; progress = p
            case .gateResult(let gate, _, _): step = gate
            default: break
            }
            try db.execute(sql: "INSERT INTO entry (run_id, at, kind, step, refresh_id, status, progress, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           arguments: [runId, time, entry.kind, step, refreshId, status, progress, body])
        }
    }
}

/// The executor's view of the journal: entries of this process's runs.
public struct JournalRecorder: RunJournaling {
    let journal: RunJournal
    let hostname: String
    let emulated: Bool

    public func record(_ entry: JournalEntry, runId: String, at: Date) async throws {
        try await journal.append(entry, runId: runId, at: at, hostname: hostname, emulated: emulated)
    }
}
