import EmulatorCore
import EmulatorServer
import Foundation
import GenesysClient
import GenesysWire
import Logging
import RunJournal
import Testing
import Timekeeping

/// The real binary, killed with SIGKILL: unlike CrashResumeTests (a journal that fails at write N
/// in one process), nothing here runs in the test's process but the checks. A shared
/// `sandbox-refresh emulator` process plays the platform and outlives every `apply` it serves, and
/// its own record of submissions (`GET /emulator/submissions`) is the witness.
///
/// No sleeps and no wall-clock polling: each step blocks on a child's stdout (bounded by a line
/// cap) or on its exit. Every case has its own emulator, journal and run ids, so cases run in
/// parallel without sharing a sandbox.
@Suite("apply processes killed and resumed against a shared emulator", .timeLimit(.minutes(5)))
struct ProcessKillTests {
    struct KillPoint: Sendable, CustomTestStringConvertible {
        var name: String
        /// Killed right after reading the `occurrence`-th JSON line with this `event`. The run
        /// goes on for a few milliseconds before the signal lands, so each point covers a window
        /// (e.g. "submitted" both before and after the refresh id is journaled).
        var event: String
        var occurrence: Int
        var testDescription: String { name }
    }

    static let killPoints = [
        KillPoint(name: "local lock held, platform lock checked", event: "lock.free", occurrence: 1),
        KillPoint(name: "submission about to be sent", event: "submit", occurrence: 1),
        KillPoint(name: "after the submitted event", event: "submitted", occurrence: 1),
        KillPoint(name: "after the first poll", event: "poll", occurrence: 1),
        KillPoint(name: "mid-poll, after three polls", event: "poll", occurrence: 3),
    ]

    /// ×200: ARCHITECT,ROUTING (about five emulated minutes) takes under two real seconds, and
    /// the latest kill point still leaves over a second for the signal to land before the run ends.
    static let killScale = 200.0

    @Test(arguments: killPoints)
    func killedApplyIsResumedByTheNextApplyWithOneSubmission(_ point: KillPoint) async throws {
        let bench = try Bench()
        defer { bench.cleanUp() }
        let emulator = try await bench.startEmulator(scale: Self.killScale)
        defer { emulator.kill() }
        let runA = bench.runId("a"), runB = bench.runId("b")

        let first = try bench.startApply(emulator: emulator.url, runId: runA)
        defer { first.kill() }
        let reached = await first.readEvents(until: { $0.event == point.event }, count: point.occurrence, signal: SIGKILL)
        guard reached.stopped else {
            Issue.record("\(point.name): `\(point.event)` #\(point.occurrence) never came; the run printed \(reached.events.map(\.event)); stderr: \(first.stderr)")
            return
        }
        first.kill()
        let killed = await first.exit()
        // Lost race: the run ended before the signal. Not a resume failure, but this case tested nothing.
        #expect(killed.reason == .uncaughtSignal && killed.status == SIGKILL, "\(point.name): the first apply ended by itself (\(killed)) before SIGKILL")
        let journal = try RunJournal(path: bench.journal)
        #expect(try journal.run(runA)?.outcome == nil, "\(point.name): the killed run is journaled unfinished")

        // The next invocation proposes another run id; it must take up the unfinished one instead.
        let second = try bench.startApply(emulator: emulator.url, runId: runB)
        defer { second.kill() }
        let resumed = await second.readEvents { _ in false }
        let ended = await second.exit()
        #expect(ended.reason == .exit && ended.status == 0, "\(point.name): resumed apply exited \(ended); stderr: \(second.stderr)")
        #expect(resumed.events.contains { $0.event == "run.resumed" }, "\(point.name): \(resumed.events.map(\.event))")
        let finished = resumed.events.last { $0.event == "run.finished" }
        #expect(finished?.fields?["outcome"] == "success" && finished?.message.contains(runA) == true, "\(point.name): \(finished?.message ?? "no run.finished")")

        let runs = try journal.runs()
        #expect(runs.map(\.id) == [runA], "\(point.name): one run, resumed under its own id; got \(runs.map(\.id))")
        let record = try #require(try journal.run(runA))
        #expect(record.outcome == .success && record.attempts == 2 && record.emulated, "\(point.name): \(record)")
        #expect(try journal.lock(sandboxId: Bench.sandboxId) == nil, "\(point.name): the lock is released")

        // The platform's own word: exactly one refresh, carrying the run's tag, the one the journal followed.
        let submissions = try await emulator.submissions()
        #expect(submissions.count == 1, "\(point.name): \(submissions.map { "\($0.id) \($0.description ?? "")" })")
        #expect(submissions.first?.description?.contains("[sandbox-refresh run=\(runA)]") == true)
        #expect(submissions.first?.status == .completed)
        #expect(try journal.refreshIds(runId: runA) == submissions.map(\.id), "\(point.name)")
    }

    @Test func aSecondApplyWithNoWaitExits75WhileTheFirstRunsAndNothingIsSubmittedTwice() async throws {
        let bench = try Bench()
        defer { bench.cleanUp() }
        // Slower than the kill cases: the first run must still hold the sandbox while a whole
        // second process starts, on a loaded machine (×40: about eight real seconds of polling).
        let emulator = try await bench.startEmulator(scale: 40)
        defer { emulator.kill() }
        let runA = bench.runId("a"), runB = bench.runId("b")

        let first = try bench.startApply(emulator: emulator.url, runId: runA)
        defer { first.kill() }
        // Past "submitted" the first holds the local lock and its refresh is on the platform: a second
        // process that got through would either submit again or adopt it, both visible below.
        // SIGSTOP on "submitted" keeps the first holding the lock, whatever the test runtime's pace;
        // SIGCONT once the second has been refused.
        let started = await first.readEvents(until: { $0.event == "submitted" }, signal: SIGSTOP)
        try #require(started.stopped, "the first apply never submitted: \(started.events.map(\.event)); stderr: \(first.stderr)")

        let second = try bench.startApply(emulator: emulator.url, runId: runB, extra: ["--no-wait"])
        defer { second.kill() }
        let refused = await second.readEvents { _ in false }
        let secondExit = await second.exit()
        #expect(secondExit.reason == .exit && secondExit.status == 75, "second apply: \(secondExit); stderr: \(second.stderr)")
        #expect(refused.events.isEmpty, "a refused apply runs no step: \(refused.events.map(\.event))")
        #expect(second.stderr.contains("already being refreshed"), "\(second.stderr)")

        _ = Foundation.kill(first.process.processIdentifier, SIGCONT)
        let rest = await first.readEvents { _ in false }
        let firstExit = await first.exit()
        #expect(firstExit.reason == .exit && firstExit.status == 0, "first apply: \(firstExit); stderr: \(first.stderr)")
        #expect(rest.events.last?.event == "run.finished")

        let journal = try RunJournal(path: bench.journal)
        #expect(try journal.runs().map(\.id) == [runA], "the refused apply journaled no run")
        let submissions = try await emulator.submissions()
        #expect(submissions.count == 1 && submissions.first?.description?.contains("[sandbox-refresh run=\(runA)]") == true,
                "\(submissions.map { "\($0.id) \($0.description ?? "")" })")
    }

    @Test func controlEndpointsAreServedOnlyWhenEnabled() async throws {
        let emulator = Emulator(world: World.generate(WorldSpec(seed: 3, sandboxes: [Bench.sandboxId])), clock: ScaledClock(scale: 50))
        var quiet = Logger(label: "control-test")
        quiet.logLevel = .error
        let plain = try await EmulatorHTTPServer.start(emulator: emulator, logger: quiet)
        let control = try await EmulatorHTTPServer.start(emulator: emulator, control: true, logger: quiet)
        let closed = try await httpGet(plain.baseURL + "/emulator/organizations")
        let open = try await httpGet(control.baseURL + "/emulator/organizations")
        let clock = try await httpGet(control.baseURL + "/emulator/clock")
        let missing = try await httpGet(control.baseURL + "/emulator/submissions")
        await plain.stop()
        await control.stop()
        #expect(closed.status == 404, "without control the path is the emulated API's, which has no such resource")
        #expect(open.status == 200)
        let organizations = try WireCoding.decode([EmulatedOrganization].self, from: open.body)
        #expect(Set(organizations.map(\.name)) == ["production", Bench.sandboxId])
        #expect(organizations == emulator.organizations)
        #expect(try WireCoding.decode(EmulatorClockReading.self, from: clock.body).scale == 50)
        #expect(missing.status == 400, "sandboxId is required")
    }
}

// MARK: - the bench: temp directory, binary, child processes

/// One test's world: a fresh temp directory (journal, artifacts, logs) and distinct run ids.
struct Bench {
    static let sandboxId = "sandbox-dev-01"
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let plan = repository.appendingPathComponent("specs/dev.yaml").path

    let directory: URL
    let binary: URL
    let tag = String(UUID().uuidString.prefix(8)).lowercased()
    var journal: String { directory.appendingPathComponent("journal.sqlite").path }

    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    init() throws {
        // `swift build` (and `swift test`) put the executable next to the test bundle; .ci/run builds first.
        let candidates = [Bundle.main.bundleURL.appendingPathComponent("sandbox-refresh"),
                          Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("sandbox-refresh"),
                          Self.repository.appendingPathComponent(".build/debug/sandbox-refresh")]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            Issue.record("no sandbox-refresh binary at \(candidates.map(\.path)): run `swift build` first")
            throw Missing(description: "sandbox-refresh not built")
        }
        binary = found
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("process-kill-\(tag)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func runId(_ suffix: String) -> String { "pk-\(tag)-\(suffix)" }

    func cleanUp() { try? FileManager.default.removeItem(at: directory) }

    /// `sandbox-refresh emulator --port 0`, up once it prints its URL.
    func startEmulator(scale: Double, sandboxes: [String] = [Bench.sandboxId]) async throws -> EmulatorProcess {
        let child = try Child(binary: binary, arguments: ["emulator", "--port", "0", "--time-scale", "\(scale)"] + sandboxes.flatMap { ["--sandbox", $0] },
                              directory: directory, name: "emulator")
        let banner = await child.readLines(cap: 50) { $0.contains("listening on http://") }
        guard let line = banner.last, let start = line.range(of: "http://") else {
            child.kill()
            throw Missing(description: "the emulator printed no URL: \(banner); stderr: \(child.stderr)")
        }
        child.drain()  // its stdout must not fill up and block it
        return EmulatorProcess(child: child, url: String(line[start.lowerBound...].prefix { $0 != " " }))
    }

    func startApply(emulator url: String, runId: String, extra: [String] = [], plan: String = Bench.plan) throws -> Child {
        try Child(binary: binary, arguments: ["apply", plan, "--emulator", url, "--yes", "--log-format", "json",
                                              "--journal", journal, "--run-id", runId] + extra,
                  directory: directory, name: "apply-\(runId)-\(UUID().uuidString.prefix(4))")
    }

    /// specs/dev.yaml with some lines replaced, beside a copy of the base it extends.
    func variantPlan(name: String, replacing replacements: [String: String]) throws -> String {
        let specs = Self.repository.appendingPathComponent("specs")
        let base = try String(contentsOf: specs.appendingPathComponent("base.yaml"), encoding: .utf8)
        try base.write(to: directory.appendingPathComponent("base.yaml"), atomically: true, encoding: .utf8)
        var text = try String(contentsOf: specs.appendingPathComponent("dev.yaml"), encoding: .utf8)
        for (old, new) in replacements {
            guard text.contains(old) else { throw Missing(description: "specs/dev.yaml has no '\(old)'") }
            text = text.replacingOccurrences(of: old, with: new)
        }
        let url = directory.appendingPathComponent("\(name).yaml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }
}

struct EmulatorProcess {
    let child: Child
    let url: String

    func kill() { child.kill() }

    /// The emulator's own record of refreshes accepted through the API.
    func submissions() async throws -> [Refresh] {
        let answer = try await httpGet(url + "/emulator/submissions?sandboxId=\(Bench.sandboxId)")
        try #require(answer.status == 200, "submissions: HTTP \(answer.status)")
        return try WireCoding.decode([Refresh].self, from: answer.body)
    }
}

/// One JSON line of `apply --log-format json`.
struct LoggedEvent: Decodable, Sendable {
    var event: String
    var message: String
    var fields: [String: String]?
}

/// A child process: stdout through a pipe read line by line, stderr to a file.
final class Child: @unchecked Sendable {
    let process = Process()
    private let stdout = Pipe()
    private let stderrURL: URL
    private let exited: AsyncStream<Void>
    private let lines: LineReader

    init(binary: URL, arguments: [String], directory: URL, name: String, environment extra: [String: String] = [:]) throws {
        process.executableURL = binary
        process.arguments = arguments
        // Relative artifact directories land in the temp directory, not the checkout.
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["SANDBOX_REFRESH_JOURNAL"] = nil
        for name in ["GITHUB_RUN_ID", "CI_PIPELINE_ID", "BUILD_BUILDID"] { environment[name] = nil }
        environment.merge(extra) { $1 }
        process.environment = environment
        stderrURL = directory.appendingPathComponent("\(name).stderr")
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        process.standardOutput = stdout
        process.standardInput = FileHandle.nullDevice
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self)
        exited = stream
        // Set before run(): an exit can never be missed.
        process.terminationHandler = { _ in continuation.finish() }
        lines = LineReader(stdout.fileHandleForReading)
        try process.run()
    }

    var stderr: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }

    func kill() {
        if process.isRunning { _ = Foundation.kill(process.processIdentifier, SIGKILL) }
    }

    /// Waits on the termination handler (no polling); once only.
    func exit() async -> (reason: Process.TerminationReason, status: Int32) {
        for await _ in exited {}
        return (process.terminationReason, process.terminationStatus)
    }

    /// Lines until one satisfies `stop` (included), end of file, or `cap`: a blocking read,
    /// done on a thread of its own so the test runtime's few threads stay free.
    func readLines(cap: Int = 2000, stop: @escaping @Sendable (String) -> Bool) async -> [String] {
        let lines = self.lines
        return await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var read: [String] = []
                while read.count < cap, let line = lines.next() {
                    read.append(line)
                    if stop(line) { break }
                }
                continuation.resume(returning: read)
            }
        }
    }

    /// JSON events until the `count`-th one satisfying `stop` (then `stopped`), or end of file.
    /// `signal` is sent by the reading thread the moment that line is read: a busy test runtime
    /// (its few cooperative threads taken by CPU-heavy tests running beside this one) can take
    /// seconds to resume the awaiting test, long enough for the run to finish before the signal.
    func readEvents(until stop: @escaping @Sendable (LoggedEvent) -> Bool, count: Int = 1, signal: Int32? = nil) async -> (events: [LoggedEvent], stopped: Bool) {
        let seen = Counter()
        let pid = process.processIdentifier
        let raw = await readLines { line in
            guard let event = try? JSONDecoder().decode(LoggedEvent.self, from: Data(line.utf8)), stop(event) else { return false }
            guard seen.increment() >= count else { return false }
            if let signal { _ = Foundation.kill(pid, signal) }
            return true
        }
        let events = raw.compactMap { try? JSONDecoder().decode(LoggedEvent.self, from: Data($0.utf8)) }
        return (events, seen.value >= count)
    }

    /// Reads and drops the rest of stdout in the background, until the process closes it.
    func drain() {
        let lines = self.lines
        Thread.detachNewThread { while lines.next() != nil {} }
    }
}

/// Only ever touched by the one reading thread at a time.
final class Counter: @unchecked Sendable {
    private(set) var value = 0
    func increment() -> Int { value += 1; return value }
}

/// Blocking line reads straight from the pipe's descriptor: a read returns as soon as the child
/// writes, and 0 (end of file) once it exits or is killed.
final class LineReader: @unchecked Sendable {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var ended = false

    init(_ handle: FileHandle) { self.handle = handle }

    func next() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: 10) {
                defer { buffer.removeSubrange(...newline) }
                return String(decoding: buffer[..<newline], as: UTF8.self)
            }
            if ended {
                guard !buffer.isEmpty else { return nil }
                defer { buffer.removeAll() }
                return String(decoding: buffer, as: UTF8.self)
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { read(handle.fileDescriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                buffer += chunk[..<count]
            } else if count == 0 || errno != EINTR {
                ended = true
            }
        }
    }
}

/// One GET with a client of its own (AsyncHTTPClient must be shut down before it goes).
func httpGet(_ url: String) async throws -> WireResponse {
    let transport = AHCTransport(connectTimeout: .seconds(10), readTimeout: .seconds(30))
    do {
        let response = try await transport.send(WireRequest(method: .get, url: try #require(URL(string: url))), timeout: .seconds(30))
        try? await transport.shutdown()
        return response
    } catch {
        try? await transport.shutdown()
        throw error
    }
}
