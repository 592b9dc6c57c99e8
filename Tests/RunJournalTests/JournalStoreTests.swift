import Executor
import Foundation
import GRDB
@testable import RunJournal
import Testing

@Suite("journal store")
struct JournalStoreTests {
    static func tempPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("journal-\(UUID().uuidString)/journal.sqlite").path
    }

    @Test func entriesRoundTripAndTheRunRowFollowsThem() async throws {
        let path = Self.tempPath()
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path) }
        let journal = try RunJournal(path: path)
        let recorder = journal.recorder(hostname: "host-a")
        let t0 = Date(timeIntervalSince1970: 1_790_000_000)
        let written: [JournalEntry] = [
            .runStarted(RunStart(planName: "dev", planPath: "specs/dev.yaml", sandboxId: "sb-1", scope: "ARCHITECT", pid: 42, artifactsDirectory: "/tmp/a/r1")),
            .stepStarted(step: "submit.primary"),
            .aboutToSend(step: "submit.primary", effect: .submit(tag: "r1", scope: "ARCHITECT")),
            .refreshIdReceived(step: "submit.primary", refreshId: "ref-1", tag: "r1", adopted: false),
            .statusObserved(step: "poll.primary", refreshId: "ref-1", status: "IN_PROGRESS", progress: 40, errorMessage: nil),
            .gateResult(gate: "validate-flows.primary", passed: true, detail: "success"),
            .outcome(.success, message: nil, refreshIds: ["ref-1"], scope: "ROUTING,ARCHITECT"),
        ]
        for (i, entry) in written.enumerated() {
            try await recorder.record(entry, runId: "r1", at: t0.addingTimeInterval(Double(i) * 60))
        }
        // A second connection, as another process would open it, reads the same.
        let reader = try RunJournal(path: path)
        #expect(try reader.entries(runId: "r1").map(\.entry) == written)
        let run = try #require(try reader.run("r1"))
        #expect(run.planName == "dev" && run.sandboxId == "sb-1" && run.hostname == "host-a" && run.pid == 42)
        #expect(run.outcome == .success && run.exitCode == 0)
        #expect(run.scope == "ROUTING,ARCHITECT")
        #expect(run.currentStep == "submit.primary")
        #expect(run.finishedAt == t0.addingTimeInterval(6 * 60))
        #expect(try reader.refreshIds(runId: "r1") == ["ref-1"])
        #expect(try reader.unfinishedRun(planName: "dev", sandboxId: "sb-1", emulated: false) == nil)
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

    @Test func resumePointKnowsWhatMayHaveBeenSent() async throws {
        let journal = try RunJournal(path: Self.tempPath())
        let recorder = journal.recorder()
        let t0 = Date(timeIntervalSince1970: 1_790_000_000)
        try await recorder.record(.runStarted(RunStart(planName: "p", planPath: "p.yaml", sandboxId: "sb", scope: "ARCHITECT", pid: 1, artifactsDirectory: "/tmp/r")), runId: "r", at: t0)
        try await recorder.record(.aboutToSend(step: "submit.primary", effect: .submit(tag: "r", scope: "ARCHITECT")), runId: "r", at: t0)
        try await recorder.record(.refreshIdReceived(step: "submit.primary", refreshId: "ref-1", tag: "r", adopted: false), runId: "r", at: t0)
        try await recorder.record(.stepStarted(step: "poll.primary"), runId: "r", at: t0.addingTimeInterval(5))
        try await recorder.record(.aboutToSend(step: "submit.expansion", effect: .submit(tag: "r-expanded", scope: "ROUTING,ARCHITECT")), runId: "r", at: t0)
        let point = try await journal.resumePoint(for: try #require(try journal.run("r")))
        #expect(point.attempt == 2)
        #expect(point.refreshId(tag: "r") == "ref-1")
        #expect(point.mayHaveSubmitted(tag: "r-expanded") && point.refreshId(tag: "r-expanded") == nil)
        #expect(!point.mayHaveSubmitted(tag: "other"))
        #expect(point.pollStartedAt["poll.primary"] == t0.addingTimeInterval(5))
    }

    @Test func runIdsOfFinishedRunsAreNotReused() async throws {
        let journal = try RunJournal(path: Self.tempPath())
        let recorder = journal.recorder()
        let start = RunStart(planName: "p", planPath: "p.yaml", sandboxId: "sb", scope: "ARCHITECT", pid: 1, artifactsDirectory: "/tmp/r")
        try await recorder.record(.runStarted(start), runId: "gh-1", at: Date())
        #expect(try journal.unusedRunId("gh-1", sandboxId: "sb") == "gh-1-2")
        #expect(try journal.unusedRunId("gh-2", sandboxId: "sb") == "gh-2")
        #expect(try journal.unusedRunId("gh-1", sandboxId: "other") == "gh-1", "a run id is per sandbox")
    }

    @Test func oneRunIdOnTwoSandboxesIsTwoRunsWithTheirOwnEntries() async throws {
        let journal = try RunJournal(path: Self.tempPath())
        for sandbox in ["sb-a", "sb-b"] {
            let recorder = journal.recorder(sandboxId: sandbox)
            try await recorder.record(.runStarted(RunStart(planName: "p-\(sandbox)", planPath: "p.yaml", sandboxId: sandbox, scope: "ARCHITECT", pid: 1, artifactsDirectory: "/tmp/\(sandbox)")), runId: "gh-7", at: Date())
            try await recorder.record(.refreshIdReceived(step: "submit.primary", refreshId: "ref-\(sandbox)", tag: "gh-7", adopted: false), runId: "gh-7", at: Date())
        }
        #expect(try journal.runs(id: "gh-7").map(\.sandboxId) == ["sb-a", "sb-b"])
        #expect(try journal.refreshIds(runId: "gh-7", sandboxId: "sb-a") == ["ref-sb-a"])
        #expect(try journal.refreshIds(runId: "gh-7", sandboxId: "sb-b") == ["ref-sb-b"])
        #expect(try journal.run("gh-7", sandboxId: "sb-b")?.planName == "p-sb-b")
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
