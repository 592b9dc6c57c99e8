import EmulatorCore
import Foundation
import GenesysClient
import GenesysWire
import Logging
@testable import Executor
import PlanGraph
import RefreshPlan
import RunReports
import Synchronization
import Testing
import Timekeeping

/// An emulated platform on a virtual clock, and a plan pointed at it through the in-process
/// transport: a four-hour refresh runs in milliseconds, deterministically.
final class Harness: Sendable {
    static let sandboxId = "sandbox-test-01"
    /// The sandbox secrets `harden.credentials` plans resolve: tests look for them where they must never be.
    static let sandboxServiceUser = "svc-sandbox-user-5f1c"
    static let sandboxServicePassword = "sbx-pw-8c2e91d7a4"

    let clock: VirtualClock
    let emulator: Emulator
    let artifacts: URL
    private let collected = EventLog()

    init(spec: WorldSpec = WorldSpec(seed: 7, sandboxes: [Harness.sandboxId]), faults: FaultPlan = .none) {
        clock = VirtualClock()
        emulator = Emulator(world: World.generate(spec), clock: clock, faults: faults)
        artifacts = FileManager.default.temporaryDirectory.appendingPathComponent("sandbox-refresh-tests-\(UUID().uuidString)")
    }

    deinit { try? FileManager.default.removeItem(at: artifacts) }

    var events: [RunEvent] { collected.events }

    /// The variables the plan's `${env:...}` credentials resolve to.
    var environment: [String: String] {
        let production = emulator.organization("production")!
        let sandbox = emulator.organization(Harness.sandboxId)!
        return ["PROD_ID": production.clientId, "PROD_SECRET": production.clientSecret, "SB_ID": sandbox.clientId, "SB_SECRET": sandbox.clientSecret,
                "SANDBOX_SVC_USER": Harness.sandboxServiceUser, "SANDBOX_SVC_PASSWORD": Harness.sandboxServicePassword]
    }

    /// A plan whose shared parts are fixed and whose `body` says what the test is about.
    static func planText(_ body: String) -> String {
        """
        version: 1
        name: executor-test
        production:
          region: mypurecloud.com
          apiBase: http://127.0.0.1:9080
          credentials: {clientId: "${env:PROD_ID}", clientSecret: "${env:PROD_SECRET}"}
        sandbox:
          id: \(sandboxId)
          credentials: {clientId: "${env:SB_ID}", clientSecret: "${env:SB_SECRET}"}
        \(body)
        """
    }

    /// Snapshots go under the test's own directory unless the body says where.
    func withSnapshots(_ body: String) -> String {
        body.contains("snapshot:") ? body : body + "\nsnapshot: {directory: \"\(artifacts.path)/snapshots\"}"
    }

    func graph(_ body: String) throws -> PlanGraph {
        let result = PlanLoader(environment: environment).load(text: Harness.planText(withSnapshots(body)), path: "test.yaml")
        let errors = result.diagnostics.filter { $0.severity == .error }
        try #require(errors.isEmpty, "\(errors.map { "\($0.code) \($0.message)" })")
        return try PlanCompiler.compile(try #require(result.plan), diagnostics: result.diagnostics)
    }

    /// The plan `graph(body)` compiles, for tests that change it by hand before compiling.
    func plan(_ body: String) throws -> Plan {
        let result = PlanLoader(environment: environment).load(text: Harness.planText(withSnapshots(body)), path: "test.yaml")
        return try #require(result.plan)
    }

    func client(_ org: Organization, credentials: ClientCredentials? = nil, transport: (any HTTPTransport)? = nil,
                observer: @escaping ResilienceObserver = { _ in }) throws -> GenesysClient {
        let env = environment
        let creds = credentials ?? (org == .production
            ? ClientCredentials(clientId: env["PROD_ID"]!, clientSecret: env["PROD_SECRET"]!)
            : ClientCredentials(clientId: env["SB_ID"]!, clientSecret: env["SB_SECRET"]!))
        let base = URL(string: "http://127.0.0.1:9080")!
        return GenesysClient(
            name: org.rawValue, endpoint: try OrganizationEndpoint(apiBase: base, loginBase: base), credentials: creds,
            transport: transport ?? InProcessTransport(emulator: emulator), clock: clock, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() },
            observer: observer)
    }

    func run(_ body: String, runId: String = "run-1", sandboxCredentials: ClientCredentials? = nil, transport: (any HTTPTransport)? = nil,
             refreshHistory: [String: [PastRefresh]] = [:]) async throws -> RunReport {
        try await run(graph: try graph(body), runId: runId, sandboxCredentials: sandboxCredentials, transport: transport, refreshHistory: refreshHistory)
    }

    /// `eventLog`: the run's log, shared by the caller (e.g. with the clients' `observer`, as `apply` does).
    func run(graph: PlanGraph, runId: String = "run-1", sandboxCredentials: ClientCredentials? = nil, transport: (any HTTPTransport)? = nil,
             observer: @escaping ResilienceObserver = { _ in }, eventLog: RunEventLog? = nil, refreshHistory: [String: [PastRefresh]] = [:],
             journal: (any RunJournaling)? = nil) async throws -> RunReport {
        let context = try context(graph: graph, runId: runId, sandboxCredentials: sandboxCredentials, transport: transport, observer: observer,
                                  eventLog: eventLog, refreshHistory: refreshHistory, journal: journal)
        return await Executor.run(context)
    }

    /// The context `run` walks the graph with, for tests that run one step by hand.
    func context(graph: PlanGraph, runId: String = "run-1", sandboxCredentials: ClientCredentials? = nil, transport: (any HTTPTransport)? = nil,
                 observer: @escaping ResilienceObserver = { _ in }, eventLog: RunEventLog? = nil, refreshHistory: [String: [PastRefresh]] = [:],
                 journal: (any RunJournaling)? = nil, resume: ResumePoint? = nil) throws -> RunContext {
        let transport = transport ?? InProcessTransport(emulator: emulator)
        var context = RunContext(
            graph: graph, runId: runId, production: try client(.production, transport: transport, observer: observer),
            sandbox: try client(.sandbox, credentials: sandboxCredentials, transport: transport, observer: observer), transport: transport, clock: clock,
            artifactsRoot: artifacts, secrets: SecretResolver(environment: environment, readFile: { _ in "" }), seed: 3,
            logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() },
            events: { [collected] event in collected.append(event) }, views: RunReportViews())
        if let eventLog { context.eventLog = eventLog }
        context.refreshHistory = refreshHistory
        if let journal { context.journal = journal }
        context.resume = resume
        return context
    }
}

/// Runs a hook before passing a request on: lets a test act at an exact point of the run.
struct HookTransport: HTTPTransport {
    let inner: any HTTPTransport
    let hook: @Sendable (WireRequest) -> Void

    func send(_ request: WireRequest, timeout: Duration) async throws -> WireResponse {
        hook(request)
        return try await inner.send(request, timeout: timeout)
    }
}

final class EventLog: Sendable {
    private let storage = Mutex<[RunEvent]>([])

    func append(_ event: RunEvent) { storage.withLock { $0.append(event) } }
    var events: [RunEvent] { storage.withLock { $0 } }
}

/// The raw card numbers and SSNs the emulator planted in production's customer data.
enum PIIPlanted {
    static func values(in org: OrgData) -> [String] {
        let texts = org.contacts.flatMap { $0.textFields.map(\.value) }
            + org.dataTableRows.values.flatMap { $0.flatMap { $0.values.compactMap(\.stringValue) } }
        return Array(Set(texts.flatMap { text in PIIPatterns.findings(in: text).map { String(Array(text)[$0.range]) } })).sorted()
    }
}
