import Crypto
import Foundation

/// `manifest.json`: what a snapshot holds. Names, ids, hashes and sizes only, never content,
/// so it stays plaintext when the objects are encrypted. Written last, atomically, with
/// `complete: true`; a snapshot without it is incomplete (the write stopped part-way).
///
/// ```json
/// {
///   "complete" : true,
///   "createdAt" : "2026-12-07T16:00:00Z",
///   "encrypted" : true,
///   "encryption" : "AES-256-GCM",
///   "format" : 1,
///   "keyCheck" : "<32 hex digits>",
///   "objects" : [
///     { "file" : "queue/q-1.json", "id" : "q-1", "kind" : "queue", "name" : "Billing",
///       "sha256" : "<64 hex digits of the plaintext>", "size" : 412 }
///   ],
///   "runId" : "nightly-42",
///   "sandboxId" : "sandbox-dev-01",
///   "toolVersion" : "0.4.0"
/// }
/// ```
public struct SnapshotManifest: Codable, Sendable, Equatable {
    /// The format this build writes and the newest it reads.
    public static let currentFormat = 1

    /// One object: where its file is (relative to the snapshot directory) and what its
    /// plaintext content hashes to.
    public struct Object: Codable, Sendable, Equatable, Hashable {
        public var kind: String
        public var id: String
        /// The object's name on the platform (a queue's or flow's name). Never used in a path.
        public var name: String
        /// `<kind>/<file name>`, relative to the snapshot directory.
        public var file: String
        /// SHA-256 of the plaintext content, lowercase hex.
        public var sha256: String
        /// Bytes of plaintext content.
        public var size: Int

        public init(kind: String, id: String, name: String, file: String, sha256: String, size: Int) {
            self.kind = kind
            self.id = id
            self.name = name
            self.file = file
            self.sha256 = sha256
            self.size = size
        }
    }

    public var format: Int
    public var sandboxId: String
    public var runId: String
    /// When the snapshot was started (whole seconds: ISO 8601 without fractions).
    public var createdAt: Date
    public var toolVersion: String?
    public var encrypted: Bool
    /// `AES-256-GCM` when encrypted.
    public var encryption: String?
    /// Tells a wrong key from a tampered file (see `SnapshotEncryption.keyCheck`).
    public var keyCheck: String?
    public var complete: Bool
    /// Sorted by kind, then id.
    public var objects: [Object]

    public var totalBytes: Int { objects.reduce(0) { $0 + $1.size } }

    public func object(kind: String, id: String) -> Object? {
        objects.first { $0.kind == kind && $0.id == id }
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    /// One line per record in the object log.
    static let lineEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    /// The manifest's checks beyond decoding: a known format, safe and unique files.
    func validated(file: String) throws -> SnapshotManifest {
        guard format <= Self.currentFormat else { throw SnapshotError.unsupportedFormat(file: file, format: format) }
        var files = Set<String>()
        var keys = Set<String>()
        for object in objects {
            try SnapshotPaths.checkRelativePath(object.file)
            guard object.file.hasPrefix(object.kind + "/") else {
                throw SnapshotError.unreadableManifest(file: file, reason: "\(object.file) is not under its kind \(object.kind)")
            }
            guard files.insert(object.file).inserted, keys.insert(object.kind + "\u{0}" + object.id).inserted else {
                throw SnapshotError.unreadableManifest(file: file, reason: "\(object.file) is listed twice")
            }
        }
        return self
    }
}

extension SnapshotManifest {
    /// Lowercase hex SHA-256, as the manifest records content.
    static func digest(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
