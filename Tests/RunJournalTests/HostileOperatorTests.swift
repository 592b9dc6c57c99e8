import EmulatorCore
import Foundation
import GenesysWire
import RunJournal
import Testing

/// The defects an outside harness found, each replayed the way it was found: real `apply`
/// processes against a shared `sandbox-refresh emulator`, signals, reruns, hostile arguments and
/// concurrent starts. The emulator's own record of submissions is the witness.
@Suite("hostile operator: signals, run ids, concurrent journals, lock liveness", .timeLimit(.minutes(5)))
struct HostileOperatorTests {
    struct Stop: Sendable, CustomTestStringConvertible {
        var signal: Int32
        var exitCode: Int32
        var outcome: String
        var testDescription: String { outcome }
    }

    /// Mid-poll, SIGINT and SIGTERM are outcomes: journaled, artifacts written, exit 130 or 143,
    /// the platform job left running, and the next apply adopts it (one submission in all).
    @Test(arguments: [Stop(signal: SIGINT, exitCode: 130, outcome: "interrupted"), Stop(signal: SIGTERM, exitCode: 143, outcome: "terminated")])
    func aSignalMidRunIsJournaledWithArtifactsAndTheNextApplyAdoptsTheJob(_ stop: Stop) async throws {
        let bench = try Bench()
        defer { bench.cleanUp() }
        let emulator = try await bench.startEmulator(scale: 40)
        defer { emulator.kill() }
        let runA = bench.runId("sig")

        let first = try bench.startApply(emulator: emulator.url, runId: runA)
        defer { first.kill() }
        let polled = await first.readEvents(until: { $0.event == "poll" }, signal: stop.signal)
        try #require(polled.stopped, "no poll: \(polled.events.map(\.event)); stderr: \(first.stderr)")
        let rest = await first.readEvents { _ in false }
        let ended = await first.exit()
        #expect(ended.reason == .exit && ended.status == stop.exitCode, "\(stop.outcome): \(ended); stderr: \(first.stderr)")
        #expect(!first.stderr.contains("journal"), "not a journal failure: \(first.stderr)")
        let finished = rest.events.last { $0.event == "run.finished" }
        #expect(finished?.fields?["outcome"] == stop.outcome, "\(rest.events.map(\.event))")

        let journal = try RunJournal(path: bench.journal)
        let record = try #require(try journal.run(runA))
        #expect(record.outcome?.rawValue == stop.outcome && record.exitCode == stop.exitCode)
        let runJSON = bench.directory.appendingPathComponent(".refresh-artifacts/\(Bench.sandboxId)/\(runA)/run.json")
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: runJSON)) as? [String: Any]
        #expect(summary?["outcome"] as? String == stop.outcome)
        let submitted = try await emulator.submissions()
        // Left running, never aborted: still active, or (when this test resumed late) completed on its own.
        #expect(submitted.count == 1 && (submitted.first?.status.isActive == true || submitted.first?.status == .completed),
                "the job is left running: \(submitted.map(\.status))")

        let second = try bench.startApply(emulator: emulator.url, runId: bench.runId("next"))
        defer { second.kill() }
        let resumed = await second.readEvents { _ in false }
        let secondExit = await second.exit()
        #expect(secondExit.reason == .exit && secondExit.status == 0, "\(secondExit); stderr: \(second.stderr)")
        #expect(resumed.events.contains { $0.event == "run.resumed" })
        #expect(try journal.runs().map(\.id) == [runA])
        #expect(try await emulator.submissions().count == 1)
    }

    /// A CI "re-run" after exit 6 keeps its run id: it follows its own refresh, never a second one.
    @Test func aRerunOfTheSameRunIdAfterATimeoutAdoptsItsOwnRefresh() async throws {
        let bench = try Bench()
        defer { bench.cleanUp() }
        let plan = try bench.variantPlan(name: "short-wait", replacing: ["preserveSandboxUsers: true": "preserveSandboxUsers: true\n  maxWait: 3m"])
        let emulator = try await bench.startEmulator(scale: 200)
        defer { emulator.kill() }
        let runA = bench.runId("rerun")

        let first = try bench.startApply(emulator: emulator.url, runId: runA, plan: plan)
        defer { first.kill() }
        _ = await first.readEvents { _ in false }
        let firstExit = await first.exit()
        try #require(firstExit.status == 6, "the first run times out: \(firstExit); stderr: \(first.stderr)")

        let again = try bench.startApply(emulator: emulator.url, runId: runA, plan: plan)
        defer { again.kill() }
        let events = await again.readEvents { _ in false }
        _ = await again.exit()
        #expect(!events.events.contains { $0.event == "submit" }, "no second submission: \(events.events.map(\.event))")
        let journal = try RunJournal(path: bench.journal)
        #expect(try journal.runs().map(\.id) == [runA], "the same run again, not \(runA)-2")
        let submissions = try await emulator.submissions()
        #expect(submissions.count == 1, "\(submissions.map { "\($0.id) \($0.description ?? "")" })")
    }

    /// Hostile ids are refused before anything is sent or written, from the flag and from CI variables.
    @Test(arguments: ["../escape", "x]", "[sandbox-refresh run=other]", "a\nb", String(repeating: "z", count: 3000)])
    func aHostileRunIdIsRefusedWithExit64AndNothingHappens(_ id: String) async throws {
        let bench = try Bench()
        defer { bench.cleanUp() }
        let emulator = try await bench.startEmulator(scale: 200)
        defer { emulator.kill() }
        for (arguments, environment) in [(["--run-id", id], [String: String]()), ([], ["GITHUB_RUN_ID": id])] {
            let apply = try Child(binary: bench.binary, arguments: ["apply", Bench.plan, "--emulator", emulator.url, "--yes", "--log-format", "json", "--journal", bench.journal] + arguments,
                                  directory: bench.directory, name: "hostile-\(UUID().uuidString.prefix(4))", environment: environment)
            let events = await apply.readEvents { _ in false }
            let ended = await apply.exit()
            #expect(ended.reason == .exit && ended.status == 64, "\(ended); stderr: \(apply.stderr)")
            #expect(events.events.isEmpty)
            #expect(apply.stderr.contains("not a valid run id") || apply.stderr.contains("does not give a valid run id"), "\(apply.stderr)")
            #expect(apply.stderr.count < 1000, "the id is not echoed in full")
        }
        #expect(try await emulator.submissions().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: bench.directory.deletingLastPathComponent().appendingPathComponent("escape").path))
    }

    /// One CI run id on two sandboxes (a pipeline's GITHUB_RUN_ID shared by its jobs) is two runs.
    @Test func oneRunIdOnTwoSandboxesIsTwoRuns() async throws {
        let bench = try Bench()
        defer { bench.cleanUp() }
        let other = "sandbox-qa-07"
        let plan = try bench.variantPlan(name: "other-sandbox", replacing: ["id: sandbox-dev-01": "id: \(other)"])
        let emulator = try await bench.startEmulator(scale: 200, sandboxes: [Bench.sandboxId, other])
        defer { emulator.kill() }
        let shared = bench.runId("shared")
        let a = try bench.startApply(emulator: emulator.url, runId: shared)
        let b = try bench.startApply(emulator: emulator.url, runId: shared, plan: plan)
        defer { a.kill(); b.kill() }
        a.drain()
        b.drain()
        let (exitA, exitB) = (await a.exit(), await b.exit())
        #expect(exitA.status == 0 && exitB.status == 0, "\(exitA) \(a.stderr) / \(exitB) \(b.stderr)")
        let journal = try RunJournal(path: bench.journal)
        #expect(Set(try journal.runs(id: shared).map(\.sandboxId)) == [Bench.sandboxId, other])
        for sandbox in [Bench.sandboxId, other] {
            let runJSON = bench.directory.appendingPathComponent(".refresh-artifacts/\(sandbox)/\(shared)/run.json")
            #expect(FileManager.default.fileExists(atPath: runJSON.path), "artifacts of \(sandbox) kept apart")
        }
    }

    /// Three applies on a journal that does not exist yet: one migrates it and runs, two exit 75.
    @Test func threeConcurrentFirstStartsOnANewJournalGiveOneRunAndTwo75s() async throws {
        let bench = try Bench()
        defer { bench.cleanUp() }
        let emulator = try await bench.startEmulator(scale: 20)
        defer { emulator.kill() }
        let children = try (1...3).map { try bench.startApply(emulator: emulator.url, runId: bench.runId("c\($0)"), extra: ["--no-wait"]) }
        defer { children.forEach { $0.kill() } }
        children.forEach { $0.drain() }
        var statuses: [Int32] = []
        for child in children { statuses.append(await child.exit().status) }
        #expect(statuses.sorted() == [0, 75, 75], "\(statuses); \(children.map(\.stderr))")
        #expect(try RunJournal(path: bench.journal).runs().count == 1)
        #expect(try await emulator.submissions().count == 1)
    }

    /// A lock whose pid is alive but whose process started at another time (pid reuse, pid 1 in
    /// every container) is dead; so is one whose heartbeat stopped. `status` says why.
    @Test func aLockHeldByAReusedPidOrASilentHolderIsTakenOver() async throws {
        let bench = try Bench()
        defer { bench.cleanUp() }
        let emulator = try await bench.startEmulator(scale: 200)
        defer { emulator.kill() }
        let journal = try RunJournal(path: bench.journal)
        let here = LockHolder.current
        let reused = LockHolder(pid: getpid(), hostname: here.hostname, bootId: here.bootId, startTime: (here.startTime ?? 1) + 12345)
        #expect(try journal.tryLock(sandboxId: Bench.sandboxId, planName: "dev-nightly", holder: reused, at: Date()) == .acquired(takenOverFrom: nil))
        try journal.assignLock(sandboxId: Bench.sandboxId, runId: "ghost", holder: reused)

        let apply = try bench.startApply(emulator: emulator.url, runId: bench.runId("taker"), extra: ["--no-wait"])
        defer { apply.kill() }
        apply.drain()
        let ended = await apply.exit()
        #expect(ended.status == 0, "the dead holder's lock is taken: \(ended); stderr: \(apply.stderr)")
        let event = try #require(try journal.lockEvents(sandboxId: Bench.sandboxId).first)
        #expect(event.action == "taken-over" && event.reason.contains("another process"), "\(event)")

        let silent = LockHolder(pid: 1, hostname: "runner-elsewhere", bootId: nil, startTime: nil)
        _ = try journal.tryLock(sandboxId: Bench.sandboxId, planName: "dev-nightly", holder: silent, at: Date().addingTimeInterval(-3600))
        let second = try bench.startApply(emulator: emulator.url, runId: bench.runId("taker2"), extra: ["--no-wait"])
        defer { second.kill() }
        second.drain()
        #expect(await second.exit().status == 0, "stderr: \(second.stderr)")
        #expect(try journal.lockEvents(sandboxId: Bench.sandboxId).first?.reason.contains("no heartbeat") == true)
    }

    @Test(arguments: ["0", "-5", "nan", "inf"])
    func aNonsenseTimeScaleIsAUsageError(_ scale: String) async throws {
        let bench = try Bench()
        defer { bench.cleanUp() }
        for arguments in [["apply", Bench.plan, "--emulate", "--yes", "--time-scale", scale], ["emulator", "--port", "0", "--time-scale", scale]] {
            let child = try Child(binary: bench.binary, arguments: arguments, directory: bench.directory, name: "scale-\(UUID().uuidString.prefix(4))")
            child.drain()
            let ended = await child.exit()
            #expect(ended.reason == .exit && ended.status == 64, "\(arguments): \(ended); \(child.stderr)")
            #expect(child.stderr.contains("--time-scale") && !child.stderr.contains("Fatal error"), "\(child.stderr)")
        }
    }

    @Test func aForeignOrNewerDatabaseIsRefusedAndLeftUntouched() async throws {
        let bench = try Bench()
        defer { bench.cleanUp() }
        let foreign = bench.directory.appendingPathComponent("app.sqlite").path
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sqlite.arguments = ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('create table customers(id)'); c.commit()", foreign]
        try sqlite.run()
        sqlite.waitUntilExit()
        try #require(sqlite.terminationStatus == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: foreign))
        let apply = try Child(binary: bench.binary, arguments: ["apply", Bench.plan, "--emulate", "--yes", "--log-format", "json", "--journal", foreign],
                              directory: bench.directory, name: "foreign")
        apply.drain()
        let ended = await apply.exit()
        #expect(ended.status == 11, "\(ended); \(apply.stderr)")
        #expect(apply.stderr.contains("not a sandbox-refresh journal") && !apply.stderr.contains("NSError") && !apply.stderr.contains("Domain="), "\(apply.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: foreign)) == before, "nothing was written into it")
    }
}

/// What an operator reads after a crash, and what they get for a journal they cannot use.
@Suite("operator's view after a crash", .timeLimit(.minutes(3)))
struct OperatorViewTests {
    @Test func statusNamesWhyTheHolderIsDeadAndTheResumeCommandCarriesTheEmulatorURL() async throws {
        let bench = try Bench()
        defer { bench.cleanUp() }
        let emulator = try await bench.startEmulator(scale: 40)
        defer { emulator.kill() }
        let runA = bench.runId("crash")
        let first = try bench.startApply(emulator: emulator.url, runId: runA)
        let polled = await first.readEvents(until: { $0.event == "poll" }, signal: SIGKILL)
        try #require(polled.stopped, "stderr: \(first.stderr)")
        let pid = first.process.processIdentifier
        first.kill()
        _ = await first.exit()

        let status = try Child(binary: bench.binary, arguments: ["status", runA, "--journal", bench.journal], directory: bench.directory, name: "status")
        let lines = await status.readLines { _ in false }
        #expect(await status.exit().status == 0)
        let text = lines.joined(separator: "\n")
        #expect(text.contains("unfinished") && text.contains("process \(pid)") && text.contains("is gone"), "\(text)")
        #expect(text.contains("sandbox-refresh resume \(runA) --sandbox \(Bench.sandboxId) --emulator \(emulator.url)"), "\(text)")

        // Following the advice resumes against the same emulator: still one submission.
        let resume = try Child(binary: bench.binary, arguments: ["resume", runA, "--sandbox", Bench.sandboxId, "--emulator", emulator.url, "--yes", "--log-format", "json", "--journal", bench.journal],
                               directory: bench.directory, name: "resume")
        resume.drain()
        #expect(await resume.exit().status == 0, "stderr: \(resume.stderr)")
        #expect(try await emulator.submissions().count == 1)
    }

    @Test func anUnwritableJournalIsOneReadableLineAndNothingIsSent() async throws {
        let bench = try Bench()
        defer { bench.cleanUp() }
        let blocker = bench.directory.appendingPathComponent("not-a-directory")
        try Data("x".utf8).write(to: blocker)
        let apply = try Child(binary: bench.binary, arguments: ["apply", Bench.plan, "--emulate", "--yes", "--log-format", "json", "--journal", blocker.appendingPathComponent("journal.sqlite").path],
                              directory: bench.directory, name: "unwritable")
        let events = await apply.readEvents { _ in false }
        let ended = await apply.exit()
        #expect(ended.status == 11, "\(ended); \(apply.stderr)")
        #expect(events.events.isEmpty, "no step ran: \(events.events.map(\.event))")
        let message = apply.stderr.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").last.map(String.init) ?? ""
        #expect(message.contains("cannot create the directory") && !message.contains("NSError") && !message.contains("Domain="), "\(apply.stderr)")
    }

    /// Journal URLs an operator might type: an unknown backend, a password in the URL, a server
    /// that is not there. Each is one readable line, nothing runs, no file is created, and no
    /// password is ever repeated.
    @Test(arguments: [
        ("mysql://db.example.test/refresh", "not supported"),
        ("postgres://ci:hunter2@127.0.0.1:1/refresh?sslmode=disable", "carries a password"),
        ("postgres://ci@127.0.0.1:1/refresh?sslmode=disable", "cannot open the journal at postgres://ci@127.0.0.1:1/refresh"),
        ("postgres://ci@127.0.0.1:1/refresh?sslmod=disable", "unknown parameter 'sslmod'"),
    ])
    func aBadJournalURLIsExit11WithOneLineAndNothingElse(_ journal: String, _ expected: String) async throws {
        let bench = try Bench()
        defer { bench.cleanUp() }
        let apply = try Child(binary: bench.binary, arguments: ["apply", Bench.plan, "--emulate", "--yes", "--log-format", "json", "--journal", journal],
                              directory: bench.directory, name: "journal-url", environment: ["PGPASSWORD": "from-the-environment"])
        let events = await apply.readEvents { _ in false }
        let ended = await apply.exit()
        #expect(ended.status == 11, "\(ended); \(apply.stderr)")
        #expect(events.events.isEmpty, "no step ran: \(events.events.map(\.event))")
        #expect(apply.stderr.contains(expected), "\(apply.stderr)")
        #expect(!apply.stderr.contains("hunter2") && !apply.stderr.contains("from-the-environment"), "\(apply.stderr)")
        let left = try FileManager.default.contentsOfDirectory(atPath: bench.directory.path).filter { !$0.hasSuffix(".stderr") }
        #expect(left.isEmpty, "nothing created beside the plan: \(left)")
        let status = try Child(binary: bench.binary, arguments: ["status", "--journal", journal], directory: bench.directory, name: "status-url")
        _ = await status.readLines { _ in false }
        #expect(await status.exit().status == 1)
        #expect(!status.stderr.contains("hunter2"), "\(status.stderr)")
    }
}

/// What `apply` promises about secrets and what run.json records, seen from outside.
@Suite("apply's promises, from outside", .timeLimit(.minutes(3)))
struct ApplyPromiseProcessTests {
    /// Not a rehearsal: a plan pointed at a loopback "platform" with real credentials in the
    /// environment, as a user's cron job runs it. (Rehearsals send alerts to the emulator's inbox.)
    @Test func anUnsetWebhookSecretIsExit2BeforeAnythingIsSent() async throws {
        let bench = try Bench()
        defer { bench.cleanUp() }
        let emulator = try await bench.startEmulator(scale: 200)
        defer { emulator.kill() }
        let organizations = try WireCoding.decode([EmulatedOrganization].self, from: try await httpGet(emulator.url + "/emulator/organizations").body)
        let production = try #require(organizations.first { $0.name == "production" })
        let sandbox = try #require(organizations.first { $0.name == Bench.sandboxId })
        let plan = bench.directory.appendingPathComponent("real.yaml")
        try """
            version: 1
            name: real-path
            production:
              apiBase: \(emulator.url)
              credentials: {clientId: "${env:P_ID}", clientSecret: "${env:P_SECRET}"}
            sandbox:
              id: \(Bench.sandboxId)
              apiBase: \(emulator.url)
              credentials: {clientId: "${env:S_ID}", clientSecret: "${env:S_SECRET}"}
            refresh: {scope: [ARCHITECT, ROUTING]}
            notify: {onFailure: {webhook: "${env:SR_TEST_UNSET_HOOK}"}}
            """.write(to: plan, atomically: true, encoding: .utf8)
        let apply = try Child(binary: bench.binary, arguments: ["apply", plan.path, "--yes", "--log-format", "json", "--journal", bench.journal, "--run-id", bench.runId("hook")],
                              directory: bench.directory, name: "hook",
                              environment: ["P_ID": production.clientId, "P_SECRET": production.clientSecret, "S_ID": sandbox.clientId, "S_SECRET": sandbox.clientSecret])
        let events = await apply.readEvents { _ in false }
        let ended = await apply.exit()
        #expect(ended.status == 2, "\(ended); \(apply.stderr)")
        #expect(apply.stderr.contains("SR_TEST_UNSET_HOOK"), "names the variable: \(apply.stderr)")
        #expect(!events.events.contains { $0.event == "submit" })
        #expect(try await emulator.submissions().isEmpty)
    }

    @Test func runJSONRecordsThePlansCommitTheToolsVersionAndThePlansDigest() async throws {
        let bench = try Bench()
        defer { bench.cleanUp() }
        let plan = try bench.variantPlan(name: "tracked", replacing: [:])
        for arguments in [["init", "-q"], ["add", "."], ["-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "plans"]] {
            let git = Process()
            git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            git.arguments = ["git", "-C", bench.directory.path] + arguments
            try git.run()
            git.waitUntilExit()
        }
        let head = Process()
        head.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        head.arguments = ["git", "-C", bench.directory.path, "rev-parse", "HEAD"]
        let out = Pipe()
        head.standardOutput = out
        try head.run()
        head.waitUntilExit()
        let commit = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(commit.count == 40)

        let emulator = try await bench.startEmulator(scale: 200)
        defer { emulator.kill() }
        let runId = bench.runId("prov")
        let apply = try bench.startApply(emulator: emulator.url, runId: runId, plan: plan)
        apply.drain()
        #expect(await apply.exit().status == 0, "\(apply.stderr)")
        let runJSON = bench.directory.appendingPathComponent(".refresh-artifacts/\(Bench.sandboxId)/\(runId)/run.json")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: runJSON)) as? [String: Any])
        let provenance = try #require(summary["provenance"] as? [String: Any])
        #expect(provenance["planCommit"] as? String == commit)
        #expect(provenance["planTreeDirty"] as? Bool == false)
        #expect((provenance["toolVersion"] as? String)?.isEmpty == false)
        #expect((provenance["planSHA256"] as? String)?.count == 64)
    }
}

@Suite("schedules")
struct ScheduleProcessTests {
    /// `schedule` (string or {cron, timezone}) is what `cron` turns into crontab lines.
    @Test func cronLinesFollowEachPlansSchedule() async throws {
        let bench = try Bench()
        defer { bench.cleanUp() }
        let specs = Bench.repository.appendingPathComponent("specs")
        let child = try Child(binary: bench.binary, arguments: ["cron", specs.appendingPathComponent("dev.yaml").path, specs.appendingPathComponent("qa.yaml").path],
                              directory: bench.directory, name: "cron")
        let lines = await child.readLines { _ in false }
        #expect(await child.exit().status == 0, "\(child.stderr)")
        let dev = try #require(lines.first { $0.contains("dev.yaml") && !$0.hasPrefix("#") })
        let qa = try #require(lines.first { $0.contains("qa.yaml") && !$0.hasPrefix("#") })
        #expect(dev.hasPrefix("0 2 * * * "), "\(dev)")
        #expect(qa.hasPrefix("30 3 * * SAT "), "\(qa)")
        let zone = try #require(lines.firstIndex { $0 == "CRON_TZ=America/New_York" }, "\(lines)")
        #expect(zone < (lines.firstIndex(of: qa) ?? 0), "the zone line comes before the line it applies to")
        #expect(dev.contains("apply") && dev.contains("--yes") && dev.contains("--no-wait"), "\(dev)")
    }
}

@Suite("where users look")
struct StepSummaryProcessTests {
    /// On GitHub Actions the job page shows the run: outcome, refresh, gates, artifacts.
    @Test func aRunAppendsItsSummaryToGitHubsStepSummary() async throws {
        let bench = try Bench()
        defer { bench.cleanUp() }
        let emulator = try await bench.startEmulator(scale: 200)
        defer { emulator.kill() }
        let summaryFile = bench.directory.appendingPathComponent("step-summary.md")
        try "## earlier step\n".write(to: summaryFile, atomically: true, encoding: .utf8)
        let runId = bench.runId("gha")
        let apply = try Child(binary: bench.binary, arguments: ["apply", Bench.plan, "--emulator", emulator.url, "--yes", "--log-format", "json",
                                                                "--journal", bench.journal, "--run-id", runId],
                              directory: bench.directory, name: "gha", environment: ["GITHUB_STEP_SUMMARY": summaryFile.path])
        apply.drain()
        #expect(await apply.exit().status == 0, "\(apply.stderr)")
        let text = try String(contentsOf: summaryFile, encoding: .utf8)
        #expect(text.hasPrefix("## earlier step\n"), "appended, not overwritten")
        #expect(text.contains("sandbox-refresh `dev-nightly` on `sandbox-dev-01`: success (exit 0)"), "\(text)")
        #expect(text.contains("| `validate-flows.primary` | passed |") && text.contains("`\(runId)`"), "\(text)")
        let submitted = try await emulator.submissions()
        #expect(submitted.count == 1 && text.contains(submitted[0].id))
    }
}
