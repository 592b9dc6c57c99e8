import Foundation
import Impact
import PlanGraph
import SnapshotStore

/// The restore step, after each completed refresh and before its gates: the objects the plan
/// preserves are put back from this run's snapshot. What cannot be put back does not stop the
/// gates; the run then ends with exit 12 (`restore-incomplete`).
enum RestoreHandler {
    static func run(_ chain: Chain, _ settings: RestoreSettings, _ ctx: RunContext, _ state: inout RunState) async -> StepResult {
        let step = "restore.\(chain.rawValue)"
        guard let record = state.snapshot else {
            ctx.emit("restore.skipped", step: step, "no snapshot in this run: no preserved object was at risk")
            return .success
        }
        let reader: SnapshotReader
        do {
            let key = try settings.encryptionKey.map { try SnapshotKey.parse(try ctx.secrets.resolve($0)) }
            reader = try SnapshotReader.open(URL(fileURLWithPath: record.directory), key: key)
        } catch {
            return .failure(StepFailure(.invalidPlan, "the run's snapshot \(record.directory) cannot be read: \(error)"))
        }
        let globs = settings.preserve
        let restorer = SnapshotRestorer(
            sandbox: ctx.sandbox, transport: ctx.transport, clock: ctx.clock,
            beforeWrite: { kind, name, method in
                try await ctx.write(.aboutToSend(step: step, effect: .restore(kind: kind, name: name, method: method)))
            },
            emit: { line in ctx.emit("restore.object", step: step, line) })
        let results: [RestoreResult]
        do {
            results = try await restorer.restore(reader) { object in
                guard let kind = ImpactKind(rawValue: object.kind) else { return false }
                return globs.contains { $0.matches(kind: kind, name: object.name) }
            }
        } catch let failure as StepFailure {
            return .failure(failure)
        } catch {
            return .failure(StepFailure(.journalFailed, "\(error)"))
        }
        state.restored.append(contentsOf: results)
        // The last chain's word on each object stands: an expansion round may put back what the
        // primary could not.
        let failed = results.filter { $0.action == .notRestored }
        let fixed = Set(results.filter { $0.action != .notRestored }.map { "\($0.kind) \"\($0.name)\"" })
        state.restoreProblems.removeAll { problem in fixed.contains { problem.hasPrefix($0) } }
        state.restoreProblems += failed.map { "\($0.kind) \"\($0.name)\": \($0.detail ?? "not restored")" }
        let done = results.count - failed.count
        ctx.emit("restore.done", step: step, "put back or found in place \(done) of \(results.count) preserved object(s)\(failed.isEmpty ? "" : "; not restorable: \(failed.map { "\($0.kind) \"\($0.name)\" (\($0.detail ?? ""))" }.joined(separator: "; "))")",
                 level: failed.isEmpty ? .info : .warning)
        return .success
    }
}
