import Crypto
import Foundation
import GenesysClient
import GenesysWire
import Impact
import PlanGraph
import SnapshotStore

/// The snapshot step: every sandbox object at risk is kept before the submission, in a store of
/// its own (never the artifacts: a data table's rows are customer data). Written through
/// `SnapshotWriter`, which a resumed run reopens and completes without writing anything twice;
/// the manifest is written last, so a snapshot is complete or visibly not.
enum SnapshotHandler {
    static func run(_ settings: SnapshotSettings, _ ctx: RunContext, _ state: inout RunState) async -> StepResult {
        var key: SymmetricKey?
        if let reference = settings.encryptionKey {
            do {
                key = try SnapshotKey.parse(try ctx.secrets.resolve(reference))
            } catch {
                return .failure(StepFailure(.invalidPlan, "snapshot.encryptionKey (\(reference)) cannot be used: \(error); nothing was submitted"))
            }
        }
        guard let impact = state.impact else {
            // A resumed run whose refresh was already submitted took its snapshot before that
            // submission: pick it up, so the restore after the refresh still has it.
            let directory = URL(fileURLWithPath: settings.directory).appendingPathComponent(ctx.settings.sandboxId).appendingPathComponent(ctx.runId)
            if let reader = try? SnapshotReader.open(directory, key: key), reader.isComplete {
                state.snapshot = SnapshotRecord(reader.manifest, directory: directory.path, missing: [])
                ctx.emit("snapshot.found", step: "snapshot", "this run's refresh was already submitted; its snapshot of \(reader.objects.count) object(s) in \(directory.path) stands")
            } else {
                ctx.emit("snapshot.skipped", step: "snapshot", "no impact was taken (this run's refresh was already submitted): nothing to keep")
            }
            return .success
        }
        let targets = settings.contents == .all ? impact.entries.filter { $0.change != .added } : impact.atRisk
        guard !targets.isEmpty else {
            ctx.emit("snapshot.skipped", step: "snapshot", "nothing at risk: no snapshot needed")
            return .success
        }
        let encryption: SnapshotEncryption = key.map { .aesGCM($0) } ?? .none
        let root = URL(fileURLWithPath: settings.directory)
        let writer: SnapshotWriter
        do {
            writer = try SnapshotWriter.open(root: root, sandboxId: ctx.settings.sandboxId, runId: ctx.runId, encryption: encryption,
                                             createdAt: ctx.clock.date(at: ctx.clock.now), toolVersion: ToolVersion.current)
        } catch {
            return .failure(StepFailure(.invalidPlan, "the snapshot cannot be written under snapshot.directory \(settings.directory): \(error); nothing was submitted"))
        }
        let reader = SnapshotReading(ctx: ctx)
        var missing: [String] = []
        do {
            for entry in targets where entry.kind != .flow {
                guard let content = try await reader.content(of: entry) else {
                    missing.append("\(entry.kind.singular) \"\(entry.name)\"")
                    continue
                }
                try await writer.add(kind: entry.kind.rawValue, id: entry.id, name: entry.name, content: content)
            }
            let flows = targets.filter { $0.kind == .flow }
            for start in stride(from: 0, to: flows.count, by: max(1, settings.flowBatchSize)) {
                let batch = Array(flows[start..<min(flows.count, start + max(1, settings.flowBatchSize))])
                let files = try await reader.export(batch)
                for entry in batch {
                    guard let file = files[entry.id] else {
                        missing.append("flow \"\(entry.name)\"")
                        continue
                    }
                    try await writer.add(kind: ImpactKind.flow.rawValue, id: entry.id, name: entry.name, content: file, file: nil)
                }
            }
        } catch let failure as StepFailure {
            return .failure(failure)
        } catch {
            return .failure(StepFailure(.invalidPlan, "the snapshot could not be written under \(writer.directory.path): \(error); nothing was submitted"))
        }
        let manifest: SnapshotManifest
        do {
            manifest = try await writer.complete()
        } catch {
            return .failure(StepFailure(.invalidPlan, "the snapshot's manifest could not be written under \(writer.directory.path): \(error); nothing was submitted"))
        }
        state.snapshot = SnapshotRecord(manifest, directory: writer.directory.path, missing: missing)
        let kinds = Dictionary(grouping: manifest.objects, by: \.kind).map { "\($0.value.count) \($0.key)" }.sorted().joined(separator: ", ")
        ctx.emit("snapshot.complete", step: "snapshot", "kept \(manifest.objects.count) object(s) (\(kinds)) in \(writer.directory.path)\(manifest.encrypted ? ", sealed with AES-GCM" : "")",
                 fields: ["objects": String(manifest.objects.count), "bytes": String(manifest.totalBytes)])
        if !missing.isEmpty {
            ctx.emit("snapshot.vanished", step: "snapshot", "gone from the sandbox since the impact was read, so not kept: \(missing.joined(separator: ", "))", level: .warning)
        }
        do {
            let removed = try SnapshotCatalog(root: root).prune(keep: settings.keep, maxAge: nil, now: ctx.clock.date(at: ctx.clock.now), sandboxId: ctx.settings.sandboxId)
            if !removed.isEmpty {
                ctx.emit("snapshot.pruned", step: "snapshot", "removed \(removed.count) older snapshot(s) of \(ctx.settings.sandboxId) (snapshot.keep \(settings.keep))")
            }
        } catch {
            ctx.emit("snapshot.prune-failed", step: "snapshot", "older snapshots could not be pruned: \(error)", level: .warning)
        }
        return .success
    }
}

/// A completed snapshot as the run's record and artifacts name it: where it is, and what it
/// holds by kind, name, id and hash (never a value).
public struct SnapshotRecord: Sendable, Hashable, Codable {
    public struct Object: Sendable, Hashable, Codable {
        public var kind: String
        public var name: String
        public var id: String
        public var sha256: String
        public var size: Int
    }

    public var directory: String
    public var encrypted: Bool
    public var objects: [Object]
    /// Objects at risk that vanished from the sandbox between the impact and the snapshot.
    public var missing: [String]

    init(_ manifest: SnapshotManifest, directory: String, missing: [String]) {
        self.directory = directory
        encrypted = manifest.encrypted
        objects = manifest.objects.map { Object(kind: $0.kind, name: $0.name, id: $0.id, sha256: $0.sha256, size: $0.size) }
        self.missing = missing
    }
}
