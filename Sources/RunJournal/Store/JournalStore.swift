import Executor
import Foundation
import GenesysClient
import Timekeeping

/// Where runs, their entries and the sandboxes' run locks are kept. Two backends implement it:
/// `RunJournal` (a SQLite file, one machine) and `PostgresJournal` (a server shared by a fleet of
/// runners). `JournaledApply`, `status`, `history`, `resume` and `unlock` only see this protocol,
/// and one conformance suite runs against both.
public protocol JournalStore: Sendable {
    /// The file path, or the server URL without credentials: what messages name.
    var location: String { get }

    // MARK: runs
    func run(_ id: String, sandboxId: String?) async throws -> RunRecord?
    func runs(id: String) async throws -> [RunRecord]
    /// Newest first.
    func runs(planName: String?, limit: Int?) async throws -> [RunRecord]
    func unsuccessfulRunIds(sandboxId: String, emulated: Bool, limit: Int) async throws -> Set<String>
    func unfinishedRun(planName: String, sandboxId: String, emulated: Bool) async throws -> RunRecord?
    func entries(runId: String, sandboxId: String?) async throws -> [StoredEntry]
    func refreshIds(runId: String, sandboxId: String?) async throws -> [String]
    func unusedRunId(_ proposed: String, sandboxId: String) async throws -> String
    /// One entry, durable before it returns, with the run row kept current. `JournalRecorder`
    /// calls it from an unstructured task, so that a signal that stops a run cannot stop it from
    /// recording that it stopped.
    func append(_ entry: JournalEntry, runId: String, sandboxId: String?, at: Date, hostname: String, emulated: Bool, emulatorURL: String?) async throws
    /// Removes finished runs older than `cutoff` (never resumable ones) and returns them.
    func deleteRuns(finishedBefore cutoff: Date) async throws -> [RunRecord]

    // MARK: the sandbox's run lock
    func tryLock(sandboxId: String, planName: String, holder: LockHolder, at: Date,
                 heartbeatTimeout: TimeInterval, probe: @escaping @Sendable (LockHolder) -> LockLiveness) async throws -> LockAttempt
    /// False when the lock is no longer the holder's (forced open).
    func heartbeat(sandboxId: String, holder: LockHolder, at: Date) async throws -> Bool
    func assignLock(sandboxId: String, runId: String, holder: LockHolder) async throws
    func unlock(sandboxId: String, holder: LockHolder) async throws
    func forceUnlock(sandboxId: String, user: String, hostname: String, reason: String, at: Date) async throws -> LockRecord?
    func lock(sandboxId: String) async throws -> LockRecord?
    func locks() async throws -> [LockRecord]
    func lockEvents(sandboxId: String) async throws -> [LockEvent]
    /// Whether the process recorded in `record` still holds the lock. The file journal judges by
    /// pid, boot id and heartbeat; the server journal by the holder's session-level lock.
    func liveness(of record: LockRecord, at now: Date, probe: @escaping @Sendable (LockHolder) -> LockLiveness) async -> LockLiveness

    /// Ends connections (a no-op for a file).
    func close() async

    /// How often a holder must renew its lock, when the store says (a lease lock expires without
    /// renewal); nil for the default.
    var heartbeatInterval: Duration? { get }

    /// The rate budgets of the runs this store journals, one per API host and client id: in
    /// this process for a file (one machine), shared through the server with every runner for a
    /// server journal (a fleet shares the platform's limit).
    func rateBudgets(clock: any InjectedClock) -> SharedBudgets
}

extension JournalStore {
    public var heartbeatInterval: Duration? { nil }

    /// What the executor writes through, for runs of this process.
    public func recorder(sandboxId: String? = nil, hostname: String = LockHolder.current.hostname, emulated: Bool = false, emulatorURL: String? = nil) -> JournalRecorder {
        JournalRecorder(store: self, sandboxId: sandboxId, hostname: hostname, emulated: emulated, emulatorURL: emulatorURL)
    }
}

/// The executor's view of the journal: entries of this process's runs.
public struct JournalRecorder: RunJournaling {
    let store: any JournalStore
    let sandboxId: String?
    let hostname: String
    let emulated: Bool
    let emulatorURL: String?

    public func record(_ entry: JournalEntry, runId: String, at: Date) async throws {
        // An unstructured task: the caller's cancellation must not interrupt the write.
        let (store, sandboxId, hostname, emulated, emulatorURL) = (self.store, self.sandboxId, self.hostname, self.emulated, self.emulatorURL)
        try await Task {
            try await store.append(entry, runId: runId, sandboxId: sandboxId, at: at, hostname: hostname, emulated: emulated, emulatorURL: emulatorURL)
        }.value
    }
}

/// How a journal argument is read: a URL with a scheme, or a file path.
public enum JournalLocation: Sendable, Hashable {
    case file(String)
    case postgres(URL)

    public static let environmentVariable = "SANDBOX_REFRESH_JOURNAL"

    /// `--journal`, else `SANDBOX_REFRESH_JOURNAL`, else the default file.
    public static func resolve(explicit: String?, environment: [String: String]) throws -> JournalLocation {
        try parse(RunJournal.resolvePath(explicit: explicit, environment: environment))
    }

    public static func parse(_ text: String) throws -> JournalLocation {
        guard let scheme = RunJournal.urlScheme(text) else { return .file(text) }
        switch scheme {
        case "file":
            return .file(URL(string: text)?.path ?? String(text.dropFirst("file://".count)))
        case "postgres", "postgresql":
            guard let url = URL(string: text) else {
                throw RunJournal.OpenError(description: "the journal URL is not a valid URL (expected postgres://user@host:port/database?sslmode=...)")
            }
            return .postgres(url)
        default:
            throw RunJournal.OpenError(description: "'\(scheme)://' journals are not supported; give a SQLite file path (or file:// URL) or a postgres:// URL with --journal or \(environmentVariable)")
        }
    }
}
