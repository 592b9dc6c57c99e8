import Foundation
@testable import PostgresJournal
import RunJournal
import Synchronization
import Testing
import Timekeeping

/// The wait for a journal connection: the pure policy, and the journal waiting out a server that
/// refuses it with SQLSTATE 53300 on a virtual clock (no real sleep anywhere).
@Suite("waiting for a journal connection")
struct ConnectionWaitTests {
    @Test func backoffGrowsWithJitterAndNeverSleepsPastTheLimit() {
        var wait = ConnectionWait(limit: .seconds(60), baseDelay: .milliseconds(200), maxDelay: .seconds(10), seed: 7)
        var now = Moment.epoch
        var delays: [Duration] = []
        while case .retry(let delay, let waited) = wait.refused(.tooManyClients, at: now) {
            #expect(waited == Moment.epoch.duration(to: now))
            #expect(delay > .zero && delay <= .seconds(10))
            #expect(waited + delay <= .seconds(60), "a sleep never runs past the limit")
            delays.append(delay)
            now = now.advanced(by: delay)
        }
        #expect(Moment.epoch.duration(to: now) == .seconds(60), "the last attempt is made as the wait runs out")
        // Exponential, then capped: the first few are short, later ones reach the upper half of the cap.
        #expect(delays[0] <= .milliseconds(200) && delays[0] >= .milliseconds(100))
        #expect(delays.dropFirst(8).dropLast().allSatisfy { $0 >= .seconds(5) })
        #expect(wait.refused(.tooManyClients, at: now) == .exhausted(waited: .seconds(60)))
    }

    @Test func aSuccessStartsTheNextWaitAfresh() {
        var wait = ConnectionWait(limit: .seconds(5), seed: 1)
        _ = wait.refused(.poolExhausted, at: .epoch)
        #expect(wait.refused(.poolExhausted, at: Moment.epoch.advanced(by: .seconds(5))) == .exhausted(waited: .seconds(5)))
        wait.succeeded()
        guard case .retry(_, let waited) = wait.refused(.poolExhausted, at: Moment.epoch.advanced(by: .seconds(100))) else {
            Issue.record("a new wait was refused at once")
            return
        }
        #expect(waited == .zero)
    }

    @Test func runnersRefusedTogetherComeBackApart() {
        let first = (0..<20).map { seed -> Duration in
            var wait = ConnectionWait(limit: .seconds(600), seed: UInt64(seed))
            for attempt in 0..<5 { _ = wait.refused(.tooManyClients, at: Moment.epoch.advanced(by: .seconds(attempt))) }
            guard case .retry(let delay, _) = wait.refused(.tooManyClients, at: Moment.epoch.advanced(by: .seconds(5))) else { return .zero }
            return delay
        }
        #expect(Set(first).count == first.count)
    }

    @Test func connectWaitAndPoolSizeAreURLParameters() throws {
        let plain = try PostgresJournalURL(try #require(URL(string: "postgres://ci@db/refresh")), environment: [:])
        #expect(plain.connectWait == .seconds(600) && plain.poolSize == 1)
        let set = try PostgresJournalURL(try #require(URL(string: "postgres://ci@db/refresh?connectWait=1h30m&poolSize=3")), environment: [:])
        #expect(set.connectWait == .seconds(5400) && set.poolSize == 3)
        #expect(PostgresJournalURL.duration("250ms") == .milliseconds(250) && PostgresJournalURL.duration("45") == .seconds(45))
        for bad in ["connectWait=soon", "connectWait=", "poolSize=0", "poolSize=many"] {
            #expect(throws: PostgresJournalURL.Invalid.self) {
                try PostgresJournalURL(try #require(URL(string: "postgres://ci@db/refresh?\(bad)")), environment: [:])
            }
        }
    }

    @Test func refusalsThatProveNothingRanAreTheOnlyOnesWaitedOut() {
        #expect(ConnectionWaiter.transient(CancellationError()) == nil)
        #expect(ConnectionWaiter.transient(RunJournal.OpenError(description: "too many clients")) == nil, "only the server's own refusal counts")
    }
}

/// Against the test server: a role limited to one connection refuses the second with SQLSTATE
/// 53300, exactly as a full server does, without filling the shared server.
@Suite("waiting for a journal connection on a server", .enabled(if: JournalBackend.postgresEnabled, Comment(rawValue: JournalBackend.howToRun)))
struct ConnectionWaitServerTests {
    /// A login role that may hold one session, and a URL that uses it.
    static func limitedRole() async throws -> (admin: PostgresJournal, role: String, location: String) {
        let admin = try await PostgresJournal.open(try #require(URL(string: try JournalBackend.postgres.newLocation())), environment: [:])
        let role = "sr_wait_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        // Not a superuser: superusers are exempt from connection limits. It creates its own
        // schema, so it owns what it uses.
        try await admin.execute(unsafeSQL: "CREATE ROLE \(role) LOGIN NOSUPERUSER CONNECTION LIMIT 1")
        try await admin.execute(unsafeSQL: "DO $$ BEGIN EXECUTE format('GRANT CREATE ON DATABASE %I TO \(role)', current_database()); END $$")
        let location = try JournalBackend.postgres.newLocation()
        var components = try #require(URLComponents(string: location))
        components.user = role
        return (admin, role, try #require(components.string))
    }

    @Test func aRefusedRunnerWaitsAndIsToldWhyThenGetsIn() async throws {
        let (admin, role, location) = try await Self.limitedRole()
        defer { Task { try? await admin.execute(unsafeSQL: "DROP OWNED BY \(role)"); try? await admin.execute(unsafeSQL: "DROP ROLE IF EXISTS \(role)"); await admin.close() } }
        // The role's one slot is taken, by a first runner's journal.
        let first = try await PostgresJournal.open(try #require(URL(string: location + "&connectWait=5m")), environment: [:])
        let clock = VirtualClock()
        let events = Mutex<[JournalWaitEvent]>([])
        let second = Task {
            try await PostgresJournal.open(try #require(URL(string: location + "&connectWait=5m")), environment: [:], clock: clock, waiting: { event in
                let count = events.withLock { $0.append(event); return $0.count }
                // The first runner ends after a few refusals: its slot frees.
                if count == 3 { Task { await first.close() } }
            })
        }
        let journal = try await second.value
        let seen = events.withLock { $0 }
        #expect(seen.count >= 3)
        #expect(seen.allSatisfy { $0.reason == .tooManyClients && $0.detail.contains("53300") }, "\(seen.map(\.detail))")
        #expect(seen.first?.message.contains("waiting for a journal connection (too-many-clients") == true)
        #expect(journal.waiting == nil, "the wait is over")
        await journal.close()
    }

    @Test func anExhaustedWaitEndsWithOneLine() async throws {
        let (admin, role, location) = try await Self.limitedRole()
        defer { Task { try? await admin.execute(unsafeSQL: "DROP OWNED BY \(role)"); try? await admin.execute(unsafeSQL: "DROP ROLE IF EXISTS \(role)"); await admin.close() } }
        let first = try await PostgresJournal.open(try #require(URL(string: location)), environment: [:])
        defer { Task { await first.close() } }
        let clock = VirtualClock()
        let refusals = Atomic<Int>(0)
        do {
            _ = try await PostgresJournal.open(try #require(URL(string: location + "&connectWait=2m")), environment: [:], clock: clock,
                                               waiting: { _ in refusals.add(1, ordering: .relaxed) })
            Issue.record("a runner got a connection its role has no slot for")
        } catch {
            let line = "\(error)"
            #expect(!line.contains("\n"))
            #expect(line.contains("no connection to the journal") && line.contains("within 2m") && line.contains("53300"), "\(line)")
            #expect(refusals.load(ordering: .relaxed) > 5)
        }
    }
}

/// The whole runner: `apply` whose journal never has a connection for it ends with exit 11 and
/// one line once `connectWait` runs out, having logged its wait and sent nothing.
@Suite("apply waiting for a journal connection", .enabled(if: JournalBackend.postgresEnabled, Comment(rawValue: JournalBackend.howToRun)))
struct ConnectionWaitProcessTests {
    @Test func anApplyThatNeverGetsAConnectionExits11WithOneLineAndSendsNothing() async throws {
        let admin = try await PostgresJournal.open(try #require(URL(string: try JournalBackend.postgres.newLocation())), environment: [:])
        let role = "sr_full_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        // A role with no connection slot at all: every session it asks for is refused with
        // SQLSTATE 53300, as on a server at max_connections.
        try await admin.execute(unsafeSQL: "CREATE ROLE \(role) LOGIN NOSUPERUSER CONNECTION LIMIT 0")
        defer { Task { try? await admin.execute(unsafeSQL: "DROP ROLE IF EXISTS \(role)"); await admin.close() } }
        var components = try #require(URLComponents(string: try JournalBackend.postgres.newLocation()))
        components.user = role
        let journal = try #require(components.string) + "&connectWait=2s"

        let bench = try Bench()
        defer { bench.cleanUp() }
        let emulator = try await bench.startEmulator(scale: 100)
        defer { emulator.kill() }
        let child = try Child(binary: bench.binary, arguments: ["apply", Bench.plan, "--emulator", emulator.url, "--yes", "--log-format", "json",
                                                                "--journal", journal, "--run-id", bench.runId("full")],
                              directory: bench.directory, name: "apply-no-connection")
        defer { child.kill() }
        let logged = await child.readEvents { _ in false }
        let ended = await child.exit()
        #expect(ended.reason == .exit && ended.status == 11, "exited \(ended); stderr: \(child.stderr.suffix(2000))")
        let waits = logged.events.filter { $0.event == "journal.waiting" }
        #expect(!waits.isEmpty && waits.allSatisfy { $0.fields?["reason"] == "too-many-clients" }, "\(logged.events.map(\.event))")
        let lines = child.stderr.split(separator: "\n").filter { $0.contains("no connection to the journal") }
        #expect(lines.count == 1 && lines.first?.contains("within 2s") == true, "stderr: \(child.stderr.suffix(2000))")
        #expect(try await emulator.submissions().isEmpty, "nothing was sent")
    }
}
