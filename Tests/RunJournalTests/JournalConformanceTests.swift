import Executor
import Foundation
@testable import PostgresJournal
import RunJournal
import Testing
import Timekeeping

/// What every journal backend must do, run against each: the SQLite file and the PostgreSQL
/// server (see `JournalBackend` for how the server is provided).
@Suite("journal conformance")
struct JournalConformanceTests {
    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    static func start(_ sandbox: String = "sb-1", plan: String = "dev", pid: Int32 = 42) -> JournalEntry {
        .runStarted(RunStart(planName: plan, planPath: "specs/\(plan).yaml", sandboxId: sandbox, scope: "ARCHITECT", pid: pid, artifactsDirectory: "/tmp/a/r1"))
    }

    @Test(arguments: JournalBackend.conformance)
    func entriesRoundTripAndTheRunRowFollowsThem(_ backend: JournalBackend) async throws {
        let location = try backend.newLocation()
        let journal = try await backend.open(location)
        let recorder = journal.recorder(hostname: "host-a")
        let written: [JournalEntry] = [
            Self.start(),
            .stepStarted(step: "submit.primary"),
            .aboutToSend(step: "submit.primary", effect: .submit(tag: "r1", scope: "ARCHITECT")),
            .refreshIdReceived(step: "submit.primary", refreshId: "ref-1", tag: "r1", adopted: false),
            .statusObserved(step: "poll.primary", refreshId: "ref-1", status: "IN_PROGRESS", progress: 40, errorMessage: nil),
            .gateResult(gate: "validate-flows.primary", passed: true, detail: "success"),
            .outcome(.success, message: nil, refreshIds: ["ref-1"], scope: "ROUTING,ARCHITECT"),
        ]
        for (i, entry) in written.enumerated() {
            try await recorder.record(entry, runId: "r1", at: Self.t0.addingTimeInterval(Double(i) * 60))
        }
        await journal.close()
        // Another process (another runner) reads the same.
        let reader = try await backend.open(location)
        #expect(try await reader.entries(runId: "r1", sandboxId: nil).map(\.entry) == written)
        let run = try #require(try await reader.run("r1", sandboxId: nil))
        #expect(run.planName == "dev" && run.sandboxId == "sb-1" && run.hostname == "host-a" && run.pid == 42)
        #expect(run.outcome == .success && run.exitCode == 0)
        #expect(run.scope == "ROUTING,ARCHITECT" && run.currentStep == "submit.primary")
        #expect(run.finishedAt == Self.t0.addingTimeInterval(6 * 60))
        #expect(try await reader.refreshIds(runId: "r1", sandboxId: nil) == ["ref-1"])
        #expect(try await reader.unfinishedRun(planName: "dev", sandboxId: "sb-1", emulated: false) == nil)
        let history = try await reader.history()
        #expect(history.map(\.runId) == ["r1"] && history.first?.durationSeconds == 360)
        await reader.close()
    }

    @Test(arguments: JournalBackend.conformance)
    func unfinishedRunsAreFoundForResumeAndRunIdsAreNotReused(_ backend: JournalBackend) async throws {
        let journal = try await backend.open(try backend.newLocation())
        let recorder = journal.recorder()
        try await recorder.record(Self.start(), runId: "gh-1", at: Self.t0)
        try await recorder.record(.aboutToSend(step: "submit.primary", effect: .submit(tag: "gh-1", scope: "ARCHITECT")), runId: "gh-1", at: Self.t0)
        try await recorder.record(.stepStarted(step: "poll.primary"), runId: "gh-1", at: Self.t0.addingTimeInterval(5))
        let unfinished = try #require(try await journal.unfinishedRun(planName: "dev", sandboxId: "sb-1", emulated: false))
        #expect(unfinished.id == "gh-1")
        #expect(try await journal.unfinishedRun(planName: "dev", sandboxId: "sb-1", emulated: true) == nil, "a rehearsal never resumes a real run")
        let point = try await journal.resumePoint(for: unfinished)
        #expect(point.attempt == 2 && point.mayHaveSubmitted(tag: "gh-1") && point.refreshId(tag: "gh-1") == nil)
        #expect(point.pollStartedAt["poll.primary"] == Self.t0.addingTimeInterval(5))
        #expect(try await journal.unusedRunId("gh-1", sandboxId: "sb-1") == "gh-1-2")
        #expect(try await journal.unusedRunId("gh", sandboxId: "sb-1") == "gh", "a prefix of a used id is free")
        #expect(try await journal.unusedRunId("gh-1", sandboxId: "other") == "gh-1", "a run id is per sandbox")
        #expect(try await journal.unsuccessfulRunIds(sandboxId: "sb-1", emulated: false, limit: 10) == ["gh-1"])
        await journal.close()
    }

    @Test(arguments: JournalBackend.conformance)
    func oneRunIdOnTwoSandboxesIsTwoRuns(_ backend: JournalBackend) async throws {
        let journal = try await backend.open(try backend.newLocation())
        for sandbox in ["sb-a", "sb-b"] {
            let recorder = journal.recorder(sandboxId: sandbox)
            try await recorder.record(Self.start(sandbox, plan: "p-\(sandbox)"), runId: "gh-7", at: Self.t0)
            try await recorder.record(.refreshIdReceived(step: "submit.primary", refreshId: "ref-\(sandbox)", tag: "gh-7", adopted: false), runId: "gh-7", at: Self.t0)
        }
        #expect(try await journal.runs(id: "gh-7").map(\.sandboxId) == ["sb-a", "sb-b"])
        #expect(try await journal.refreshIds(runId: "gh-7", sandboxId: "sb-b") == ["ref-sb-b"])
        #expect(try await journal.run("gh-7", sandboxId: "sb-b")?.planName == "p-sb-b")
        await journal.close()
    }

    /// Polling's history: each earlier refresh of the sandbox, from the journal's own entries,
    /// newest first and keyed by scope; adopted refreshes (start unknown), refreshes never seen
    /// COMPLETED, other sandboxes and rehearsals are left out.
    @Test(arguments: JournalBackend.conformance)
    func refreshHistoryReadsEarlierRefreshesOfTheSandbox(_ backend: JournalBackend) async throws {
        let journal = try await backend.open(try backend.newLocation())
        func night(_ runId: String, sandbox: String = "sb-1", day: Double, scope: String = "ARCHITECT,ROUTING", adopted: Bool = false,
                   completesAfter: Double?, emulated: Bool = false) async throws {
            let recorder = journal.recorder(sandboxId: sandbox, emulated: emulated)
            let t = Self.t0.addingTimeInterval(day * 86_400)
            try await recorder.record(Self.start(sandbox), runId: runId, at: t)
            try await recorder.record(.aboutToSend(step: "submit.primary", effect: .submit(tag: runId, scope: scope)), runId: runId, at: t)
            try await recorder.record(.refreshIdReceived(step: "submit.primary", refreshId: "ref-\(runId)", tag: runId, adopted: adopted), runId: runId, at: t.addingTimeInterval(1))
            for (offset, progress) in [(60.0, 30), (180.0, 70), (300.0, 95)] {
                try await recorder.record(.statusObserved(step: "poll.primary", refreshId: "ref-\(runId)", status: "IN_PROGRESS", progress: progress, errorMessage: nil),
                                          runId: runId, at: t.addingTimeInterval(1 + offset))
            }
            if let completesAfter {
                try await recorder.record(.statusObserved(step: "poll.primary", refreshId: "ref-\(runId)", status: "COMPLETED", progress: 100, errorMessage: nil),
                                          runId: runId, at: t.addingTimeInterval(1 + completesAfter))
                try await recorder.record(.outcome(.success, message: nil, refreshIds: ["ref-\(runId)"], scope: scope), runId: runId, at: t.addingTimeInterval(1 + completesAfter))
            } else {
                try await recorder.record(.outcome(.timedOut, message: nil, refreshIds: ["ref-\(runId)"], scope: scope), runId: runId, at: t.addingTimeInterval(400))
            }
        }
        try await night("n1", day: 0, completesAfter: 330)
        try await night("n2", day: 1, scope: "ROUTING, ARCHITECT", completesAfter: 345)
        try await night("n3", day: 2, completesAfter: nil)
        try await night("n4", day: 3, adopted: true, completesAfter: 320)
        try await night("n5", day: 4, scope: "ARCHITECT", completesAfter: 315)
        try await night("other", sandbox: "sb-2", day: 5, completesAfter: 500)
        try await night("rehearsal", day: 6, completesAfter: 900, emulated: true)
        let history = try await journal.refreshHistory(planName: "dev", sandboxId: "sb-1", emulated: false)
        let both = try #require(history["ARCHITECT,ROUTING"])
        #expect(both.map(\.completedBy) == [345, 330], "newest first, the adopted and unfinished ones left out")
        #expect(both.first?.runningAt == 300)
        #expect(both.first?.observations.map(\.progress) == [30, 70, 95])
        #expect(both.first?.observations.first?.elapsed == 60, "seconds since the refresh id was received")
        #expect(history["ARCHITECT"]?.map(\.completedBy) == [315])
        #expect(try await journal.refreshHistory(planName: "dev", sandboxId: "sb-1", emulated: true)["ARCHITECT,ROUTING"]?.map(\.completedBy) == [900])
        #expect(try await journal.refreshHistory(planName: "dev", sandboxId: "sb-3", emulated: false).isEmpty)
        await journal.close()
    }

    @Test(arguments: JournalBackend.conformance)
    func pruneRemovesFinishedRunsButNeverResumableOnes(_ backend: JournalBackend) async throws {
        let journal = try await backend.open(try backend.newLocation())
        for (id, outcome) in [("done", RunOutcome.success), ("stopped", .interrupted), ("killed", .terminated)] {
            let recorder = journal.recorder()
            try await recorder.record(Self.start(), runId: id, at: Self.t0)
            try await recorder.record(.outcome(outcome, message: nil, refreshIds: [], scope: "ARCHITECT"), runId: id, at: Self.t0)
        }
        try await journal.recorder().record(Self.start(), runId: "running", at: Self.t0)
        let removed = try await journal.prune(finishedBefore: Self.t0.addingTimeInterval(60), removeArtifacts: false)
        #expect(removed.map(\.id) == ["done"])
        #expect(Set(try await journal.runs(planName: nil, limit: nil).map(\.id)) == ["stopped", "killed", "running"])
        #expect(try await journal.entries(runId: "done", sandboxId: "sb-1").isEmpty, "its entries went with it")
        await journal.close()
    }

    @Test(arguments: JournalBackend.conformance)
    func theLockExcludesASecondHolderAndForcedUnlockIsAudited(_ backend: JournalBackend) async throws {
        let location = try backend.newLocation()
        let first = try await backend.open(location)
        let second = try await backend.open(location)
        let alive = LockHolder(pid: getppid(), hostname: LockHolder.current.hostname)
        let other = LockHolder(pid: 7, hostname: "runner-b")
        let now = Date()
        #expect(try await first.tryLock(sandboxId: "sb", planName: "p", holder: alive, at: now, heartbeatTimeout: 300, probe: LockHolder.probe) == .acquired(takenOverFrom: nil))
        try await first.assignLock(sandboxId: "sb", runId: "run-1", holder: alive)
        guard case .held(let record) = try await second.tryLock(sandboxId: "sb", planName: "p", holder: other, at: now, heartbeatTimeout: 300, probe: LockHolder.probe) else {
            Issue.record("a second holder got the lock"); return
        }
        #expect(record.holder.pid == alive.pid && record.runId == "run-1")
        #expect(await second.liveness(of: record, at: now, probe: LockHolder.probe) == .alive)
        #expect(try await first.heartbeat(sandboxId: "sb", holder: alive, at: now.addingTimeInterval(30)))
        #expect(try await second.locks().map(\.sandboxId) == ["sb"])
        let removed = try await second.forceUnlock(sandboxId: "sb", user: "alice", hostname: "ops-box", reason: "runner decommissioned", at: now)
        #expect(removed?.runId == "run-1")
        #expect(try await second.lock(sandboxId: "sb") == nil)
        let event = try #require(try await second.lockEvents(sandboxId: "sb").first)
        #expect(event.action == "forced-unlock" && event.byUser == "alice" && event.reason == "runner decommissioned" && event.previousRunId == "run-1")
        #expect(try await first.heartbeat(sandboxId: "sb", holder: alive, at: now.addingTimeInterval(60)) == false, "the holder learns it lost the lock")
        #expect(try await second.tryLock(sandboxId: "sb", planName: "p", holder: other, at: now, heartbeatTimeout: 300, probe: LockHolder.probe) == .acquired(takenOverFrom: nil))
        try await second.unlock(sandboxId: "sb", holder: other)
        #expect(try await second.lock(sandboxId: "sb") == nil)
        await first.close()
        await second.close()
    }
}

/// What only the server journal does: locks that die with their session, on any host.
@Suite("PostgreSQL journal", .enabled(if: JournalBackend.postgresEnabled, Comment(rawValue: JournalBackend.howToRun)))
struct PostgresJournalTests {
    @Test func aRunnerThatDiesReleasesItsLockWithItsSessionAndTheNextTakesOverWithTheReason() async throws {
        let location = try JournalBackend.postgres.newLocation()
        let dying = try await JournalBackend.postgres.open(location)
        let holder = LockHolder(pid: 4242, hostname: "runner-a")  // another host: no pid to probe
        _ = try await dying.tryLock(sandboxId: "sb", planName: "p", holder: holder, at: Date(), heartbeatTimeout: 300, probe: LockHolder.probe)
        try await dying.assignLock(sandboxId: "sb", runId: "run-a", holder: holder)
        let next = try await JournalBackend.postgres.open(location)
        let record = try #require(try await next.lock(sandboxId: "sb"))
        #expect(await next.liveness(of: record, at: Date(), probe: { _ in .dead("probing must not decide") }) == .alive,
                "the session decides, not a pid probe")
        await dying.close()  // the connection drops, as when the runner is killed
        let attempt = try await next.tryLock(sandboxId: "sb", planName: "p", holder: .current, at: Date(), heartbeatTimeout: 300, probe: LockHolder.probe)
        guard case .acquired(let previous?) = attempt else { Issue.record("expected a takeover, got \(attempt)"); return }
        #expect(previous.runId == "run-a" && previous.holder.hostname == "runner-a")
        let event = try #require(try await next.lockEvents(sandboxId: "sb").first)
        #expect(event.action == "taken-over" && event.reason.contains("database session ended"))
        await next.close()
    }

    @Test(arguments: JournalBackend.servers)
    func concurrentAttemptsFromManyRunnersGiveExactlyOneHolder(_ backend: JournalBackend) async throws {
        let location = try backend.newLocation()
        var stores: [any JournalStore] = []
        for _ in 0..<6 { stores.append(try await backend.open(location)) }
        let attempts = try await withThrowingTaskGroup(of: LockAttempt.self) { group in
            for (i, store) in stores.enumerated() {
                group.addTask {
                    try await store.tryLock(sandboxId: "sb", planName: "p", holder: LockHolder(pid: Int32(100 + i), hostname: "runner-\(i)"),
                                            at: Date(), heartbeatTimeout: 300, probe: LockHolder.probe)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(attempts.filter { if case .acquired = $0 { return true } else { return false } }.count == 1)
        for store in stores { await store.close() }
    }

    @Test func aNewerSchemaIsRefusedAndTheURLNeverCarriesAPassword() async throws {
        let location = try JournalBackend.postgres.newLocation()
        let journal = try await JournalBackend.postgres.open(location)
        await journal.close()
        let url = try #require(URL(string: location))
        let parsed = try PostgresJournalURL(url, environment: [:])
        #expect(!parsed.redacted.contains("password"))
        // A journal written by a newer version.
        let admin = try await PostgresJournal.open(url, environment: [:])
        try await admin.execute(unsafeSQL: "INSERT INTO sr_migration (version, applied_at) VALUES ('pg-v99-from-the-future', 0)")
        await admin.close()
        do {
            _ = try await PostgresJournal.open(url, environment: [:])
            Issue.record("a newer schema was accepted")
        } catch {
            #expect("\(error)".contains("newer sandbox-refresh"), "\(error)")
        }
    }

    @Test func journalURLsAreReadLikeLibpqButPasswordsComeFromTheEnvironmentOrAFile() throws {
        let withPassword = try #require(URL(string: "postgres://ci:hunter2@db.example.test:5433/refresh"))
        #expect(throws: PostgresJournalURL.Invalid.self) { try PostgresJournalURL(withPassword, environment: [:]) }
        do {
            _ = try PostgresJournalURL(withPassword, environment: [:])
        } catch {
            #expect(!"\(error)".contains("hunter2"), "the refusal does not repeat the password")
        }
        let plain = try PostgresJournalURL(try #require(URL(string: "postgres://ci@db.example.test:5433/refresh?sslmode=require")),
                                           environment: ["PGPASSWORD": "${file:/run/secrets/pg}"],
                                           readFile: { $0 == "/run/secrets/pg" ? "s3cret\n" : "" })
        #expect(plain.host == "db.example.test" && plain.port == 5433 && plain.database == "refresh" && plain.username == "ci")
        #expect(plain.sslMode == .require && plain.socketPath == nil)
        #expect(!plain.redacted.contains("s3cret"))
        let socket = try PostgresJournalURL(try #require(URL(string: "postgres://ci@/refresh?host=/var/run/postgresql")), environment: [:])
        #expect(socket.socketPath == "/var/run/postgresql")
        #expect(throws: PostgresJournalURL.Invalid.self) {
            try PostgresJournalURL(try #require(URL(string: "postgres://ci@db/refresh?sslmod=require")), environment: [:])
        }
        #expect(throws: PostgresJournalURL.Invalid.self) {
            try PostgresJournalURL(try #require(URL(string: "postgres://ci@db/refresh?password=hunter2")), environment: [:])
        }
        #expect(throws: (any Error).self) { try JournalLocation.parse("mysql://db/refresh") }
    }
}

/// Two runners drawing on one client's budget through the server never exceed it together.
@Suite("shared rate budget", .enabled(if: JournalBackend.postgresEnabled, Comment(rawValue: JournalBackend.howToRun)))
struct SharedRateBudgetTests {
    @Test func twoRunnersTogetherStayWithinOneBudgetAndLeaseInBatches() async throws {
        let location = try JournalBackend.postgres.newLocation()
        let url = try #require(URL(string: location))
        let runnerA = try await PostgresJournal.open(url, environment: [:])
        let runnerB = try await PostgresJournal.open(url, environment: [:])
        // 6,000 a minute with a burst of 10: 99.8 tokens a second after the first 10, on a
        // virtual clock both runners share (the emulator's clock plays that part in rehearsals).
        let clock = VirtualClock()
        let budgets = [runnerA, runnerB].map { $0.sharedBudget(key: "api.test|client-1", requestsPerMinute: 6000, burst: 10, clock: clock) }
        let other = runnerB.sharedBudget(key: "api.test|client-2", requestsPerMinute: 6000, burst: 10, clock: clock)
        let perRunner = 100
        let started = clock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for budget in budgets {
                group.addTask {
                    for _ in 0..<perRunner { _ = try await budget.acquire(deadline: nil) }
                }
            }
            try await group.waitForAll()
        }
        let elapsed = started.duration(to: clock.now).seconds
        let sent = 2 * perRunner
        // Everything granted in `elapsed`: the burst, the refill, and at most one unused batch per runner.
        let allowed = 10 + 99.84 * elapsed + 2 * 5
        #expect(Double(sent) <= allowed, "\(sent) requests in \(elapsed)s exceed one budget (\(allowed))")
        let granted = budgets.map(\.statistics.granted).reduce(0, +)
        #expect(granted >= sent && granted <= sent + 2 * 5, "tokens are leased as used, a batch at a time")
        #expect(budgets.allSatisfy { $0.statistics.leases <= perRunner / 5 + 1 }, "tokens come five to a lease, not one per request")
        // Another client id has a budget of its own: its burst is still there.
        let before = clock.now
        for _ in 0..<10 { _ = try await other.acquire(deadline: nil) }
        #expect(before.duration(to: clock.now) == .zero, "another client id's burst is untouched")
        await runnerA.close()
        await runnerB.close()
    }
}

@Suite("lock holder's CI job")
struct LockJobURLTests {
    @Test func theHoldersJobIsNamedForEachCISystemAndNothingElsewhere() {
        #expect(LockRecord.currentJobURL(environment: ["GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "acme/refresh", "GITHUB_RUN_ID": "42"])
                == "https://github.com/acme/refresh/actions/runs/42")
        #expect(LockRecord.currentJobURL(environment: ["CI_JOB_URL": "https://gitlab.example/acme/refresh/-/jobs/7"]) == "https://gitlab.example/acme/refresh/-/jobs/7")
        #expect(LockRecord.currentJobURL(environment: ["SYSTEM_COLLECTIONURI": "https://dev.azure.com/acme/", "SYSTEM_TEAMPROJECT": "refresh", "BUILD_BUILDID": "9"])
                == "https://dev.azure.com/acme/refresh/_build/results?buildId=9")
        #expect(LockRecord.currentJobURL(environment: ["HOME": "/root"]) == nil)
    }
}
