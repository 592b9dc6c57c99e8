import Foundation
import GenesysWire
import RefreshPlan
import Timekeeping

/// `plan --json`: a versioned document of the graph (documented in docs/plan-json.md).
/// Version 1 fields are only ever added to, never renamed.
public struct PlanDocument: Sendable, Hashable, Codable {
    public static let currentVersion = 1

    public struct SourceDigest: Sendable, Hashable, Codable {
        public var path: String
        public var sha256: String

        public init(path: String, sha256: String) {
            self.path = path
            self.sha256 = sha256
        }
    }

    public struct Request: Sendable, Hashable, Codable {
        public var target: String
        public var method: String
        public var url: String
        public var headers: [String]
        public var body: JSONValue?
        public var repeats: String?
    }

    public struct Node: Sendable, Hashable, Codable {
        public var id: String
        public var kind: String
        public var chain: String?
        public var title: String
        public var summary: [String]
        public var requests: [Request]
        public var onFailure: String
    }

    public struct Edge: Sendable, Hashable, Codable {
        public var from: String
        public var to: String
        public var when: String
    }

    public struct Polling: Sendable, Hashable, Codable {
        public var firstIntervalsSeconds: [Double]
        public var capSeconds: Double
        public var floorSeconds: Double
        public var jitter: String
        public var maxWaitSeconds: Double
        public var statusRequestsWithoutJitter: Int
        public var worstCaseStatusRequests: Int
    }

    public struct Warning: Sendable, Hashable, Codable {
        public var severity: String
        public var code: String
        public var message: String
        public var location: String?
    }

    public var schemaVersion: Int
    public var kind: String
    public var plan: String
    public var sandboxId: String
    public var scope: [String]
    public var expandedScope: [String]?
    public var preserveSandboxUsers: Bool
    public var maskPii: Bool
    public var sources: [SourceDigest]
    public var polling: Polling
    public var nodes: [Node]
    public var edges: [Edge]
    public var warnings: [Warning]

    public init(graph: PlanGraph, sources: [SourceDigest]) {
        let plan = graph.plan
        let hosts = Hosts(plan: plan)
        schemaVersion = Self.currentVersion
        kind = "sandbox-refresh/plan"
        self.plan = plan.name
        sandboxId = plan.sandbox.id
        scope = graph.submitScope.effectiveDomains.map(\.rawValue)
        if graph.submitScope.isAll { scope = ["ALL"] }
        expandedScope = graph.expandedScope.map { $0.effectiveDomains.map(\.rawValue) }
        preserveSandboxUsers = plan.refresh.preserveSandboxUsers
        maskPii = plan.masking.maskPii
        self.sources = sources
        let schedule = PollSchedule(policy: SettingsMapping.polling(plan.refresh.polling), maxWait: plan.refresh.maxWait)
        polling = Polling(
            firstIntervalsSeconds: schedule.firstIntervals(6).map(\.seconds),
            capSeconds: max(plan.refresh.polling.maxInterval, PollSchedule.floor).seconds,
            floorSeconds: PollSchedule.floor.seconds,
            jitter: plan.refresh.polling.jitter.rawValue,
            maxWaitSeconds: plan.refresh.maxWait.seconds,
            statusRequestsWithoutJitter: schedule.statusRequestsWithoutJitter,
            worstCaseStatusRequests: schedule.worstCaseStatusRequests)
        nodes = graph.nodes.map { node in
            var chain: String?
            switch node.step {
            case .submit(let c, _), .poll(let c, _), .restore(let c, _), .harden(let c, _), .validateFlows(let c, _): chain = c.rawValue
            default: break
            }
            return Node(
                id: node.id, kind: node.step.kind, chain: chain, title: node.title, summary: node.summary,
                requests: node.requests.map { planned in
                    let body: JSONValue? = planned.request.body.flatMap { data in
                        (try? WireCoding.decode(JSONValue.self, from: data)) ?? .string(String(decoding: data, as: UTF8.self))
                    }
                    return Request(
                        target: planned.target.rawValue, method: planned.request.method.rawValue,
                        url: hosts.base(for: planned.target) + planned.request.pathWithQuery,
                        headers: planned.displayHeaders, body: body, repeats: planned.repeatNote)
                },
                onFailure: node.onFailure)
        }
        edges = graph.edges.map { Edge(from: $0.from, to: $0.to, when: $0.label) }
        warnings = graph.diagnostics.map { d in
            Warning(severity: d.severity.rawValue, code: d.code, message: d.message, location: d.location)
        }
    }

    public func json() -> String {
        String(decoding: WireCoding.encode(self, pretty: true), as: UTF8.self) + "\n"
    }
}
