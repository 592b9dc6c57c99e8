import Executor
import Foundation
import RefreshPlan

/// `apply specs/*.yaml --parallel N`: which files are plans to apply, and which outcome of many
/// is the fleet's.
public enum FleetPolicy {
    /// Files as given, directories as their `*.yaml`/`*.yml` plans (sorted); shared bases
    /// (`abstract: true`) are skipped when more than one plan is given, as `cron` does.
    public static func expand(_ arguments: [String]) throws -> [String] {
        let files: [String]
        do { files = try PlanFiles.expand(arguments) } catch let empty as PlanFiles.Empty { throw ExpandError(description: empty.description) }
        guard files.count > 1 || arguments.contains(where: PlanFiles.isDirectory) else { return files }
        let plans = files.filter { !PlanLoader(environment: [:]).load(path: $0).isAbstract }
        guard !plans.isEmpty else { throw ExpandError(description: "no plan to apply among \(arguments.joined(separator: " ")) (only shared bases)") }
        return plans
    }

    public struct ExpandError: Error, CustomStringConvertible { public var description: String }

    /// Whether the arguments name a fleet (several plans or a directory) rather than one plan.
    public static func isFleet(_ arguments: [String], plans: [String]) -> Bool {
        plans.count != 1 || arguments.contains(where: PlanFiles.isDirectory)
    }

    /// The most severe outcome decides the exit code: a stopped process first (the operator or
    /// the CI system ended it), then a defect of the tool, then what needs a person (a broken
    /// plan or journal, a lease taken over, the API, credentials, the lock), then failed refreshes and gates, a
    /// timeout, a sandbox another process holds, and success.
    public static let severityOrder: [RunOutcome] = [
        .terminated, .interrupted, .internalError, .invalidPlan, .journalFailed, .lockLost, .apiError, .preflightFailed, .lockNotAcquired,
        .impactRefused, .refreshFailed, .piiGateFailed, .validationGateFailed, .restoreIncomplete, .timedOut, .alreadyRunning, .success,
    ]

    public static func mostSevere(_ outcomes: [RunOutcome]) -> RunOutcome {
        outcomes.min { (severityOrder.firstIndex(of: $0) ?? 0) < (severityOrder.firstIndex(of: $1) ?? 0) } ?? .success
    }
}

/// How one plan of a fleet ended.
public struct FleetResult: Sendable {
    public var planFile: String
    public var outcome: RunOutcome
    public var seconds: Double
    public var run: RunSummary?

    public init(planFile: String, outcome: RunOutcome, seconds: Double, run: RunSummary?) {
        self.planFile = planFile
        self.outcome = outcome
        self.seconds = seconds
        self.run = run
    }
}
