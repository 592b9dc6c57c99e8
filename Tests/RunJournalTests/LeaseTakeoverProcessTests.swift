import Foundation
import RunJournal
import Testing

/// A runner frozen past its lease (SIGSTOP: a stalled VM, a debugger, a swapped-out container)
/// is taken over, and when it wakes (SIGCONT) stops before its next journal write or request:
/// exit 13, `lock-lost`. The new holder finishes the run with the one submission it has. The
/// journal is a lease journal (`?pooling=transaction`, through PgBouncer when configured) with a
/// 3-second lease; the waits are the runners' own, the test only blocks on their output.
@Suite("lease takeover of a frozen runner", .enabled(if: JournalBackend.postgresEnabled, Comment(rawValue: JournalBackend.howToRun)))
struct LeaseTakeoverProcessTests {
    @Test func aFrozenRunnerIsTakenOverAndStopsWithLockLostWhenItWakes() async throws {
        let bench = try Bench()
        defer { bench.cleanUp() }
        // Slow enough that the refresh is still running while the lease expires and the second
        // runner takes it over (about eight real seconds of polling).
        let emulator = try await bench.startEmulator(scale: 40)
        defer { emulator.kill() }
        let journal = try LeaseLockTests.leaseLocation() + "&lease=3s"
        let runId = bench.runId("lease")
        func apply(_ name: String) throws -> Child {
            try Child(binary: bench.binary, arguments: ["apply", Bench.plan, "--emulator", emulator.url, "--yes", "--log-format", "json",
                                                        "--journal", journal, "--run-id", runId],
                      directory: bench.directory, name: name)
        }
        let first = try apply("apply-frozen")
        defer { first.kill() }
        let polled = await first.readEvents(until: { $0.event == "poll" }, signal: SIGSTOP)
        guard polled.stopped else {
            Issue.record("the first runner never polled: \(polled.events.map(\.event)); stderr: \(first.stderr)")
            return
        }
        // Its refresh is on the platform and it holds the lease: freeze it.
        kill(first.process.processIdentifier, SIGSTOP)

        let second = try apply("apply-takeover")
        defer { second.kill() }
        let taken = await second.readEvents { _ in false }
        let secondEnded = await second.exit()
        #expect(secondEnded.reason == .exit && secondEnded.status == 0, "the new holder exited \(secondEnded); stderr: \(second.stderr.suffix(2000))")
        #expect(taken.events.contains { $0.event == "run.resumed" }, "it took the frozen runner's run up: \(taken.events.map(\.event))")

        // The frozen runner wakes: its lease is gone, and so is its run.
        kill(first.process.processIdentifier, SIGCONT)
        let woke = await first.readEvents { _ in false }
        let firstEnded = await first.exit()
        #expect(firstEnded.reason == .exit && firstEnded.status == 13, "the woken runner exited \(firstEnded); stderr: \(first.stderr.suffix(2000))")
        let abandoned = woke.events.last { $0.event == "run.abandoned" }
        #expect(abandoned?.fields?["outcome"] == "lock-lost", "\(woke.events.map(\.event))")
        let sentAfterWaking = woke.events.filter { ["submit", "submitted", "refresh.submitted"].contains($0.event) }
        #expect(sentAfterWaking.isEmpty, "nothing was sent after waking: \(sentAfterWaking.map(\.event))")

        // The platform's own word: one refresh, carrying the run's tag, completed.
        let submissions = try await emulator.submissions()
        #expect(submissions.count == 1, "\(submissions.map { "\($0.id) \($0.description ?? "")" })")
        #expect(submissions.first?.description?.contains("[sandbox-refresh run=\(runId)]") == true)
        let store = try await JournalBackend.postgres.open(journal)
        defer { Task { await store.close() } }
        let record = try #require(try await store.run(runId, sandboxId: Bench.sandboxId))
        #expect(record.outcome == .success && record.attempts == 2, "\(record)")
        #expect(try await store.lock(sandboxId: Bench.sandboxId) == nil, "the lock is released")
        let takeover = try await store.lockEvents(sandboxId: Bench.sandboxId).first
        #expect(takeover?.action == "taken-over" && takeover?.reason.contains("lease expired") == true, "\(String(describing: takeover))")
    }
}
