/// The snapshot step's settings: where the copy goes, what it holds, and how it is sealed.
public struct SnapshotSettings: Sendable, Hashable, Codable {
    public enum Contents: String, Sendable, Hashable, Codable {
        case atRisk = "at-risk"
        case all
    }

    /// Root of the snapshots: `<directory>/<sandbox-id>/<run-id>/`.
    public var directory: String
    public var contents: Contents
    public var keep: Int
    /// Resolved at run time; never logged.
    public var encryptionKey: SecretReference?
    public var flowBatchSize: Int

    public init(directory: String, contents: Contents = .atRisk, keep: Int = 10, encryptionKey: SecretReference? = nil, flowBatchSize: Int = 50) {
        self.directory = directory
        self.contents = contents
        self.keep = keep
        self.encryptionKey = encryptionKey
        self.flowBatchSize = flowBatchSize
    }
}
