import EmulatorCore
import Foundation
import GenesysWire
import PostgresJournal
import RunJournal
import Testing
import Timekeeping

/// A fleet of runners as CI would have it: four `apply` processes, each in a working directory
/// of its own (nothing shared but the emulator and the PostgreSQL journal), eight plans on four
/// sandboxes with one production client id. Two runners are killed with SIGKILL at seeded points
/// and started again in new directories, as a re-run job lands on a new runner.
@Suite("fleet of runners on PostgreSQL", .enabled(if: JournalBackend.postgresEnabled, Comment(rawValue: JournalBackend.howToRun)))
struct FleetProcessTests {
    static let sandboxes = (1...4).map { "sandbox-fleet-0\($0)" }

    @Test func fourRunnersWithKillsSubmitOncePerRunNeverOverlapAndStayWithinTheBudget() async throws {
        let bench = try Bench()
        defer { bench.cleanUp() }
        let emulator = try await bench.startEmulator(scale: 60, sandboxes: Self.sandboxes)
        defer { emulator.kill() }
        let journal = try JournalBackend.postgres.newLocation()
        var plans: [String] = []
        for i in 0..<8 {
            plans.append(try bench.variantPlan(name: "fleet-\(i)", replacing: [
                "name: dev-nightly": "name: fleet-\(i)", "id: sandbox-dev-01": "id: \(Self.sandboxes[i % 4])",
            ]))
        }
        // Runner k applies plans 2k and 2k+1: runners 0 and 2 contend for sandboxes 1 and 2,
        // runners 1 and 3 for sandboxes 3 and 4.
        func start(_ runner: Int, attempt: Int) throws -> Child {
            let directory = bench.directory.appendingPathComponent("runner-\(runner)-attempt-\(attempt)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            var files: [String] = []
            for plan in [plans[2 * runner], plans[2 * runner + 1], bench.directory.appendingPathComponent("base.yaml").path] {
                let name = URL(fileURLWithPath: plan).lastPathComponent
                try FileManager.default.copyItem(atPath: plan, toPath: directory.appendingPathComponent(name).path)
                if name != "base.yaml" { files.append(name) }
            }
            return try Child(binary: bench.binary, arguments: ["apply"] + files + ["--parallel", "2", "--emulator", emulator.url, "--yes",
                                                                                   "--log-format", "json", "--journal", journal],
                             directory: directory, name: "runner-\(runner)-\(attempt)")
        }
        var random = SplitMix64(seed: 0x5EED_F1EE7)
        let victims: [Int: Int] = [0: 1 + Int(random.next() % 2), 2: 1 + Int(random.next() % 2)]  // runner: killed after its Nth poll
        let first = try (0..<4).map { try start($0, attempt: 0) }
        defer { first.forEach { $0.kill() } }

        // Both victims are watched at once, so that neither finishes while the other is awaited.
        let kills = await withTaskGroup(of: (Int, Bool, Process.TerminationReason, String).self) { group in
            for (runner, polls) in victims {
                let child = first[runner]
                group.addTask {
                    let reached = await child.readEvents(until: { $0.event == "poll" }, count: polls, signal: SIGKILL)
                    child.kill()
                    let killed = await child.exit()
                    return (runner, reached.stopped, killed.reason, child.stderr)
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        var restarted: [Child] = []
        defer { restarted.forEach { $0.kill() } }
        for (runner, reached, reason, stderr) in kills.sorted(by: { $0.0 < $1.0 }) {
            #expect(reached && reason == .uncaughtSignal, "runner \(runner) was to be killed after poll \(victims[runner] ?? 0): \(reason); \(stderr.suffix(1000))")
            restarted.append(try start(runner, attempt: 1))
        }
        for (index, child) in (first.enumerated().filter { victims[$0.offset] == nil }.map(\.element) + restarted).enumerated() {
            _ = await child.readEvents { _ in false }
            let ended = await child.exit()
            #expect(ended.reason == .exit && ended.status == 0, "runner process \(index) exited \(ended); stderr: \(child.stderr.suffix(2000))")
        }

        let store = try await JournalBackend.postgres.open(journal)
        defer { Task { await store.close() } }
        let runs = try await store.runs(planName: nil, limit: nil)
        for i in 0..<8 {
            let ofPlan = runs.filter { $0.planName == "fleet-\(i)" }
            #expect(ofPlan.count == 1 && ofPlan.first?.outcome == .success, "plan fleet-\(i): \(ofPlan.map { "\($0.id) \($0.outcome?.rawValue ?? "unfinished") attempt \($0.attempts)" })")
        }
        #expect(runs.contains { $0.attempts > 1 }, "a killed runner's run was resumed from another directory")
        for sandbox in Self.sandboxes {
            let answer = try await httpGet(emulator.url + "/emulator/submissions?sandboxId=\(sandbox)")
            let submissions = try WireCoding.decode([Refresh].self, from: answer.body).sorted { $0.createdDate < $1.createdDate }
            let runIds = runs.filter { $0.sandboxId == sandbox }.map(\.id)
            // Exactly one submission per run, carrying its tag.
            for runId in runIds {
                #expect(submissions.filter { $0.description?.hasSuffix("[sandbox-refresh run=\(runId)]") == true }.count == 1,
                        "\(sandbox) run \(runId): \(submissions.map { $0.description ?? "" })")
            }
            #expect(submissions.count == runIds.count, "\(sandbox): \(submissions.count) submissions for \(runIds.count) runs")
            // Never two refreshes of one sandbox at once.
            for (earlier, later) in zip(submissions, submissions.dropFirst()) {
                let end = try #require(earlier.completedDate, "\(earlier.id) never completed")
                #expect(end <= later.createdDate, "\(sandbox): \(earlier.id) ran until \(end), \(later.id) started \(later.createdDate)")
            }
        }
        // The counters cover every request, however many the request log still holds in full.
        let stats = try WireCoding.decode(EmulatorRequestStats.self, from: try await httpGet(emulator.url + "/emulator/stats").body)
        #expect(stats.total > 100)
        #expect(stats.statuses["429"] == nil, "the runners' own rate earned 429s: \(stats.statuses["429"] ?? 0)")
        #expect(try await store.locks().isEmpty, "every lock was released")
    }
}
