import Foundation
import GenesysClient
import GenesysWire
import Logging
import PlanGraph
import RefreshPlan
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
    public var secrets: SecretResolver
    public var seed: UInt64
    public var logger: Logger
    public var events: RunEventSink

    public init(
        graph: PlanGraph, runId: String, production: GenesysClient, sandbox: GenesysClient, transport: any HTTPTransport,
        clock: any InjectedClock, artifactsRoot: URL, secrets: SecretResolver, seed: UInt64 = 1, logger: Logger, events: @escaping RunEventSink
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
    }

    public var plan: Plan { graph.plan }

    public func emit(_ event: String, step: String?, _ message: String, level: RunEvent.Level = .info, fields: [String: String] = [:]) {
        let now = clock.now
        events(RunEvent(timestamp: clock.date(at: now), elapsed: startedAt.duration(to: now).seconds, level: level, event: event, step: step, message: message, fields: fields))
        var metadata: Logger.Metadata = ["run": "\(runId)", "event": "\(event)"]
        if let step { metadata["step"] = "\(step)" }
        for (key, value) in fields { metadata[key] = "\(value)" }
        switch level {
        case .info: logger.info("\(message)", metadata: metadata)
        case .warning: logger.warning("\(message)", metadata: metadata)
        case .error: logger.error("\(message)", metadata: metadata)
        }
    }

    public func client(_ org: Organization) -> GenesysClient {
        org == .production ? production : sandbox
    }
}
