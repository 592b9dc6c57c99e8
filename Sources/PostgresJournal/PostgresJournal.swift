import Executor
import Foundation
import Logging
import PostgresNIO
import RunJournal
import Synchronization
import Timekeeping

/// The run journal on a PostgreSQL server shared by a fleet of runners: runs and entries as in
/// the SQLite journal, run locks that are session-level advisory locks (released by the server
/// when a runner's connection dies), and the shared rate budget. Every write is one transaction
/// committed before it returns.
public final class PostgresJournal: JournalStore {
    public let url: PostgresJournalURL
    public var location: String { url.redacted }
    /// The pool as queries use it (`JournalDB`: the same directly and behind PgBouncer).
    let client: JournalDB
    let logger: Logger
    private let runner: Task<Void, Never>
    /// The dedicated sessions holding this process's run locks, by sandbox.
    let lockSessions = Mutex<[String: LockSession]>([:])
    let connectionIds = Atomic<Int>(1)
    /// The fencing tokens of the leases this process holds, by sandbox (transaction pooling).
    let leases = Mutex<[String: Int64]>([:])
    /// Whether run locks are leases (behind PgBouncer's transaction pooling) rather than sessions.
    var usesLeases: Bool { url.pooling == .transaction }

    public var heartbeatInterval: Duration? { usesLeases ? url.lease / 3 : nil }

    /// Waits out refusals for want of a connection (`?connectWait=`), on the injected clock.
    let waiter: ConnectionWaiter

    /// The wait for a connection under way in this process, if any.
    public var waiting: JournalWaitEvent? { waiter.waiting }

    /// - Parameters:
    ///   - clock: what the wait for a connection sleeps on (tests inject a virtual one).
    ///   - waiting: told of each refused attempt while the wait lasts (`journal.waiting`).
    public static func open(_ url: URL, environment: [String: String] = ProcessInfo.processInfo.environment,
                            clock: any InjectedClock = SystemClock(),
                            waiting: @escaping @Sendable (JournalWaitEvent) -> Void = { _ in }) async throws -> PostgresJournal {
        let parsed: PostgresJournalURL
        do {
            parsed = try PostgresJournalURL(url, environment: environment)
        } catch let invalid as PostgresJournalURL.Invalid {
            throw RunJournal.OpenError(description: invalid.description)
        }
        // One direct connection first: the pool retries an unreachable server forever, while
        // an operator needs to hear at once that it cannot be reached, and why.
        let waiter = ConnectionWaiter(clock: clock, limit: parsed.connectWait, location: parsed.redacted, observe: waiting)
        do {
            var logger = Logger(label: "sandbox-refresh.journal")
            logger.logLevel = .critical
            try await waiter.run {
                let probe = try await PostgresConnection.connect(configuration: try parsed.connectionConfiguration(), id: 0, logger: logger)
                try? await probe.close()
            }
        } catch let exhausted as ConnectionWaitExhausted {
            throw RunJournal.OpenError(description: exhausted.description)
        } catch {
            throw RunJournal.OpenError(description: "cannot open the journal at \(parsed.redacted): \(Self.reason(error))")
        }
        let journal = PostgresJournal(url: parsed, waiter: waiter)
        do {
            try await waiter.run {
                try await PostgresSchema.migrate(journal.client, schema: parsed.schema, location: parsed.redacted,
                                                 lockKind: parsed.pooling == .transaction ? .lease : .session, logger: journal.logger)
            }
        } catch let exhausted as ConnectionWaitExhausted {
            await journal.close()
            throw RunJournal.OpenError(description: exhausted.description)
        } catch let error as RunJournal.OpenError {
            await journal.close()
            throw error
        } catch {
            await journal.close()
            throw RunJournal.OpenError(description: "cannot open the journal at \(parsed.redacted): \(Self.reason(error))")
        }
        return journal
    }

    private init(url: PostgresJournalURL, waiter: ConnectionWaiter) {
        self.url = url
        self.waiter = waiter
        var logger = Logger(label: "sandbox-refresh.journal")
        logger.logLevel = .critical
        self.logger = logger
        let pool = PostgresClient(configuration: url.clientConfiguration(), backgroundLogger: logger)
        client = JournalDB(pool: pool, schemaPerTransaction: url.pooling == .transaction ? url.schema : nil)
        runner = Task { await pool.run() }
    }

    public func close() async {
        // Not cancellable: a stopping run still ends its sessions cleanly.
        await Task { await closeSessionsAndPool() }.value
    }

    private func closeSessionsAndPool() async {
        let sessions = lockSessions.withLock { sessions in
            defer { sessions.removeAll() }
            return Array(sessions.values)
        }
        for session in sessions { await session.end() }
        // The server releases a session's locks when its backend has gone, a moment after the
        // socket closes: wait for that (briefly), so that a runner started right after this one
        // ends finds the sandbox free rather than held by a session that is already over.
        if !sessions.isEmpty {
            let pids = sessions.map(\.backendPid)
            for _ in 0..<100 {
                let remaining = (try? await backendsAlive(pids)) ?? 0
                if remaining == 0 { break }
                try? await Task.sleep(for: .milliseconds(10))
            }
        }
        runner.cancel()
        _ = await runner.value
    }

    private func backendsAlive(_ pids: [Int32]) async throws -> Int {
        var remaining = 0
        for try await count in try await client.query("SELECT count(*)::int4 FROM pg_stat_activity WHERE pid = ANY(\(pids))", logger: logger).decode(Int32.self) {
            remaining = Int(count)
        }
        return remaining
    }

    /// A short transaction for work of the whole process (the rate budget's leases): on a lock
    /// session this process already holds, else through the pool.
    func sharedTransaction<T: Sendable>(_ operation: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        if let session = lockSessions.withLock({ $0.values.first { !$0.connection.isClosed } }) {
            do {
                return try await session.transaction(logger: logger, operation)
            } catch where session.connection.isClosed {
                // That run lost its session; the budget is not its alone to lose.
            }
        }
        let logger = self.logger
        return try await waited { try await client.withTransaction(logger: logger) { try await operation($0) } }
    }

    /// Runs `operation`, waiting out refusals for want of a connection (see `ConnectionWaiter`).
    func waited<T: Sendable>(_ operation: () async throws -> T) async throws -> T {
        try await waiter.run(operation)
    }

    /// A server error's message (PostgreSQL's own words), without the query or internals; any
    /// other error as it describes itself.
    public static func reason(_ error: any Error) -> String {
        if let exhausted = error as? ConnectionWaitExhausted { return exhausted.description }
        if let psql = error as? PSQLError {
            if let message = psql.serverInfo?[.message] {
                return "\(message)\(psql.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? "")"
            }
            if let underlying = psql.underlying { return "\(psql.code): \(underlying)" }
            return "\(psql.code)"
        }
        return "\(error)"
    }

    /// For tests and repairs: one statement, as is.
    func execute(unsafeSQL sql: String) async throws {
        try await client.query(PostgresQuery(unsafeSQL: sql), logger: logger)
    }

    // MARK: reading

    static let runColumns = """
        id, sandbox_id, plan_name, plan_path, scope, pid, hostname, artifacts_dir, started_at, updated_at, finished_at,
        outcome, exit_code, message, current_step, attempts, emulated, emulator_url
        """

    func fetchRuns(_ query: PostgresQuery) async throws -> [RunRecord] {
        try await waited { try await fetchRunsOnce(query) }
    }

    private func fetchRunsOnce(_ query: PostgresQuery) async throws -> [RunRecord] {
        var records: [RunRecord] = []
        for try await row in try await client.query(query, logger: logger) {
            let cells = row.makeRandomAccess()
            records.append(RunRecord(
                id: try cells["id"].decode(String.self), planName: try cells["plan_name"].decode(String.self),
                planPath: try cells["plan_path"].decode(String.self), sandboxId: try cells["sandbox_id"].decode(String.self),
                scope: try cells["scope"].decode(String.self), pid: try cells["pid"].decode(Int32.self),
                hostname: try cells["hostname"].decode(String.self), artifactsDirectory: try cells["artifacts_dir"].decode(String.self),
                startedAt: Date(timeIntervalSince1970: try cells["started_at"].decode(Double.self)),
                updatedAt: Date(timeIntervalSince1970: try cells["updated_at"].decode(Double.self)),
                finishedAt: try cells["finished_at"].decode(Double?.self).map(Date.init(timeIntervalSince1970:)),
                outcome: try cells["outcome"].decode(String?.self).flatMap(RunOutcome.init(rawValue:)),
                exitCode: try cells["exit_code"].decode(Int32?.self), message: try cells["message"].decode(String?.self),
                currentStep: try cells["current_step"].decode(String?.self), attempts: Int(try cells["attempts"].decode(Int32.self)),
                emulated: try cells["emulated"].decode(Bool.self), emulatorURL: try cells["emulator_url"].decode(String?.self)))
        }
        return records
    }

    public func run(_ id: String, sandboxId: String?) async throws -> RunRecord? {
        if let sandboxId {
            return try await fetchRuns(PostgresQuery(unsafeSQL: "SELECT \(Self.runColumns) FROM run WHERE id = $1 AND sandbox_id = $2", binds: try Self.binds(id, sandboxId))).first
        }
        return try await fetchRuns(PostgresQuery(unsafeSQL: "SELECT \(Self.runColumns) FROM run WHERE id = $1 ORDER BY started_at DESC LIMIT 1", binds: try Self.binds(id))).first
    }

    public func runs(id: String) async throws -> [RunRecord] {
        try await fetchRuns(PostgresQuery(unsafeSQL: "SELECT \(Self.runColumns) FROM run WHERE id = $1 ORDER BY sandbox_id", binds: try Self.binds(id)))
    }

    public func runs(planName: String?, limit: Int?) async throws -> [RunRecord] {
        var sql = "SELECT \(Self.runColumns) FROM run"
        var binds = PostgresBindings()
        if let planName { sql += " WHERE plan_name = $1"; binds.append(planName) }
        sql += " ORDER BY started_at DESC, id DESC"
        if let limit { sql += " LIMIT \(max(0, limit))" }
        return try await fetchRuns(PostgresQuery(unsafeSQL: sql, binds: binds))
    }

    public func unsuccessfulRunIds(sandboxId: String, emulated: Bool, limit: Int) async throws -> Set<String> {
        try await waited {
            var ids = Set<String>()
            let rows = try await client.query("""
                SELECT id FROM run WHERE sandbox_id = \(sandboxId) AND emulated = \(emulated) AND (outcome IS NULL OR outcome <> 'success')
                ORDER BY started_at DESC LIMIT \(limit)
                """, logger: logger)
            for try await id in rows.decode(String.self) { ids.insert(id) }
            return ids
        }
    }

    public func unfinishedRun(planName: String, sandboxId: String, emulated: Bool) async throws -> RunRecord? {
        try await fetchRuns(PostgresQuery(unsafeSQL: """
            SELECT \(Self.runColumns) FROM run WHERE plan_name = $1 AND sandbox_id = $2 AND emulated = $3
            AND (outcome IS NULL OR outcome IN ('interrupted', 'terminated')) ORDER BY started_at DESC LIMIT 1
            """, binds: try Self.binds(planName, sandboxId, emulated))).first
    }

    func newestSandbox(runId: String) async throws -> String? {
        try await waited {
            for try await sandbox in try await client.query("SELECT sandbox_id FROM run WHERE id = \(runId) ORDER BY started_at DESC LIMIT 1", logger: logger).decode(String.self) {
                return sandbox
            }
            return nil
        }
    }

    public func entries(runId: String, sandboxId: String?) async throws -> [StoredEntry] {
        try await waited {
            guard let sandbox = try await sandboxId.asyncOr({ try await newestSandbox(runId: runId) }) else { return [] }
            var entries: [StoredEntry] = []
            let rows = try await client.query("SELECT seq, at, body FROM entry WHERE run_id = \(runId) AND sandbox_id = \(sandbox) ORDER BY seq", logger: logger)
            for try await (seq, at, body) in rows.decode((Int64, Double, String).self) {
                if let entry = StoredEntry(seq: seq, runId: runId, sandboxId: sandbox, at: Date(timeIntervalSince1970: at), body: body) { entries.append(entry) }
            }
            return entries
        }
    }

    public func refreshIds(runId: String, sandboxId: String?) async throws -> [String] {
        try await waited {
            guard let sandbox = try await sandboxId.asyncOr({ try await newestSandbox(runId: runId) }) else { return [] }
            var ids: [String] = []
            let rows = try await client.query("""
                SELECT refresh_id FROM entry WHERE run_id = \(runId) AND sandbox_id = \(sandbox) AND kind = 'refresh.id'
                GROUP BY refresh_id ORDER BY MIN(seq)
                """, logger: logger)
            for try await id in rows.decode(String.self) { ids.append(id) }
            return ids
        }
    }

    public func unusedRunId(_ proposed: String, sandboxId: String) async throws -> String {
        try await waited {
            var taken = Set<String>()
            let pattern = proposed.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
            let rows = try await client.query("SELECT id FROM run WHERE sandbox_id = \(sandboxId) AND id LIKE \(pattern)", logger: logger)
            for try await id in rows.decode(String.self) { taken.insert(id) }
            var candidate = proposed
            var n = 1
            while taken.contains(candidate) {
                n += 1
                candidate = "\(proposed)-\(n)"
            }
            return candidate
        }
    }

    // MARK: writing

    public func append(_ entry: JournalEntry, runId: String, sandboxId: String?, at: Date, hostname: String, emulated: Bool, emulatorURL: String?) async throws {
        let body = String(decoding: try JSONEncoder().encode(entry), as: UTF8.self)
        let time = at.timeIntervalSince1970
        let logger = self.logger
        var sandbox = sandboxId
        if case .runStarted(let start) = entry { sandbox = start.sandboxId }
        // The run's own lock session, when this process holds the sandbox: no second session,
        // and no write from a runner whose session (and with it the lock) is gone.
        if let sandbox, let session = lockSessions.withLock({ $0[sandbox] }) {
            do {
                try await session.transaction(logger: logger) { connection in
                    try await Self.write(connection, entry, body: body, runId: runId, sandboxId: sandboxId, time: time,
                                         hostname: hostname, emulated: emulated, emulatorURL: emulatorURL, logger: logger)
                }
            } catch where session.isGone(after: error) {
                // The session, and the lock with it, ended (forced open, or the connection lost):
                // another runner may hold the sandbox now.
                throw JournalLockLost(sandboxId: sandbox, fence: nil, current: nil)
            }
            return
        }
        // A lease's fencing token is checked in the write's own transaction: a runner whose lease
        // was taken over writes nothing more (and so sends nothing more: every side effect is
        // journaled before it is sent).
        let fence = sandbox.flatMap { sandbox in leases.withLock { $0[sandbox] } }
        let fenced = sandbox
        try await waited {
            try await client.withTransaction(logger: logger) { connection in
                if let fenced, let fence { try await Self.checkFence(connection, sandboxId: fenced, fence: fence, logger: logger) }
                try await Self.write(connection, entry, body: body, runId: runId, sandboxId: sandboxId, time: time,
                                     hostname: hostname, emulated: emulated, emulatorURL: emulatorURL, logger: logger)
            }
        }
    }

    private static func write(_ db: PostgresConnection, _ entry: JournalEntry, body: String, runId: String, sandboxId: String?, time: Double,
                              hostname: String, emulated: Bool, emulatorURL: String?, logger: Logger) async throws {
        var sandbox = sandboxId
        if case .runStarted(let start) = entry { sandbox = start.sandboxId }
        if sandbox == nil {
            for try await found in try await db.query("SELECT sandbox_id FROM run WHERE id = \(runId) ORDER BY started_at DESC LIMIT 1", logger: logger).decode(String.self) {
                sandbox = found
            }
        }
        guard let sandbox else {
            throw RunJournal.OpenError(description: "no run \(runId) in the journal to append \(entry.kind) to")
        }
        switch entry {
        case .runStarted(let start):
            try await db.query("""
                INSERT INTO run (id, sandbox_id, plan_name, plan_path, scope, pid, hostname, artifacts_dir, started_at, updated_at, emulated, emulator_url)
                VALUES (\(runId), \(sandbox), \(start.planName), \(start.planPath), \(start.scope), \(start.pid), \(hostname),
                        \(start.artifactsDirectory), \(time), \(time), \(emulated), \(emulatorURL))
                """, logger: logger)
        case .runResumed(let attempt, let pid):
            try await db.query("""
                UPDATE run SET attempts = \(Int32(attempt)), pid = \(pid), hostname = \(hostname), outcome = NULL, exit_code = NULL,
                finished_at = NULL, updated_at = \(time) WHERE id = \(runId) AND sandbox_id = \(sandbox)
                """, logger: logger)
        case .stepStarted(let step):
            try await db.query("UPDATE run SET current_step = \(step), updated_at = \(time) WHERE id = \(runId) AND sandbox_id = \(sandbox)", logger: logger)
        case .outcome(let outcome, let message, _, let scope):
            try await db.query("""
                UPDATE run SET outcome = \(outcome.rawValue), exit_code = \(outcome.exitCode), message = \(message), scope = \(scope),
                finished_at = \(time), updated_at = \(time) WHERE id = \(runId) AND sandbox_id = \(sandbox)
                """, logger: logger)
        default:
            try await db.query("UPDATE run SET updated_at = \(time) WHERE id = \(runId) AND sandbox_id = \(sandbox)", logger: logger)
        }
        var step: String?
        var refreshId: String?
        var status: String?
        var progress: Int32?
        switch entry {
        case .stepStarted(let s), .stepFinished(let s, _), .aboutToSend(let s, _): step = s
        case .refreshIdReceived(let s, let id, _, _): step = s; refreshId = id
        case .statusObserved(let s, let id, let st, let p, _): step = s; refreshId = id; status = st; progress = Int32(clamping: p)
        case .gateResult(let gate, _, _): step = gate
        default: break
        }
        try await db.query("""
            INSERT INTO entry (run_id, sandbox_id, at, kind, step, refresh_id, status, progress, body)
            VALUES (\(runId), \(sandbox), \(time), \(entry.kind), \(step), \(refreshId), \(status), \(progress), \(body))
            """, logger: logger)
    }

    public func deleteRuns(finishedBefore cutoff: Date) async throws -> [RunRecord] {
        try await waited {
            let old = try await fetchRuns(PostgresQuery(unsafeSQL: """
                SELECT \(Self.runColumns) FROM run WHERE finished_at IS NOT NULL AND finished_at < $1 AND outcome NOT IN ('interrupted', 'terminated')
                """, binds: try Self.binds(cutoff.timeIntervalSince1970)))
            try await client.withTransaction(logger: logger) { connection in
                for run in old {
                    // Entries go with their run (ON DELETE CASCADE).
                    try await connection.query("DELETE FROM run WHERE id = \(run.id) AND sandbox_id = \(run.sandboxId)", logger: self.logger)
                }
            }
            return old
        }
    }

    static func binds(_ values: any PostgresEncodable & Sendable...) throws -> PostgresBindings {
        var binds = PostgresBindings()
        for value in values { try binds.append(value) }
        return binds
    }
}

extension Optional where Wrapped: Sendable {
    func asyncOr(_ fallback: () async throws -> Wrapped?) async rethrows -> Wrapped? {
        if let self { return self }
        return try await fallback()
    }
}
