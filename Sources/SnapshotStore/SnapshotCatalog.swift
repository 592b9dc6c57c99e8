import Foundation

/// The snapshots under a root (`<root>/<sandbox-id>/<run-id>/`): listing and retention.
public struct SnapshotCatalog: Sendable {
    /// Where snapshots go unless the plan says otherwise: beside the default journal
    /// (`.sandbox-refresh/journal.sqlite`), relative to the working directory.
    public static let defaultDirectory = ".sandbox-refresh/snapshots"

    public let root: URL

    public init(root: URL) {
        self.root = root
    }

    /// Every snapshot under the root, or only `sandboxId`'s: by sandbox, newest first. A
    /// missing root is no snapshots. A directory that is not a readable snapshot is listed as
    /// incomplete with its `problem`.
    public func list(sandboxId: String? = nil) throws -> [SnapshotSummary] {
        var found: [SnapshotSummary] = []
        let sandboxes = try sandboxId.map { try SnapshotPaths.checkDirectoryName($0, what: "sandbox id"); return [$0] } ?? subdirectories(of: root)
        for sandbox in sandboxes {
            let sandboxDirectory = root.appendingPathComponent(sandbox, isDirectory: true)
            for run in subdirectories(of: sandboxDirectory) {
                found.append(summary(sandbox: sandbox, run: run, directory: sandboxDirectory.appendingPathComponent(run, isDirectory: true)))
            }
        }
        return found.sorted { ($0.sandboxId, $1.createdAt, $1.runId) < ($1.sandboxId, $0.createdAt, $0.runId) }
    }

    /// Removes, per sandbox, the complete snapshots beyond the newest `keep` and those started
    /// more than `maxAge` before `now`; an incomplete snapshot only by age (it may be a run
    /// still writing, or one to resume, and it counts toward no `keep`). Nil means no limit of
    /// that kind, so `prune(keep: nil, maxAge: nil, ...)` removes nothing. A directory that
    /// is not a readable snapshot is never removed. Returns what was removed.
    public func prune(keep: Int?, maxAge: Duration?, now: Date, sandboxId: String? = nil) throws -> [SnapshotSummary] {
        let cutoff = maxAge.map { now.addingTimeInterval(-Self.seconds($0)) }
        var removed: [SnapshotSummary] = []
        let bySandbox = Dictionary(grouping: try list(sandboxId: sandboxId).filter { $0.problem == nil }, by: \.sandboxId)
        for sandbox in bySandbox.keys.sorted() {
            var completeSeen = 0
            for snapshot in bySandbox[sandbox] ?? [] {
                let tooOld = cutoff.map { snapshot.createdAt < $0 } ?? false
                var beyondKeep = false
                if snapshot.complete {
                    completeSeen += 1
                    beyondKeep = keep.map { completeSeen > max($0, 0) } ?? false
                }
                guard tooOld || beyondKeep else { continue }
                try SnapshotFiles.remove(URL(fileURLWithPath: snapshot.directory, isDirectory: true))
                removed.append(snapshot)
            }
            // An emptied sandbox directory goes too; one still holding anything stays.
            let sandboxDirectory = root.appendingPathComponent(sandbox, isDirectory: true)
            if (try? FileManager.default.contentsOfDirectory(atPath: sandboxDirectory.path))?.isEmpty == true {
                try? FileManager.default.removeItem(at: sandboxDirectory)
            }
        }
        return removed
    }

    private func summary(sandbox: String, run: String, directory: URL) -> SnapshotSummary {
        do {
            let loaded = try SnapshotLoader.load(directory)
            let manifest = loaded.manifest
            return SnapshotSummary(sandboxId: sandbox, runId: run, directory: directory.path, createdAt: manifest.createdAt,
                                   objectCount: manifest.objects.count, totalBytes: manifest.totalBytes,
                                   complete: loaded.complete, encrypted: manifest.encrypted)
        } catch {
            let modified = (try? FileManager.default.attributesOfItem(atPath: directory.path)[.modificationDate] as? Date) ?? Date(timeIntervalSince1970: 0)
            return SnapshotSummary(sandboxId: sandbox, runId: run, directory: directory.path, createdAt: modified, objectCount: 0,
                                   totalBytes: 0, complete: false, encrypted: false, problem: "\(error)")
        }
    }

    /// Names of the visible subdirectories (temporary and hidden entries are not snapshots).
    private func subdirectories(of url: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { name in
            var isDirectory: ObjCBool = false
            return !name.hasPrefix(".") && FileManager.default.fileExists(atPath: url.appendingPathComponent(name).path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }.sorted()
    }

    static func seconds(_ duration: Duration) -> TimeInterval {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
