import Foundation
import PostgresJournal
import RunJournal
import Testing

/// The journal backends the conformance tests run against. PostgreSQL needs a server:
/// `.ci/run` starts a throwaway one and exports its URL; locally,
///
///     eval "$(bash .ci/postgres.sh)" && swift test
///
/// does the same. Without the URL the PostgreSQL cases are left out locally, and fail in CI
/// (`CI` set), so that they never silently skip there.
enum JournalBackend: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case sqlite
    case postgres
    /// The same server through PgBouncer in transaction pooling (`.ci/postgres.sh` starts it):
    /// lease locks and a search_path set per transaction.
    case pgbouncer

    static let urlVariable = "SANDBOX_REFRESH_TEST_POSTGRES"
    static let pgbouncerVariable = "SANDBOX_REFRESH_TEST_PGBOUNCER"

    static var pgbouncerURL: String? {
        ProcessInfo.processInfo.environment[pgbouncerVariable].flatMap { $0.isEmpty ? nil : $0 }
    }

    static var pgbouncerEnabled: Bool { pgbouncerURL != nil || inCI }

    /// The backends the conformance suite runs against: PgBouncer too when it is configured.
    static var conformance: [JournalBackend] { enabled + (pgbouncerEnabled ? [.pgbouncer] : []) }

    /// The server backends a cross-host lock test runs against.
    static var servers: [JournalBackend] { (postgresEnabled ? [.postgres] : []) + (pgbouncerEnabled ? [.pgbouncer] : []) }

    static var serverURL: String? {
        ProcessInfo.processInfo.environment[urlVariable].flatMap { $0.isEmpty ? nil : $0 }
    }

    static var inCI: Bool { ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty && $0 != "false" } ?? false }

    static var postgresEnabled: Bool { serverURL != nil || inCI }

    /// The backends to run: both when a server is configured (or in CI), else SQLite alone.
    static var enabled: [JournalBackend] { postgresEnabled ? [.sqlite, .postgres] : [.sqlite] }

    static let howToRun = "PostgreSQL tests need \(urlVariable) (and \(pgbouncerVariable) for PgBouncer): run `eval \"$(bash .ci/postgres.sh)\"` first"

    var testDescription: String { rawValue }

    /// A fresh, empty journal location: a new file, or a new schema on the test server.
    func newLocation() throws -> String {
        switch self {
        case .sqlite:
            return FileManager.default.temporaryDirectory.appendingPathComponent("journal-\(UUID().uuidString)/journal.sqlite").path
        case .postgres:
            guard let url = Self.serverURL else {
                throw Unconfigured()
            }
            let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(20).lowercased()
            return url + (url.contains("?") ? "&" : "?") + "schema=\(schema)"
        case .pgbouncer:
            guard let url = Self.pgbouncerURL else {
                throw Unconfigured()
            }
            let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(20).lowercased()
            return url + (url.contains("?") ? "&" : "?") + "schema=\(schema)&pooling=transaction"
        }
    }

    struct Unconfigured: Error, CustomStringConvertible {
        var description: String { JournalBackend.howToRun }
    }

    /// Opens `location` as a new process would.
    func open(_ location: String) async throws -> any JournalStore {
        switch try JournalLocation.parse(location) {
        case .file(let path): return try RunJournal(path: path)
        case .postgres(let url): return try await PostgresJournal.open(url, environment: [:])
        }
    }
}
