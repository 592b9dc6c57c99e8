import Executor
import Foundation
import GenesysClient
import GenesysWire
import Logging
import RunAssembly
import Synchronization
import Testing

/// The composition's guarantees that no single command shows: what a run starts, it stops,
/// however the run ends before it began.
@Suite("composing a run")
struct RefreshRunTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let quiet = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    final class Seen: Sendable {
        let url = Mutex<String?>(nil)
        let started = Mutex(false)
    }

    /// Whether anything answers HTTP at `base`.
    static func answers(_ base: String) async -> Bool {
        let transport = AHCTransport(connectTimeout: .seconds(20), readTimeout: .seconds(20))
        defer { Task { try? await transport.shutdown() } }
        do {
            _ = try await transport.send(WireRequest(method: .get, url: URL(string: base + "/api/v2/routing/queues")!), timeout: .seconds(20))
            return true
        } catch {
            return false
        }
    }

    @Test func aRunWhoseJournalCannotBeOpenedStopsTheEmulatorItStarted() async throws {
        let compiled = try PlanSource.compile(path: Self.repository.appendingPathComponent("specs/dev.yaml").path, environment: [:])
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("assembly-\(UUID().uuidString)")
        try Data().write(to: scratch)  // a file where the journal's directory would be
        defer { try? FileManager.default.removeItem(at: scratch) }
        let resources = RunResources(journalArgument: scratch.appendingPathComponent("journal.sqlite").path, environment: [:],
                                     proposedRunId: ProposedRunId(id: "assembly-1", chosen: true))
        let seen = Seen()
        let hooks = ApplyHooks(events: { _ in }, prepared: { prepared in
            seen.url.withLock { $0 = prepared.emulator?.baseURL }
            #expect(await Self.answers(prepared.emulator?.baseURL ?? ""), "the emulator serves while the run is set up")
        }, started: { _, _, _ in seen.started.withLock { $0 = true } })
        let result = await RefreshRun.apply(compiled, planPath: "specs/dev.yaml", options: ApplyOptions(platform: .privateEmulator(seed: 1, faultsFile: nil, timeScale: 100)),
                                            resources: resources, logger: Self.quiet, hooks: hooks)
        await resources.close()
        #expect(result.outcome == .journalFailed)
        #expect(seen.started.withLock { $0 } == false, "no run began")
        let url = try #require(seen.url.withLock { $0 })
        #expect(await Self.answers(url) == false, "the emulator at \(url) was stopped with the failed run")
    }

    @Test func aRunRefusedAtConfirmationStopsItsEmulatorAndSendsNothing() async throws {
        let compiled = try PlanSource.compile(path: Self.repository.appendingPathComponent("specs/dev.yaml").path, environment: [:])
        let resources = RunResources(journalArgument: FileManager.default.temporaryDirectory.appendingPathComponent("assembly-\(UUID().uuidString).sqlite").path,
                                     environment: [:], proposedRunId: ProposedRunId(id: "assembly-2", chosen: true))
        let seen = Seen()
        let hooks = ApplyHooks(events: { _ in }, prepared: { prepared in
            seen.url.withLock { $0 = prepared.emulator?.baseURL }
            throw RunSetupError(.interrupted, "")
        })
        let result = await RefreshRun.apply(compiled, planPath: "specs/dev.yaml", options: ApplyOptions(platform: .privateEmulator(seed: 1, faultsFile: nil, timeScale: 100)),
                                            resources: resources, logger: Self.quiet, hooks: hooks)
        await resources.close()
        #expect(result.outcome == .interrupted)
        let url = try #require(seen.url.withLock { $0 })
        #expect(await Self.answers(url) == false)
    }

    @Test func aPlanThatCannotReachItsSharedEmulatorFailsBeforeAnythingRuns() async throws {
        let compiled = try PlanSource.compile(path: Self.repository.appendingPathComponent("specs/dev.yaml").path, environment: [:])
        do {
            _ = try await PreparedRun.prepare(compiled, platform: .sharedEmulator(url: "http://127.0.0.1:1", expectedScale: nil), environment: [:], logger: Self.quiet)
            Issue.record("a shared emulator that is not there was accepted")
        } catch {
            #expect(error.outcome == .apiError)
            #expect(error.description.contains("no emulator answers at http://127.0.0.1:1"))
        }
    }

    @Test func theFleetRunsAtMostItsLimitAtOnceAndReportsInOrder() async throws {
        let running = Mutex((now: 0, peak: 0))
        let plans = (0..<9).map { "plan-\($0).yaml" }
        let results = await FleetScheduler.run(plans, parallel: 3) { file in
            running.withLock { $0.now += 1; $0.peak = max($0.peak, $0.now) }
            await Task.yield()
            running.withLock { $0.now -= 1 }
            return (file == "plan-4.yaml" ? .timedOut : .success, nil)
        }
        #expect(results.map(\.planFile) == plans)
        #expect(running.withLock { $0.peak } <= 3)
        #expect(FleetPolicy.mostSevere(results.map(\.outcome)) == .timedOut)
    }
}
