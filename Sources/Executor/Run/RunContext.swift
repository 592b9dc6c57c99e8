import Foundation
import GenesysClient
import GenesysWire
import Logging
import PlanGraph
import Timekeeping

/// What every handler needs: the graph, the two API clients, time, and where to report.
public struct RunContext: Sendable {
    public var graph: PlanGraph
    public var runId: String
    public var production: GenesysClient
    public var sandbox: GenesysClient
    /// For the failure webhook, which is not a Genesys endpoint.
    public var transport: any HTTPTransport
    public var clock: any InjectedClock
    public var startedAt: Moment
    public var artifactsRoot: URL
    /// Resolves the secret references nodes carry (masking hash key, notification URLs).
    public var secrets: any SecretResolving
    public var seed: UInt64
    public var logger: Logger
    public var events: RunEventSink
    /// Written ahead of every side effect (see `RunJournaling`); nothing by default.
    public var journal: any RunJournaling
    /// Set when this run picks up one the journal shows unfinished.
    public var resume: ResumePoint?
    /// The plan file as given, for the journal (resume and `history` find the run by it).
    public var planPath: String
    /// Which interruption a cancellation of the run's task stands for (the CLI tells SIGINT from
    /// SIGTERM); asked only once the task is cancelled.
    public var interruption: @Sendable () -> RunOutcome = { .interrupted }
    /// Runs on this sandbox that the journal knows ended in failure or died: their jobs count
    /// as stale for `lock.onForeignRefresh: abort-if-stale`.
    public var staleRunIds: Set<String> = []
    /// Earlier refreshes of this sandbox, newest first, by `PastRefresh.scopeKey` of their scope:
    /// the journal's record of how long they took (`JournaledApply` fills it). Polling aims at
    /// the completion they predict; empty, it relies on `progress` alone.
    public var refreshHistory: [String: [PastRefresh]] = [:]
    /// Every event `emit` sends, kept for `report.html`. The CLI shares it with the clients'
    /// resilience observers, so retries and breaker changes are in it too.
    public var eventLog = RunEventLog()
    /// What the artifacts and notify steps make of the finished run (junit.xml, gates.sarif,
    /// report.html, chat bodies): `RunReports.RunReportViews` wherever runs are built.
    public var views: any RunViews

    public init(
        graph: PlanGraph, runId: String, production: GenesysClient, sandbox: GenesysClient, transport: any HTTPTransport,
        clock: any InjectedClock, artifactsRoot: URL, secrets: any SecretResolving, seed: UInt64 = 1, logger: Logger, events: @escaping RunEventSink,
        journal: any RunJournaling = NoJournal(), resume: ResumePoint? = nil, planPath: String = "", views: any RunViews
    ) {
        self.graph = graph
        self.runId = runId
        self.production = production
        self.sandbox = sandbox
        self.transport = transport
        self.clock = clock
        self.startedAt = clock.now
        self.artifactsRoot = artifactsRoot
        self.secrets = secrets
        self.seed = seed
        self.logger = logger
        self.events = events
        self.journal = journal
        self.resume = resume
        self.planPath = planPath
        self.views = views
    }

    /// Run-wide settings: plan name, sandbox id, artifacts directory.
    public var settings: RunSettings { graph.settings }

    /// `<artifacts root>/<sandbox id>/<run id>/`: one run id may refresh several sandboxes.
    public var artifactsDirectory: URL {
        artifactsRoot.appendingPathComponent(settings.sandboxId, isDirectory: true).appendingPathComponent(runId, isDirectory: true)
    }

    /// Whether the artifacts directory, resolved, lies inside the artifacts root. Run ids are
    /// validated where they enter; this holds the line for every other caller of the library.
    public var artifactsDirectoryIsContained: Bool {
        let root = artifactsRoot.standardizedFileURL.path
        let expected = (root.hasSuffix("/") ? root : root + "/") + settings.sandboxId + "/" + runId
        return !runId.isEmpty && !runId.contains("/") && artifactsDirectory.standardizedFileURL.path == expected
    }

    public func emit(_ event: String, step: String?, _ message: String, level: RunEvent.Level = .info, fields: [String: String] = [:]) {
        let now = clock.now
        let runEvent = RunEvent(timestamp: clock.date(at: now), elapsed: startedAt.duration(to: now).seconds, level: level, event: event, step: step, message: message, fields: fields)
        eventLog.record(runEvent)
        events(runEvent)
        var metadata: Logger.Metadata = ["run": "\(runId)", "event": "\(event)"]
        if let step { metadata["step"] = "\(step)" }
        for (key, value) in fields { metadata[key] = "\(value)" }
        switch level {
        case .info: logger.info("\(message)", metadata: metadata)
        case .warning: logger.warning("\(message)", metadata: metadata)
        case .error: logger.error("\(message)", metadata: metadata)
        }
    }

    /// Journals an entry; a failed write becomes the failure that stops the run before the side
    /// effect it was meant to guard.
    public func write(_ entry: JournalEntry) async throws(StepFailure) {
        do {
            try await journal.record(entry, runId: runId, at: clock.nowDate)
        } catch let lost as JournalLockLost {
            throw StepFailure(.lockLost, lost.description)
        } catch {
            throw StepFailure(.journalFailed, JournalWriteFailed(error).description)
        }
    }

    public func client(_ org: Organization) -> GenesysClient {
        org == .production ? production : sandbox
    }
}
