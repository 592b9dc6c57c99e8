import Executor
import Foundation
import GenesysClient
import Impact
import Logging
import PlanGraph
import SnapshotStore

/// `sandbox-refresh restore`: puts objects back from any run's snapshot into the plan's sandbox,
/// with the clients `apply` would build. A preview only reads; with `write`, it writes what
/// differs (the same `SnapshotRestorer` the run's restore step uses).
public enum SnapshotRestore {
    public struct Outcome: Sendable {
        public var snapshotRunId: String
        public var results: [RestoreResult]
        public var notRestored: [RestoreResult] { results.filter { $0.action == .notRestored } }
    }

    public static func run(_ prepared: PreparedRun, snapshot directory: String, only: [NameGlob], write: Bool, logger: Logger,
                           emit: @escaping @Sendable (String) -> Void) async -> Result<Outcome, StepFailure> {
        let plan = prepared.compiled.plan
        let reader: SnapshotReader
        do {
            var reference: SecretReference?
            if case .snapshot(let settings)? = prepared.compiled.graph.node("snapshot")?.step { reference = settings.encryptionKey }
            let key = try reference.map { try SnapshotKey.parse(try prepared.secrets.resolve($0)) }
            reader = try SnapshotReader.open(URL(fileURLWithPath: directory), key: key)
        } catch {
            return .failure(StepFailure(.invalidPlan, "the snapshot \(directory) cannot be read: \(error)"))
        }
        guard reader.manifest.sandboxId == plan.sandbox.id else {
            return .failure(StepFailure(.invalidPlan, "the snapshot \(directory) was taken of sandbox \(reader.manifest.sandboxId), not of the plan's \(plan.sandbox.id); nothing was sent"))
        }
        guard reader.isComplete else {
            return .failure(StepFailure(.invalidPlan, "the snapshot \(directory) is incomplete (its run stopped while writing it); nothing was sent"))
        }
        let transport = AHCTransport(network: prepared.network)
        let result: Result<Outcome, StepFailure>
        do {
            let (_, sandbox) = try ClientFactory.make(plan, secrets: prepared.secrets, transport: transport, clock: prepared.clock, logger: logger)
            let restorer = SnapshotRestorer(sandbox: sandbox, transport: transport, clock: prepared.clock, dryRun: !write, emit: emit)
            let results = try await restorer.restore(reader) { object in
                guard !only.isEmpty else { return true }
                guard let kind = ImpactKind(rawValue: object.kind) else { return false }
                return only.contains { $0.matches(kind: kind, name: object.name) }
            }
            result = .success(Outcome(snapshotRunId: reader.manifest.runId, results: results))
        } catch let failure as StepFailure {
            result = .failure(failure)
        } catch {
            result = .failure(StepFailure(.apiError, "\(error)"))
        }
        try? await transport.shutdown()
        return result
    }
}
