import Executor
import Foundation
@testable import PostgresJournal
import RunJournal
import Testing

/// The lease lock of `?pooling=transaction` (PgBouncer's transaction pooling): taken over only
/// once expired, with a fencing token that refuses the old holder's next write. A lease is made
/// to expire by setting its expiry, not by waiting for it.
@Suite("lease lock", .enabled(if: JournalBackend.postgresEnabled, Comment(rawValue: JournalBackend.howToRun)))
struct LeaseLockTests {
    /// Through PgBouncer when it is configured, else the server directly (leases work on both).
    static func leaseLocation() throws -> String {
        if JournalBackend.pgbouncerURL != nil { return try JournalBackend.pgbouncer.newLocation() }
        return try JournalBackend.postgres.newLocation() + "&pooling=transaction"
    }

    static func start(_ sandbox: String) -> JournalEntry {
        .runStarted(RunStart(planName: "p", planPath: "specs/p.yaml", sandboxId: sandbox, scope: "ARCHITECT", pid: 1, artifactsDirectory: "/tmp/a"))
    }

    @Test func aLeaseIsTakenOverOnlyOnceExpiredAndTheOldHolderWritesNothingMore() async throws {
        let location = try Self.leaseLocation() + "&lease=45s"
        let first = try await JournalBackend.postgres.open(location)
        let second = try await JournalBackend.postgres.open(location)
        defer { Task { await first.close(); await second.close() } }
        #expect(first.heartbeatInterval == .seconds(15), "renewed three times per lease")
        let a = LockHolder(pid: 100, hostname: "runner-a")
        let b = LockHolder(pid: 200, hostname: "runner-b")
        #expect(try await first.tryLock(sandboxId: "sb", planName: "p", holder: a, at: Date(), heartbeatTimeout: 300, probe: LockHolder.probe) == .acquired(takenOverFrom: nil))
        try await first.assignLock(sandboxId: "sb", runId: "run-a", holder: a)
        let recorderA = first.recorder(sandboxId: "sb", hostname: "runner-a")
        try await recorderA.record(Self.start("sb"), runId: "run-a", at: Date())
        guard case .held(let record) = try await second.tryLock(sandboxId: "sb", planName: "p", holder: b, at: Date(), heartbeatTimeout: 300, probe: LockHolder.probe) else {
            Issue.record("a live lease was taken"); return
        }
        #expect(await second.liveness(of: record, at: Date(), probe: { _ in .dead("a pid probe must not decide") }) == .alive)
        #expect(try await first.heartbeat(sandboxId: "sb", holder: a, at: Date()))

        // a's heartbeat stops past the expiry.
        let admin = try #require(second as? PostgresJournal)
        try await admin.execute(unsafeSQL: "UPDATE sandbox_lock SET lease_expires_at = 0")
        guard case .dead = await second.liveness(of: record, at: Date(), probe: LockHolder.probe) else {
            Issue.record("an expired lease counts as alive"); return
        }
        let attempt = try await second.tryLock(sandboxId: "sb", planName: "p", holder: b, at: Date(), heartbeatTimeout: 300, probe: LockHolder.probe)
        guard case .acquired(let previous?) = attempt else { Issue.record("expected a takeover, got \(attempt)"); return }
        #expect(previous.runId == "run-a")
        let event = try #require(try await second.lockEvents(sandboxId: "sb").first)
        #expect(event.action == "taken-over" && event.reason.contains("lease expired"))

        // a wakes up: its next write is refused with the fencing tokens, and its heartbeat fails.
        do {
            try await recorderA.record(.stepStarted(step: "submit.primary"), runId: "run-a", at: Date())
            Issue.record("a runner whose lease was taken over wrote to the journal")
        } catch let lost as JournalLockLost {
            #expect(lost.fence == 1 && lost.current == 2, "\(lost)")
        }
        #expect(try await first.heartbeat(sandboxId: "sb", holder: a, at: Date()) == false)
        #expect(try await first.entries(runId: "run-a", sandboxId: "sb").count == 1)
        // The new holder writes (resuming a's run, as a runner taking it over does).
        try await second.recorder(sandboxId: "sb", hostname: "runner-b").record(.stepStarted(step: "submit.primary"), runId: "run-a", at: Date())
        // a's release leaves b's lock alone.
        try await first.unlock(sandboxId: "sb", holder: a)
        #expect(try await second.lock(sandboxId: "sb")?.holder.hostname == "runner-b")
        try await second.unlock(sandboxId: "sb", holder: b)
        #expect(try await second.lock(sandboxId: "sb") == nil)
    }

    @Test func aForcedUnlockVoidsTheHoldersToken() async throws {
        let location = try Self.leaseLocation()
        let holder = try await JournalBackend.postgres.open(location)
        let operator_ = try await JournalBackend.postgres.open(location)
        defer { Task { await holder.close(); await operator_.close() } }
        let a = LockHolder(pid: 100, hostname: "runner-a")
        _ = try await holder.tryLock(sandboxId: "sb", planName: "p", holder: a, at: Date(), heartbeatTimeout: 300, probe: LockHolder.probe)
        try await holder.recorder(sandboxId: "sb").record(Self.start("sb"), runId: "r", at: Date())
        _ = try await operator_.forceUnlock(sandboxId: "sb", user: "alice", hostname: "ops", reason: "stuck", at: Date())
        await #expect(throws: JournalLockLost.self) {
            try await holder.recorder(sandboxId: "sb").record(.stepStarted(step: "x"), runId: "r", at: Date())
        }
    }

    @Test func aRunnerOfTheOtherLockKindIsRefusedWithOneLine() async throws {
        let direct = try JournalBackend.postgres.newLocation()
        let first = try await JournalBackend.postgres.open(direct)
        await first.close()
        do {
            _ = try await JournalBackend.postgres.open(direct + "&pooling=transaction")
            Issue.record("a lease runner was let in beside session locks")
        } catch {
            let line = "\(error)"
            #expect(!line.contains("\n") && line.contains("uses session locks") && line.contains("lease locks"), "\(line)")
        }
    }
}
