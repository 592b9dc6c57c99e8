import EmulatorCore
import Foundation
import Timekeeping

/// A change made to the world before the runs start (things no request triggers).
public enum WorldAction: Sendable, Hashable, CustomStringConvertible {
    /// New queues, skills and flows referencing them appear in production.
    case productionDrift(queues: Int, skills: Int, flows: Int)
    /// The sandbox loses a queue one of its flows references.
    case removeSandboxQueue(sandboxId: String)
    /// A refresh someone else started `age` ago still holds the sandbox.
    case foreignRefresh(sandboxId: String, age: Duration, description: String, scope: String)

    /// The name counted in the summary's "faults fired".
    public var kind: String {
        switch self {
        case .productionDrift: return "productionDrift"
        case .removeSandboxQueue: return "sandboxMissingQueue"
        case .foreignRefresh(_, _, let description, _):
            return description.lowercased().contains("pipeline") ? "foreignPipelineRefresh" : "staleManualRefresh"
        }
    }

    public var description: String {
        switch self {
        case .productionDrift(let q, let s, let f): return "productionDrift(queues: \(q), skills: \(s), flows: \(f))"
        case .removeSandboxQueue(let sandbox): return "removeSandboxQueue(\(sandbox))"
        case .foreignRefresh(let sandbox, let age, let description, let scope):
            return "foreignRefresh(\(sandbox), age \(age.formattedSeconds), \"\(description)\", \(scope))"
        }
    }
}

/// Swarm testing: a seed first decides which kinds of trouble exist in its world at all, then
/// how often and how hard each one hits. Many seeds see one or two kinds, some see most.
public struct FaultMix: Sendable, Hashable {
    public var rules: [FaultRule]
    public var actions: [WorldAction]

    public var enabledKinds: [String] { rules.map(\.kind.name) + actions.map(\.kind) }

    static let statusPath = "/api/v2/sandboxes/*/refreshes/*"
    static let matches: [FaultMatch] = [
        FaultMatch(),
        FaultMatch(path: statusPath, method: "GET"),
        FaultMatch(path: "/api/v2/sandboxes/*/refreshes"),
        FaultMatch(path: "/api/v2/routing/**"),
        FaultMatch(path: "/api/v2/architect/**"),
        FaultMatch(path: "/oauth/token"),
    ]

    static func draw(_ random: inout SimRandom, sandboxes: [String], intensity: Double) -> FaultMix {
        var rules: [FaultRule] = []
        var actions: [WorldAction] = []
        func on() -> Bool { random.chance(intensity) }
        func rule(_ kind: FaultKind, _ match: FaultMatch? = nil, probability: ClosedRange<Double> = 0.02...0.3, times: ClosedRange<Int> = 1...3) {
            // A rule given a match hits a rare request (a submission): it must not wait for more.
            let after = match == nil ? random.int(0...25) : 0
            let match = match ?? random.pick(matches)
            rules.append(FaultRule(name: "\(kind.name)#\(rules.count)", kind: kind, match: match, probability: random.double(probability),
                                   afterRequests: after, times: random.int(times)))
        }
        if on() { rule(.rateLimitBurst(count: random.int(1...6), retryAfterSeconds: random.int(1...60))) }
        if on() { rule(.serviceUnavailableRun(count: random.int(1...8))) }
        if on() { rule(.latency(milliseconds: random.pick([200, 2_000, 20_000, 75_000])), times: 1...6) }
        if on() {
            // A lost answer to a submission (reconciled by listing), to the abort of a stale
            // foreign refresh (whose resend meets a 409), or to any request.
            switch random.int(0...3) {
            case 0, 1: rule(.drop, FaultMatch(path: "/api/v2/sandboxes/*/refreshes", method: "POST"), times: 1...2)
            case 2: rule(.drop, FaultMatch(path: statusPath, method: "DELETE"), probability: 0.5...1, times: 1...2)
            default: rule(.drop, times: 1...2)
            }
        }
        if on() { rule(.resetMidBody, times: 1...2) }
        if on() {
            rule(.jobFails(errorMessage: "Dependency import error: flow graph could not be applied"),
                 FaultMatch(path: "/api/v2/sandboxes/*/refreshes", method: "POST"), probability: 0.3...1, times: 1...1)
        }
        if on() {
            rule(.jobStuck(atProgress: random.int(5...97)), FaultMatch(path: "/api/v2/sandboxes/*/refreshes", method: "POST"),
                 probability: 0.3...1, times: 1...1)
        }
        if on() {
            let sandbox = random.pick(sandboxes)
            rules.append(FaultRule(name: "manualRefresh#\(rules.count)", kind: .manualRefresh(
                atSecond: random.double(0...7200).rounded(), sandboxId: sandbox, description: "Refresh started by admin",
                scope: random.pick(["ARCHITECT", "ROUTING,ARCHITECT", "ALL"]))))
        }
        if on() {
            let organization = random.chance(0.5) ? nil : random.pick(["production"] + sandboxes)
            rules.append(FaultRule(name: "tokenExpiry#\(rules.count)", kind: .tokenExpiry(atSecond: random.double(1...7200).rounded()),
                                   match: FaultMatch(organization: organization)))
        }
        if on() { actions.append(.productionDrift(queues: random.int(1...3), skills: random.int(0...2), flows: random.int(1...2))) }
        if on() { actions.append(.removeSandboxQueue(sandboxId: random.pick(sandboxes))) }
        if on() {
            let pipeline = random.chance(0.25)
            actions.append(.foreignRefresh(sandboxId: random.pick(sandboxes), age: .seconds(random.int(0...5400)),
                                           description: pipeline ? "Pipeline-Run-4711 nightly" : "Refresh started by admin",
                                           scope: random.pick(["ARCHITECT", "ROUTING,ARCHITECT", "ALL"])))
        }
        return FaultMix(rules: rules, actions: actions)
    }
}
