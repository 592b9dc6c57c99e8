import Timekeeping

/// Decides, request by request, which declared fault fires. Rules are looked at in file
/// order and the first one that fires decides; draws come from the plan's seed.
struct FaultEngine: Sendable {
    struct Decision: Sendable {
        var ruleIndex: Int
        var label: String
        var kind: FaultKind
    }

    private struct RuleState: Sendable {
        var seen = 0
        var activations = 0
        var burstRemaining = 0
        var timedDone = false
    }

    let plan: FaultPlan
    private var rng: SeededGenerator
    private var states: [RuleState]

    init(plan: FaultPlan) {
        self.plan = plan
        rng = SeededGenerator(seed: plan.seed ^ 0xFA17_FA17_FA17_FA17)
        states = Array(repeating: RuleState(), count: plan.rules.count)
    }

    static func label(_ rule: FaultRule, _ index: Int) -> String { rule.name ?? "rule[\(index)]" }

    /// A fault that replaces or disturbs this request's response (burst, 503, latency, drop, reset).
    mutating func responseFault(method: String, path: String, organization: String?) -> Decision? {
        for (index, rule) in plan.rules.enumerated() where !rule.kind.isTimed && !rule.kind.isJobFault {
            guard rule.match.matches(method: method, path: path, organization: organization) else { continue }
            if states[index].burstRemaining > 0 {
                states[index].burstRemaining -= 1
                return Decision(ruleIndex: index, label: Self.label(rule, index), kind: rule.kind)
            }
            if activate(index) {
                switch rule.kind {
                case .rateLimitBurst(let count, _), .serviceUnavailableRun(let count):
                    states[index].burstRemaining = max(count, 1) - 1
                default: break
                }
                return Decision(ruleIndex: index, label: Self.label(rule, index), kind: rule.kind)
            }
        }
        return nil
    }

    /// A fault that decides the fate of a refresh just accepted (fails / stalls).
    mutating func jobFault(method: String, path: String, organization: String?) -> Decision? {
        for (index, rule) in plan.rules.enumerated() where rule.kind.isJobFault {
            guard rule.match.matches(method: method, path: path, organization: organization), activate(index) else { continue }
            return Decision(ruleIndex: index, label: Self.label(rule, index), kind: rule.kind)
        }
        return nil
    }

    /// Timed faults whose moment has come, earliest first; each fires once.
    mutating func dueTimedFaults(upTo now: Moment) -> [(Moment, Decision, FaultMatch)] {
        var due: [(Moment, Decision, FaultMatch)] = []
        for (index, rule) in plan.rules.enumerated() where rule.kind.isTimed && !states[index].timedDone {
            guard let at = Self.moment(of: rule.kind), at <= now else { continue }
            states[index].timedDone = true
            due.append((at, Decision(ruleIndex: index, label: Self.label(rule, index), kind: rule.kind), rule.match))
        }
        return due.sorted { $0.0 < $1.0 }
    }

    func nextTimedMoment() -> Moment? {
        plan.rules.enumerated()
            .filter { $0.element.kind.isTimed && !states[$0.offset].timedDone }
            .compactMap { Self.moment(of: $0.element.kind) }
            .min()
    }

    static func moment(of kind: FaultKind) -> Moment? {
        switch kind {
        case .manualRefresh(let at, _, _, _), .tokenExpiry(let at):
            return Moment(sinceEpoch: .milliseconds(Int64((at * 1000).rounded())))
        default: return nil
        }
    }

    private mutating func activate(_ index: Int) -> Bool {
        let rule = plan.rules[index]
        states[index].seen += 1
        guard states[index].seen > rule.afterRequests else { return false }
        guard rule.times <= 0 || states[index].activations < rule.times else { return false }
        guard rng.chance(rule.probability) else { return false }
        states[index].activations += 1
        return true
    }
}
