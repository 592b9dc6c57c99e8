import Executor
import Foundation
import GRDB
@testable import RunJournal
import Testing

/// What only the SQLite file journal does; what every backend does is in JournalConformanceTests.
@Suite("SQLite journal")
struct JournalStoreTests {
    static func tempPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("journal-\(UUID().uuidString)/journal.sqlite").path
    }

    @Test func theJournalIsInWALModeAndFullySynchronous() async throws {
        let path = Self.tempPath()
        let journal = try RunJournal(path: path)
        #expect(try journal.journalMode() == "wal")
        let synchronous = try await journal.pool.read { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        #expect(synchronous == 2, "FULL")
    }

    @Test func migrationsAreVersionedAndUpgradeAnOlderJournalInPlace() async throws {
        let path = Self.tempPath()
        // A journal written by a build that only knew the first version.
        let old = try RunJournal(path: path, migrateUpTo: "v1-runs-and-entries")
        #expect(try old.appliedMigrations() == ["v1-runs-and-entries"])
        try await old.pool.write { db in
            try db.execute(sql: """
                INSERT INTO run (id, plan_name, plan_path, sandbox_id, scope, pid, hostname, artifacts_dir, started_at, updated_at)
                VALUES ('old-run', 'dev', 'specs/dev.yaml', 'sb-1', 'ARCHITECT', 1, 'h', '/tmp/x', 1, 1)
                """)
        }
        let upgraded = try RunJournal(path: path)
        #expect(try upgraded.appliedMigrations() == JournalSchema.versions)
        let run = try #require(try upgraded.run("old-run"))
        #expect(run.emulated == false)
        #expect(run.isResumable)
        #expect(try upgraded.unfinishedRun(planName: "dev", sandboxId: "sb-1", emulated: false)?.id == "old-run")
    }

    @Test func aJournalFromANewerVersionOrAnotherApplicationIsRefused() async throws {
        let path = Self.tempPath()
        do {
            let journal = try RunJournal(path: path)
            try await journal.pool.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')") }
        }
        #expect(throws: RunJournal.OpenError.self) { try RunJournal(path: path) }
        let foreign = Self.tempPath()
        try FileManager.default.createDirectory(at: URL(fileURLWithPath: foreign).deletingLastPathComponent(), withIntermediateDirectories: true)
        do {
            let queue = try DatabaseQueue(path: foreign)
            try await queue.write { db in try db.execute(sql: "CREATE TABLE invoices (id INTEGER)") }
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: foreign))
        do {
            _ = try RunJournal(path: foreign)
            Issue.record("a foreign database was accepted")
        } catch {
            #expect("\(error)".contains("not a sandbox-refresh journal"))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: foreign)) == before, "nothing written into it")
    }

    @Test func aVersion2JournalUpgradesKeepingItsRunsAndEntries() async throws {
        let path = Self.tempPath()
        do {
            let old = try RunJournal(path: path, migrateUpTo: "v2-local-locks")
            try await old.pool.write { db in
                try db.execute(sql: """
                    INSERT INTO run (id, plan_name, plan_path, sandbox_id, scope, pid, hostname, artifacts_dir, started_at, updated_at)
                    VALUES ('old-1', 'p', 'p.yaml', 'sb', 'ARCHITECT', 1, 'h', '/tmp/a', 1, 1);
                    INSERT INTO entry (run_id, at, kind, refresh_id, body) VALUES ('old-1', 1, 'refresh.id', 'ref-9', '{}');
                    """)
            }
        }
        let upgraded = try RunJournal(path: path)
        #expect(try upgraded.appliedMigrations() == JournalSchema.versions)
        #expect(try upgraded.run("old-1")?.sandboxId == "sb")
        #expect(try upgraded.refreshIds(runId: "old-1", sandboxId: "sb") == ["ref-9"])
    }
}

@Suite("journal locations")
struct JournalLocationTests {
    @Test func aURLOfAnotherBackendIsRefusedAndNoFileIsCreated() throws {
        let existedBefore = FileManager.default.fileExists(atPath: "postgres:")
        do {
            _ = try RunJournal(path: "postgres://ci@db.example.test:5432/refresh?sslmode=require")
            Issue.record("a postgres:// journal was accepted")
        } catch {
            #expect("\(error)".contains("'postgres://' journals are not supported"), "\(error)")
        }
        #expect(FileManager.default.fileExists(atPath: "postgres:") == existedBefore, "no file named after the URL")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("journal-url-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let fileURL = directory.appendingPathComponent("j.sqlite")
        _ = try RunJournal(path: fileURL.absoluteString)
        #expect(FileManager.default.fileExists(atPath: fileURL.path), "file:// URLs are paths")
    }
}
