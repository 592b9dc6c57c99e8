import Executor
import Foundation
import RunJournal
import Synchronization
import Testing

@Suite("run lock")
struct LocalLockTests {
    @Test(arguments: JournalBackend.enabled)
    func aSecondApplyWithNoWaitExitsAlreadyRunningAndSendsNothing(_ backend: JournalBackend) async throws {
        let h = JournalHarness(backend: backend)
        let graph = try h.graph()
        let journal = try await h.openStore()
        defer { Task { await journal.close() } }
        let other = LockHolder(pid: getppid(), hostname: LockHolder.current.hostname)  // alive, not us
        #expect(try await journal.tryLock(sandboxId: JournalHarness.sandboxId, planName: "x", holder: other, at: Date(),
                                          heartbeatTimeout: RunJournal.heartbeatTimeout, probe: LockHolder.probe) == .acquired(takenOverFrom: nil))
        let result = try await h.apply(graph, proposedRunId: "second")
        guard case .alreadyRunning(let record) = result else { Issue.record("expected alreadyRunning, got \(result)"); return }
        #expect(record.holder == other)
        #expect(RunOutcome.alreadyRunning.exitCode == 75)
        #expect(h.submissionCount == 0)
    }

    /// The second apply starts while the first is inside its run (it holds the lock and is
    /// held at its first journal entry): started side by side with `async let`, the first could
    /// finish before the second asked for the lock on a loaded machine, and both ran in turn.
    @Test(arguments: JournalBackend.enabled)
    func twoConcurrentAppliesOnOneSandboxRunOneAtATime(_ backend: JournalBackend) async throws {
        let h = JournalHarness(backend: backend)
        let graph = try h.graph()
        let (reached, reachedFirstEntry) = AsyncStream<Void>.makeStream()
        let (release, releaseFirst) = AsyncStream<Void>.makeStream()
        let first = Task {
            try await h.apply(graph, proposedRunId: "run-a", wrap: { HeldRecorder(inner: $0, reached: reachedFirstEntry, release: release) })
        }
        for await _ in reached { break }
        let second = try await h.apply(graph, proposedRunId: "run-b")
        releaseFirst.finish()
        let firstResult = try await first.value
        guard case .alreadyRunning = second else { Issue.record("expected alreadyRunning, got \(second)"); return }
        #expect(firstResult.report?.outcome == .success)
        #expect(h.submissionCount == 1)
    }

    @Test(arguments: JournalBackend.enabled)
    func aWaitingApplyRunsAfterTheHolderReleases(_ backend: JournalBackend) async throws {
        let h = JournalHarness(backend: backend)
        let graph = try h.graph()
        let journal = try await h.openStore()
        defer { Task { await journal.close() } }
        let other = LockHolder(pid: getppid(), hostname: LockHolder.current.hostname)
        _ = try await journal.tryLock(sandboxId: JournalHarness.sandboxId, planName: "x", holder: other, at: Date(),
                                      heartbeatTimeout: RunJournal.heartbeatTimeout, probe: LockHolder.probe)
        let waiting = Task { try await h.apply(graph, proposedRunId: "waiter", wait: true) }
        // The waiter sleeps on the virtual clock between attempts; give it a few turns, then release.
        for _ in 0..<20 { await Task.yield() }
        #expect(h.submissionCount == 0, "nothing is sent while the lock is held")
        try await journal.unlock(sandboxId: JournalHarness.sandboxId, holder: other)
        let result = try await waiting.value
        #expect(result.report?.outcome == .success)
        #expect(h.submissionCount == 1)
    }

    @Test func aLockWhoseProcessIsGoneIsTakenOverAndRecorded() async throws {
        let journal = try RunJournal(path: FileManager.default.temporaryDirectory.appendingPathComponent("lock-\(UUID().uuidString)/j.sqlite").path)
        // A real process that has exited: its pid answers ESRCH.
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        let gone = LockHolder(pid: child.processIdentifier, hostname: LockHolder.current.hostname)
        #expect(!LockHolder.isAlive(gone))
        #expect(LockHolder.isAlive(.current))
        _ = try journal.tryLock(sandboxId: "sb", planName: "p", holder: gone, at: Date())
        try journal.assignLock(sandboxId: "sb", runId: "old-run", holder: gone)
        let attempt = try journal.tryLock(sandboxId: "sb", planName: "p", holder: .current, at: Date())
        guard case .acquired(let previous?) = attempt else { Issue.record("expected a takeover, got \(attempt)"); return }
        #expect(previous.holder == gone && previous.runId == "old-run")
        #expect(try journal.lock(sandboxId: "sb")?.holder == .current)
        #expect(try journal.lockEvents(sandboxId: "sb").first?.action == "taken-over")
        // Another host's lock is never taken over: its pid cannot be checked from here.
        let remote = LockHolder(pid: child.processIdentifier, hostname: "some-other-host")
        #expect(LockHolder.isAlive(remote))
    }

    @Test func forcedUnlockRecordsWhoAndWhy() async throws {
        let journal = try RunJournal(path: FileManager.default.temporaryDirectory.appendingPathComponent("lock-\(UUID().uuidString)/j.sqlite").path)
        let holder = LockHolder(pid: 1, hostname: "build-agent-7")
        _ = try journal.tryLock(sandboxId: "sb", planName: "p", holder: holder, at: Date())
        let removed = try journal.forceUnlock(sandboxId: "sb", user: "alice", hostname: "ops-box", reason: "agent decommissioned", at: Date())
        #expect(removed?.holder == holder)
        #expect(try journal.lock(sandboxId: "sb") == nil)
        let event = try #require(try journal.lockEvents(sandboxId: "sb").first)
        #expect(event.action == "forced-unlock" && event.byUser == "alice" && event.hostname == "ops-box" && event.reason == "agent decommissioned")
        #expect(event.previousPid == 1)
    }
}

/// Holds a run at its first journal entry (the run holds the lock by then) until released.
private final class HeldRecorder: RunJournaling, @unchecked Sendable {
    private let inner: any RunJournaling
    private let reached: AsyncStream<Void>.Continuation
    private let release: AsyncStream<Void>
    private let first = Mutex(true)

    init(inner: any RunJournaling, reached: AsyncStream<Void>.Continuation, release: AsyncStream<Void>) {
        self.inner = inner
        self.reached = reached
        self.release = release
    }

    func record(_ entry: JournalEntry, runId: String, at: Date) async throws {
        if first.withLock({ let was = $0; $0 = false; return was }) {
            reached.yield()
            for await _ in release {}
        }
        try await inner.record(entry, runId: runId, at: at)
    }
}
