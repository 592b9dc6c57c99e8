import Foundation

/// One snapshot as `sandbox-refresh snapshots` lists it (and `--json` prints it).
public struct SnapshotSummary: Codable, Sendable, Equatable {
    public var sandboxId: String
    public var runId: String
    /// The snapshot directory, as found under the catalog's root.
    public var directory: String
    /// When the snapshot was started; for a directory that is not a readable snapshot, its
    /// modification time.
    public var createdAt: Date
    public var objectCount: Int
    /// Bytes of plaintext content (what the manifest lists), not of the files on disk.
    public var totalBytes: Int
    public var complete: Bool
    public var encrypted: Bool
    /// Why the directory could not be read as a snapshot; nil when it could.
    public var problem: String?

    public init(sandboxId: String, runId: String, directory: String, createdAt: Date, objectCount: Int, totalBytes: Int,
                complete: Bool, encrypted: Bool, problem: String? = nil) {
        self.sandboxId = sandboxId
        self.runId = runId
        self.directory = directory
        self.createdAt = createdAt
        self.objectCount = objectCount
        self.totalBytes = totalBytes
        self.complete = complete
        self.encrypted = encrypted
        self.problem = problem
    }
}
