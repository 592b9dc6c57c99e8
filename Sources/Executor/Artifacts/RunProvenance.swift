import Foundation
import PlanGraph

/// Where a run's plan came from: the plan repository's commit (and whether its working tree had
/// uncommitted changes), the tool's version and the compiled plan's digest (guide section 4:
/// "correlate sandbox states with Git commits").
public struct RunProvenance: Sendable, Hashable, Codable {
    public var planCommit: String?
    public var planTreeDirty: Bool?
    public var toolVersion: String
    public var planSHA256: String

    /// Git is asked in the plan file's directory; outside a repository, or for a plan that came
    /// from no file (tests, simulation), the commit is nil.
    static func of(planPath: String, graph: PlanGraph) async -> RunProvenance {
        let directory = URL(fileURLWithPath: planPath).deletingLastPathComponent().path
        let commit = planPath.isEmpty ? nil : await FlowCommitLookup.git(["rev-parse", "HEAD"], in: directory)?.trimmingCharacters(in: .whitespacesAndNewlines)
        var dirty: Bool?
        if commit != nil, let status = await FlowCommitLookup.git(["status", "--porcelain", "--untracked-files=no"], in: directory) {
            dirty = !status.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        }
        return RunProvenance(planCommit: commit.flatMap { $0.isEmpty ? nil : $0 }, planTreeDirty: dirty, toolVersion: ToolVersion.current, planSHA256: graph.sha256)
    }
}
