import Executor
import Foundation

/// Runs the plans of a fleet, at most `parallel` at once, each to its own end: one plan's failure
/// never stops the others. Results come back in the order the plans were given.
public enum FleetScheduler {
    public static func run(_ plans: [String], parallel: Int,
                           apply: @escaping @Sendable (String) async -> (RunOutcome, RunSummary?)) async -> [FleetResult] {
        let limit = max(1, parallel)
        return await withTaskGroup(of: (Int, FleetResult).self) { group -> [FleetResult] in
            var next = 0
            var results = [FleetResult?](repeating: nil, count: plans.count)
            func launch(_ index: Int) {
                group.addTask {
                    let begun = Date()
                    let (outcome, summary) = await apply(plans[index])
                    return (index, FleetResult(planFile: plans[index], outcome: outcome, seconds: Date().timeIntervalSince(begun), run: summary))
                }
            }
            while next < min(limit, plans.count) { launch(next); next += 1 }
            for await (index, result) in group {
                results[index] = result
                if next < plans.count { launch(next); next += 1 }
            }
            return results.compactMap { $0 }
        }
    }
}
