import Foundation
import RefreshPlan
import Timekeeping

/// The plan knobs a seed varies: how a foreign refresh is treated, whether ROUTING is in scope,
/// and which safety nets (scope expansion, dependency scan) are on.
public struct PlanVariant: Sendable, Hashable, Codable, CustomStringConvertible {
    public var onForeignRefresh: ForeignRefreshPolicy
    public var includeRouting: Bool
    public var expansionRule: Bool
    /// nil: no dependency scan.
    public var dependencyScan: DriftAction?
    public var waitTimeout: Duration
    public var maxWait: Duration
    /// The expansion rule's `add` and `maxTimes`: an expansion that cannot fix the references
    /// (WFM for missing queues) runs its bounded loop to the end.
    public var expansionAdd: [Domain] = [.ROUTING]
    public var expansionRounds = 1

    public init(onForeignRefresh: ForeignRefreshPolicy = .wait, includeRouting: Bool = true, expansionRule: Bool = false,
                dependencyScan: DriftAction? = nil, waitTimeout: Duration = .seconds(3600), maxWait: Duration = .seconds(4 * 3600)) {
        self.onForeignRefresh = onForeignRefresh
        self.includeRouting = includeRouting
        self.expansionRule = expansionRule
        self.dependencyScan = dependencyScan
        self.waitTimeout = waitTimeout
        self.maxWait = maxWait
    }

    static func draw(_ random: inout SimRandom) -> PlanVariant {
        PlanVariant(
            onForeignRefresh: random.pick(ForeignRefreshPolicy.allCases),
            includeRouting: random.chance(0.5),
            expansionRule: random.chance(0.5),
            dependencyScan: random.chance(0.5) ? random.pick(DriftAction.allCases) : nil,
            waitTimeout: .seconds(random.pick([600, 1800, 3600])),
            maxWait: .seconds(random.pick([1800, 3600, 4 * 3600])))
    }

    /// The variant applied to a plan; what the variant does not name is left as the plan says.
    public func apply(to base: Plan) -> Plan {
        var plan = base
        plan.lock.onForeignRefresh = onForeignRefresh
        plan.lock.waitTimeout = waitTimeout
        plan.refresh.maxWait = maxWait
        plan.refresh.scope = includeRouting ? .of([.ARCHITECT, .ROUTING]) : .of([.ARCHITECT])
        plan.scopeExpansion = expansionRule ? [ScopeExpansionRule(when: .missingRoutingReference, add: expansionAdd, maxTimes: expansionRounds)] : []
        plan.dependencyScan = dependencyScan.map { DependencyScanPolicy(compare: [.queues, .skills], onDrift: $0) }
        return plan
    }

    public var description: String {
        var parts = ["onForeignRefresh=\(onForeignRefresh.rawValue)", "scope=\(includeRouting ? "ARCHITECT,ROUTING" : "ARCHITECT")"]
        parts.append("expansion=\(expansionRule ? "on" : "off")\(expansionRule && expansionRounds > 1 ? " (add \(expansionAdd.map(\.rawValue).joined(separator: ",")), maxTimes \(expansionRounds))" : "")")
        parts.append("dependencyScan=\(dependencyScan?.rawValue ?? "off")")
        parts.append("waitTimeout=\(waitTimeout.formattedSeconds) maxWait=\(maxWait.formattedSeconds)")
        return parts.joined(separator: " ")
    }
}
