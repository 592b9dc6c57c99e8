import EmulatorCore
import Executor
import Foundation
import GenesysClient
import Logging
import PlanGraph
import RefreshPlan
import RunJournal
import RunReports
import Synchronization
import Testing
import Timekeeping

/// An emulated platform on a virtual clock and a temporary journal file. Each "process" of a
/// test gets new API clients and a new `RunJournal` on the same file, against the same emulator:
/// only the platform and the SQLite file outlive a crash, as in production.
final class JournalHarness: Sendable {
    static let sandboxId = "sandbox-journal-01"
    static let devBody = """
        refresh: {scope: [ARCHITECT, ROUTING], description: nightly}
        gates: {validateFlows: {flows: all}}
        """

    let clock: VirtualClock
    let emulator: Emulator
    let directory: URL
    let backend: JournalBackend
    /// The file, or the server URL with a schema of this harness's own.
    let journalLocation: String

    init(faults: FaultPlan = .none, backend: JournalBackend = .sqlite) {
        self.backend = backend
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("run-journal-tests-\(UUID().uuidString)")
        journalLocation = backend == .sqlite ? directory.appendingPathComponent("journal.sqlite").path : ((try? backend.newLocation()) ?? "postgres://unconfigured/")
        clock = VirtualClock()
        emulator = Emulator(world: World.generate(WorldSpec(seed: 7, sandboxes: [JournalHarness.sandboxId])), clock: clock, faults: faults)
        self.directory = directory
    }

    /// A new connection to the journal, as a new process would open it.
    func openStore() async throws -> any JournalStore {
        try await backend.open(journalLocation)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    var journalPath: String { directory.appendingPathComponent("journal.sqlite").path }
    var artifacts: URL { directory.appendingPathComponent("artifacts") }
    var submissionCount: Int { emulator.submissions(sandboxId: JournalHarness.sandboxId).count }

    var environment: [String: String] {
        let production = emulator.organization("production")!
        let sandbox = emulator.organization(JournalHarness.sandboxId)!
        return ["PROD_ID": production.clientId, "PROD_SECRET": production.clientSecret, "SB_ID": sandbox.clientId, "SB_SECRET": sandbox.clientSecret]
    }

    func graph(_ body: String = JournalHarness.devBody, name: String = "journal-test") throws -> PlanGraph {
        let text = """
            version: 1
            name: \(name)
            production:
              region: mypurecloud.com
              apiBase: http://127.0.0.1:9080
              credentials: {clientId: "${env:PROD_ID}", clientSecret: "${env:PROD_SECRET}"}
            sandbox:
              id: \(JournalHarness.sandboxId)
              credentials: {clientId: "${env:SB_ID}", clientSecret: "${env:SB_SECRET}"}
            \(body)
            """
        let result = PlanLoader(environment: environment).load(text: text, path: "test.yaml")
        let errors = result.diagnostics.filter { $0.severity == .error }
        try #require(errors.isEmpty, "\(errors.map { "\($0.code) \($0.message)" })")
        return try PlanCompiler.compile(try #require(result.plan), diagnostics: result.diagnostics)
    }

    /// A run context with brand-new clients, as a new process would build.
    func context(_ graph: PlanGraph, runId: String) throws -> RunContext {
        let env = environment
        let transport = InProcessTransport(emulator: emulator)
        let base = URL(string: "http://127.0.0.1:9080")!
        let quiet = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        func client(_ name: String, _ id: String, _ secret: String) throws -> GenesysClient {
            GenesysClient(name: name, endpoint: try OrganizationEndpoint(apiBase: base, loginBase: base),
                          credentials: ClientCredentials(clientId: env[id]!, clientSecret: env[secret]!), transport: transport, clock: clock, logger: quiet)
        }
        return RunContext(
            graph: graph, runId: runId, production: try client("production", "PROD_ID", "PROD_SECRET"),
            sandbox: try client("sandbox", "SB_ID", "SB_SECRET"), transport: transport, clock: clock, artifactsRoot: artifacts,
            secrets: SecretResolver(environment: env, readFile: { _ in "" }), seed: 3, logger: quiet, events: { _ in }, planPath: "specs/test.yaml",
            views: RunReportViews())
    }

    /// One `apply` process: a new journal connection, new clients.
    func apply(_ graph: PlanGraph, proposedRunId: String, holder: LockHolder = .current, wait: Bool = false,
               onlyRunId: String? = nil, wrap: (@Sendable (any RunJournaling) -> any RunJournaling)? = nil) async throws -> JournaledApply.Result {
        let store = try await openStore()
        var apply = JournaledApply(journal: store)
        apply.holder = holder
        apply.waitForLock = wait
        let clock = self.clock
        apply.now = { clock.nowDate }
        apply.sleep = { try await clock.sleep(for: $0) }
        if let wrap { apply.wrapRecorder = wrap }
        // The "process" ends with the call: its connections close, and a lock it kept (a crash)
        // is released on a server journal the way a dead runner's is.
        do {
            let result = try await apply.run(planName: graph.settings.planName, sandboxId: graph.settings.sandboxId, proposedRunId: proposedRunId, onlyRunId: onlyRunId) { runId, _ in
                try self.context(graph, runId: runId)
            }
            await store.close()
            return result
        } catch {
            await store.close()
            throw error
        }
    }
}

extension JournaledApply.Result {
    var report: RunReport? {
        if case .finished(let report, _) = self { return report }
        return nil
    }

    var resumed: Bool {
        if case .finished(_, let resumed) = self { return resumed }
        return false
    }
}

/// A holder whose process cannot exist: pids never reach this value, so `kill(pid, 0)` answers ESRCH.
let deadHolder = LockHolder(pid: 2_147_480_000, hostname: LockHolder.current.hostname)
