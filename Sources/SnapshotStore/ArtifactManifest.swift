import Foundation

/// What a run's artifacts may say about its snapshot: kinds, names, ids, hashes and sizes.
/// No content, no key check, no location: the artifacts are uploaded by CI, the snapshot
/// (customer data) is not.
public struct ArtifactManifest: Codable, Sendable, Equatable {
    public struct Object: Codable, Sendable, Equatable {
        public var kind: String
        public var name: String
        public var id: String
        public var sha256: String
        public var size: Int
    }

    public var sandboxId: String
    public var runId: String
    public var createdAt: Date
    public var complete: Bool
    public var encrypted: Bool
    public var objectCount: Int
    public var totalBytes: Int
    public var objects: [Object]

    public init(_ manifest: SnapshotManifest) {
        sandboxId = manifest.sandboxId
        runId = manifest.runId
        createdAt = manifest.createdAt
        complete = manifest.complete
        encrypted = manifest.encrypted
        objectCount = manifest.objects.count
        totalBytes = manifest.totalBytes
        objects = manifest.objects.map { Object(kind: $0.kind, name: $0.name, id: $0.id, sha256: $0.sha256, size: $0.size) }
    }

    /// Counts per kind, for a one-line summary ("flow 3, queue 2").
    public var countsByKind: [String: Int] {
        Dictionary(grouping: objects, by: \.kind).mapValues(\.count)
    }

    /// Pretty, key-sorted JSON with ISO 8601 dates, as the run's other artifacts are written.
    public func jsonData() throws -> Data {
        try SnapshotManifest.encoder.encode(self) + Data("\n".utf8)
    }
}
