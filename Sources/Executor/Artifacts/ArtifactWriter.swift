import Foundation
#if canImport(Glibc)
import Glibc
#endif
import GenesysWire

/// Per-run artifacts (guide section 4: "Store the refresh ID as a pipeline artifact"): the run's
/// record is run.json (this summary), the exact payload and every status observed; the views
/// (`RunViews`: junit.xml, validation-report.json, gates.sarif, report.html) are rendered from it.
public struct RunSummary: Sendable, Hashable, Codable {
    public var schemaVersion = 1
    public var runId: String
    public var plan: String
    public var sandboxId: String
    public var outcome: String
    public var exitCode: Int32
    public var message: String?
    public var failedStep: String?
    public var scopeRequested: String
    public var scopeEffective: String
    public var scopeExpanded: String?
    public var expansionReasons: [String]
    public var refreshIds: [String]
    public var adoptedRefreshId: String?
    public var abortedForeignRefreshes: [String]
    public var revokedUserIds: [String]
    public var startedAt: String
    public var finishedAt: String
    public var durationSeconds: Double
    public var requests: [String: Int]
    public var statusRequests: Int
    public var detectionLagSeconds: Double?
    public var steps: [String]
    /// Per organization: what the client did to get past failures (retries, 429 waits, fresh
    /// logins, breaker openings); every event is also in the log.
    public var resilience: [String: ResilienceCounts] = [:]
    /// The plan repository's commit, the tool's version and the compiled plan's SHA-256.
    public var provenance: RunProvenance?
    /// Every gate's verdict in gate order; the outcome is the first failure among them.
    public var gates: [GateVerdict] = []
    /// The impact's summary ("removes 3 sandbox-only flows; ..."), when the run compared.
    public var impact: String?
}

/// One client's resilience counters, as `run.json` reports them.
public struct ResilienceCounts: Sendable, Hashable, Codable {
    public var retries: Int
    public var rateLimited429: Int
    public var rateLimitWaitSeconds: Double
    public var relogins: Int
    public var breakerOpenings: Int

    public init(retries: Int, rateLimited429: Int, rateLimitWaitSeconds: Double, relogins: Int, breakerOpenings: Int) {
        self.retries = retries
        self.rateLimited429 = rateLimited429
        self.rateLimitWaitSeconds = rateLimitWaitSeconds
        self.relogins = relogins
        self.breakerOpenings = breakerOpenings
    }
}

public enum ArtifactWriter {
    /// Whether each file is written atomically and flushed to disk (the default). The simulator
    /// turns it off: its crashes are cancelled tasks, never power losses, and a flush per file
    /// blocked one of its few threads on the disk for every run of every seed.
    @TaskLocal public static var durable = true

    static func save(_ data: Data, to url: URL) throws {
        guard !durable else { return try data.write(to: url, options: .atomic) }
        // Plain POSIX writes: Foundation flushes to disk even when not asked for atomicity.
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                }
                offset += written
            }
        }
    }

    /// Writes the run's record (run.json, payload.json, statuses.json), then what `views` make
    /// of it, in their order. `events`: the run's event log, for report.html's timeline and
    /// resilience tables. Returns the names written, in order.
    static func write(summary: RunSummary, state: RunState, flowCommits: [FlowCommit] = [], events: RunEventLog? = nil, planPath: String = "",
                      views: any RunViews, to directory: URL) throws -> [String] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var written: [String] = []
        func put(_ name: String, _ contents: Data) throws {
            try save(contents, to: directory.appendingPathComponent(name))
            written.append(name)
        }
        try put("run.json", WireCoding.encode(summary, pretty: true))
        try put("payload.json", WireCoding.encode(state.submittedPayloads, pretty: true))
        try put("statuses.json", WireCoding.encode(state.statuses, pretty: true))
        // Object names and kinds only: a data table's rows are never in it.
        if let impact = state.impact { try put("impact.json", WireCoding.encode(impact, pretty: true)) }
        if !state.hardening.isEmpty { try put("hardening.json", WireCoding.encode(state.hardening, pretty: true)) }
        // The snapshot's manifest without its location's contents: names, ids, hashes and sizes.
        if let snapshot = state.snapshot { try put("snapshot-manifest.json", WireCoding.encode(snapshot, pretty: true)) }
        let run = FinishedRun(summary: summary, state: state, flowCommits: flowCommits, events: events?.events ?? [], droppedEvents: events?.dropped ?? 0,
                              planPath: planPath, recordFiles: written)
        for view in views.artifacts(of: run) {
            try put(view.name, view.contents)
        }
        return written
    }
}
