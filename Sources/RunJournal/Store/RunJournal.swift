import Executor
import Foundation
import GenesysClient
import GRDB
import Timekeeping

/// The run journal: a SQLite file (WAL, synchronous=FULL) written ahead of every side effect.
/// One instance per process and file; several processes may open the same file, and SQLite's
/// own locking keeps their transactions apart. A run is keyed by (run id, sandbox).
public final class RunJournal: JournalStore {
    public static let defaultPath = ".sandbox-refresh/journal.sqlite"
    public static let environmentVariable = "SANDBOX_REFRESH_JOURNAL"

    public let path: String
    let pool: DatabasePool
    public var location: String { path }

    /// Why a journal could not be opened, in words an operator can act on.
    public struct OpenError: Error, CustomStringConvertible, Sendable {
        public var description: String
        public init(description: String) { self.description = description }
    }

    /// `--journal`, else `SANDBOX_REFRESH_JOURNAL`, else the default, relative to the working directory.
    public static func resolvePath(explicit: String?, environment: [String: String]) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let fromEnvironment = environment[environmentVariable], !fromEnvironment.isEmpty { return fromEnvironment }
        return defaultPath
    }

    /// Opens (creating the directory and file if needed) and migrates to the latest version.
    /// Refuses a file that is not a journal (another application's database) and one written by
    /// a newer version of the tool; migrations of several processes starting at once are
    /// serialized, so exactly one of them creates or upgrades the tables.
    ///
    /// `durable: false` skips the flush to disk after each commit, for the simulator, whose
    /// crashes are cancelled tasks in one process rather than power losses.
    public init(path: String, migrateUpTo target: String? = nil, durable: Bool = true) throws {
        // A journal is a file path (or file:// URL). Anything else that looks like a URL names a
        // backend this build does not have: refuse it rather than create a file called "postgres:".
        if let scheme = Self.urlScheme(path), scheme != "file" {
            throw OpenError(description: "'\(scheme)://' journals are not supported by this build; give a SQLite file path (or file:// URL) with --journal or \(Self.environmentVariable)")
        }
        let path = path.hasPrefix("file://") ? (URL(string: path)?.path ?? path) : path
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw OpenError(description: "cannot create the directory \(url.deletingLastPathComponent().path): \(Self.reason(error))")
        }
        var configuration = Configuration()
        // Another process (a second cron run, `status`) may hold the write lock for a moment.
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // WAL's default NORMAL can lose the last commits on power loss; an entry that
            // guards a side effect must survive it.
            try db.execute(sql: durable ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = OFF")
        }
        self.path = path
        // Looked at read-only first: opening a pool switches the file to WAL, a write that a
        // foreign database or one from a newer version must not get.
        if Self.isRollbackModeDatabase(path) {
            var readOnly = Configuration()
            readOnly.readonly = true
            let probe: DatabaseQueue
            do {
                probe = try DatabaseQueue(path: path, configuration: readOnly)
            } catch {
                throw OpenError(description: "cannot open \(path) as a SQLite database: \(Self.reason(error))")
            }
            try Self.check(Self.inspect(probe, path: path), path: path)
        }
        do {
            pool = try MigrationLock.holding(path: path + ".migrate-lock") {
                try DatabasePool(path: path, configuration: configuration)
            }
        } catch let error as OpenError {
            throw error
        } catch {
            throw OpenError(description: "cannot open \(path) as a SQLite database: \(Self.reason(error))")
        }
        try migrate(upTo: target)
    }

    private func migrate(upTo target: String?) throws {
        let migrator = JournalSchema.migrator
        let applied = try Self.inspect(pool, path: path)
        try Self.check(applied, path: path)
        let wanted = target.map { Array(JournalSchema.versions.prefix(through: JournalSchema.versions.firstIndex(of: $0) ?? JournalSchema.versions.count - 1)) } ?? JournalSchema.versions
        guard !Set(wanted).subtracting(applied.migrations).isEmpty else { return }
        do {
            try MigrationLock.holding(path: path + ".migrate-lock") {
                if let target {
                    try migrator.migrate(pool, upTo: target)
                } else {
                    try migrator.migrate(pool)
                }
            }
        } catch {
            throw OpenError(description: "cannot create or upgrade the journal tables in \(path): \(Self.reason(error))")
        }
    }

    /// The scheme of a `scheme://...` argument, if it is one.
    static func urlScheme(_ text: String) -> String? {
        guard let range = text.range(of: "://") else { return nil }
        let scheme = text[..<range.lowerBound]
        guard let first = scheme.first, first.isLetter, scheme.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }) else { return nil }
        return scheme.lowercased()
    }

    /// A SQLite file not in WAL mode (header bytes 18-19 are 1): never one of ours, which are
    /// always WAL, so it is inspected read-only. (A WAL file can only be read with write access
    /// to its shared memory, and opening one as a pool changes nothing in it.)
    private static func isRollbackModeDatabase(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let header = try? handle.read(upToCount: 20), header.count == 20 else { return false }
        return header.prefix(16).elementsEqual(Array("SQLite format 3\0".utf8)) && header[18] == 1
    }

    /// Refuses a database that is not a journal and one written by a newer version.
    private static func check(_ found: (migrations: [String], foreignTables: [String]), path: String) throws {
        let known = Set(JournalSchema.versions)
        if let newer = found.migrations.first(where: { !known.contains($0) }) {
            throw OpenError(description: "\(path) was written by a newer sandbox-refresh (journal migration '\(newer)' is unknown to this version); upgrade the tool, or use another --journal")
        }
        if found.migrations.isEmpty, !found.foreignTables.isEmpty {
            throw OpenError(description: "\(path) is a SQLite database but not a sandbox-refresh journal (it has tables \(found.foreignTables.prefix(5).joined(separator: ", "))); nothing was written to it; give another --journal")
        }
    }

    /// The migrations recorded in the file and any tables that are not the journal's.
    private static func inspect(_ reader: some DatabaseReader, path: String) throws -> (migrations: [String], foreignTables: [String]) {
        do {
            return try reader.read { db in
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                guard tables.contains("grdb_migrations") else { return ([], tables) }
                return (try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"), [])
            }
        } catch {
            throw OpenError(description: "cannot read \(path) as a SQLite database: \(reason(error))")
        }
    }

    /// An error's message without Foundation's or SQLite's dump of internals.
    static func reason(_ error: any Error) -> String {
        if let database = error as? DatabaseError { return database.message ?? "\(database.resultCode)" }
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, let text = underlying.localizedFailureReason ?? Optional(underlying.localizedDescription) {
            return text
        }
        return ns.localizedDescription
    }

    /// The migrations applied to this file, oldest first.
    public func appliedMigrations() throws -> [String] {
        try pool.read { db in try JournalSchema.migrator.appliedMigrations(db) }
    }

    public func journalMode() throws -> String {
        try pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    // MARK: reading

    /// The run with this id on `sandboxId`; without a sandbox, the newest run with this id.
    public func run(_ id: String, sandboxId: String? = nil) throws -> RunRecord? {
        try pool.read { db in
            if let sandboxId {
                return try Row.fetchOne(db, sql: "SELECT * FROM run WHERE id = ? AND sandbox_id = ?", arguments: [id, sandboxId]).map(RunRecord.init(row:))
            }
            return try Row.fetchOne(db, sql: "SELECT * FROM run WHERE id = ? ORDER BY started_at DESC, rowid DESC LIMIT 1", arguments: [id]).map(RunRecord.init(row:))
        }
    }

    /// Every run with this id, one per sandbox it refreshed.
    public func runs(id: String) throws -> [RunRecord] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM run WHERE id = ? ORDER BY sandbox_id", arguments: [id]).map(RunRecord.init(row:))
        }
    }

    /// Ids of the newest runs on this sandbox that did not succeed (ended in failure, stopped,
    /// or unfinished). Asked under the sandbox's lock, when no other process runs any of them.
    public func unsuccessfulRunIds(sandboxId: String, emulated: Bool, limit: Int = 200) throws -> Set<String> {
        try pool.read { db in
            Set(try String.fetchAll(db, sql: """
                SELECT id FROM run WHERE sandbox_id = ? AND emulated = ? AND (outcome IS NULL OR outcome != 'success')
                ORDER BY started_at DESC LIMIT ?
                """, arguments: [sandboxId, emulated, limit]))
        }
    }

    /// The newest run of this plan on this sandbox that did not finish.
    public func unfinishedRun(planName: String, sandboxId: String, emulated: Bool) throws -> RunRecord? {
        try pool.read { db in
            try Row.fetchOne(db, sql: """
                SELECT * FROM run WHERE plan_name = ? AND sandbox_id = ? AND emulated = ? AND (outcome IS NULL OR outcome IN ('interrupted', 'terminated'))
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

    public func entries(runId: String, sandboxId: String? = nil) throws -> [StoredEntry] {
        try pool.read { db in
            let sandbox = try sandboxId ?? Self.newestSandbox(db, runId: runId)
            return try Row.fetchAll(db, sql: "SELECT * FROM entry WHERE run_id = ? AND sandbox_id = ? ORDER BY seq", arguments: [runId, sandbox]).compactMap(StoredEntry.init(row:))
        }
    }

    /// Refresh ids a run submitted or adopted, in order.
    public func refreshIds(runId: String, sandboxId: String? = nil) throws -> [String] {
        try pool.read { db in
            let sandbox = try sandboxId ?? Self.newestSandbox(db, runId: runId)
            return try String.fetchAll(db, sql: """
                SELECT refresh_id FROM entry WHERE run_id = ? AND sandbox_id = ? AND kind = 'refresh.id' GROUP BY refresh_id ORDER BY MIN(seq)
                """, arguments: [runId, sandbox])
        }
    }

    /// A run id not used yet on this sandbox: `proposed`, else `proposed-2`, `-3`... (a CI system
    /// re-running a finished pipeline keeps its id, but each of our runs needs its own refresh tag).
    public func unusedRunId(_ proposed: String, sandboxId: String) throws -> String {
        try pool.read { db in
            var candidate = proposed
            var n = 1
            while try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM run WHERE id = ? AND sandbox_id = ?)", arguments: [candidate, sandboxId]) == true {
                n += 1
                candidate = "\(proposed)-\(n)"
            }
            return candidate
        }
    }

    static func newestSandbox(_ db: Database, runId: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT sandbox_id FROM run WHERE id = ? ORDER BY started_at DESC, rowid DESC LIMIT 1", arguments: [runId])
    }

    // MARK: writing

    /// One entry, in one durable transaction, with the run row kept current (see
    /// `JournalStore.append` for why the recorder makes it uncancellable).
    public func append(_ entry: JournalEntry, runId: String, sandboxId: String?, at: Date, hostname: String, emulated: Bool, emulatorURL: String?) async throws {
        let body = String(decoding: try JSONEncoder().encode(entry), as: UTF8.self)
        let time = at.timeIntervalSince1970
        try await pool.write { db in
            try Self.write(db, entry, body: body, runId: runId, sandboxId: sandboxId, time: time, hostname: hostname, emulated: emulated, emulatorURL: emulatorURL)
        }
    }

    public func close() async {}

    /// One machine: the budgets are this process's own.
    public func rateBudgets(clock: any InjectedClock) -> SharedBudgets {
        SharedBudgets(clock: clock)
    }

    private static func write(_ db: Database, _ entry: JournalEntry, body: String, runId: String, sandboxId: String?, time: Double,
                              hostname: String, emulated: Bool, emulatorURL: String?) throws {
        var sandbox = sandboxId
        if case .runStarted(let start) = entry { sandbox = start.sandboxId }
        guard let sandbox = try sandbox ?? newestSandbox(db, runId: runId) else {
            throw OpenError(description: "no run \(runId) in the journal to append \(entry.kind) to")
        }
        let key: StatementArguments = [runId, sandbox]
        switch entry {
        case .runStarted(let start):
            try db.execute(sql: """
                INSERT INTO run (id, sandbox_id, plan_name, plan_path, scope, pid, hostname, artifacts_dir, started_at, updated_at, emulated, emulator_url)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [runId, sandbox, start.planName, start.planPath, start.scope, start.pid, hostname, start.artifactsDirectory, time, time, emulated, emulatorURL])
        case .runResumed(let attempt, let pid):
            try db.execute(sql: "UPDATE run SET attempts = ?, pid = ?, hostname = ?, outcome = NULL, exit_code = NULL, finished_at = NULL, updated_at = ? WHERE id = ? AND sandbox_id = ?",
                           arguments: [attempt, pid, hostname, time] + key)
        case .stepStarted(let step):
            try db.execute(sql: "UPDATE run SET current_step = ?, updated_at = ? WHERE id = ? AND sandbox_id = ?", arguments: [step, time] + key)
        case .outcome(let outcome, let message, _, let scope):
            try db.execute(sql: "UPDATE run SET outcome = ?, exit_code = ?, message = ?, scope = ?, finished_at = ?, updated_at = ? WHERE id = ? AND sandbox_id = ?",
                           arguments: [outcome.rawValue, outcome.exitCode, message, scope, time, time] + key)
        default:
            try db.execute(sql: "UPDATE run SET updated_at = ? WHERE id = ? AND sandbox_id = ?", arguments: [time] + key)
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
        try db.execute(sql: "INSERT INTO entry (run_id, sandbox_id, at, kind, step, refresh_id, status, progress, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       arguments: [runId, sandbox, time, entry.kind, step, refreshId, status, progress, body])
    }
}
