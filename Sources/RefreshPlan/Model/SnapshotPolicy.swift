/// Where and how a run keeps the sandbox objects it would lose (`snapshot` in the plan). The
/// snapshot holds customer data (a data table's rows), so it never goes into the artifacts.
public struct SnapshotPolicy: Sendable, Hashable, Codable {
    /// Relative to the working directory unless absolute; beside the default journal.
    public var directory: String
    public var contents: SnapshotContents
    /// Snapshots kept per sandbox; older ones are removed after a new one completes.
    public var keep: Int
    /// An AES-GCM key (256 bits, hex or base64) the snapshot's files are sealed with.
    public var encryptionKey: SecretValue?
    /// Flows per export job.
    public var flowBatchSize: Int

    public static let defaultDirectory = ".sandbox-refresh/snapshots"

    public init(directory: String = SnapshotPolicy.defaultDirectory, contents: SnapshotContents = .atRisk, keep: Int = 10,
                encryptionKey: SecretValue? = nil, flowBatchSize: Int = 50) {
        self.directory = directory
        self.contents = contents
        self.keep = keep
        self.encryptionKey = encryptionKey
        self.flowBatchSize = flowBatchSize
    }
}

public enum SnapshotContents: String, Sendable, Hashable, Codable, CaseIterable {
    /// Every object the refresh would delete or overwrite (not exempt).
    case atRisk = "at-risk"
    /// Every sandbox object of the kinds the refresh replaces.
    case all
}
