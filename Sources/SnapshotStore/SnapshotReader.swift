import Crypto
import Foundation

/// Reads a snapshot directory: its manifest (or, for an incomplete one, what its object log
/// recorded) and each object's content, decrypted and checked against the manifest's SHA-256.
/// A mismatch, a wrong key or a missing file is a typed `SnapshotError` naming the file,
/// never the content.
public struct SnapshotReader: Sendable {
    public let directory: URL
    /// For an incomplete snapshot: the objects its log recorded, with `complete: false`.
    public let manifest: SnapshotManifest
    private let key: SymmetricKey?
    /// By kind and id: a restore reads thousands of objects, each looked up once.
    private let index: [String: SnapshotManifest.Object]

    /// False when the write stopped before `manifest.json` (a crash, or a run still writing):
    /// the objects listed were written whole, but the snapshot may lack some.
    public var isComplete: Bool { manifest.complete }
    public var objects: [SnapshotManifest.Object] { manifest.objects }

    /// Opens `directory`. An encrypted snapshot opens without a key (its manifest is
    /// plaintext) but then `content` refuses; a key that is not the snapshot's is refused here.
    public static func open(_ directory: URL, key: SymmetricKey? = nil) throws -> SnapshotReader {
        let manifest = try SnapshotLoader.load(directory).manifest
        if let key {
            guard manifest.encrypted else { throw SnapshotError.encryptionMismatch(directory: directory.path, snapshotEncrypted: false) }
            guard manifest.keyCheck == SnapshotEncryption.keyCheck(key) else { throw SnapshotError.wrongKey(directory: directory.path) }
        }
        return SnapshotReader(directory: directory, manifest: manifest, key: key,
                              index: Dictionary(manifest.objects.map { ($0.kind + "\u{0}" + $0.id, $0) }, uniquingKeysWith: { $1 }))
    }

    /// The plaintext content of the object of `kind` with `id`.
    public func content(kind: String, id: String) throws -> Data {
        guard let object = index[kind + "\u{0}" + id] else { throw SnapshotError.unknownObject(kind: kind, id: id) }
        return try content(of: object)
    }

    /// The plaintext content of `object`, which must be one of `objects`.
    public func content(of object: SnapshotManifest.Object) throws -> Data {
        guard index[object.kind + "\u{0}" + object.id] == object else { throw SnapshotError.unknownObject(kind: object.kind, id: object.id) }
        let url = directory.appendingPathComponent(object.file)
        guard SnapshotFiles.size(url) != nil else { throw SnapshotError.missingFile(file: url.path) }
        var data = try SnapshotFiles.read(url)
        if manifest.encrypted {
            guard let key else { throw SnapshotError.encryptionMismatch(directory: directory.path, snapshotEncrypted: true) }
            guard let plain = SnapshotEncryption.open(data, key: key, path: object.file) else {
                throw SnapshotError.tampered(file: url.path, reason: "it fails AES-GCM authentication (altered, or moved from another file)")
            }
            data = plain
        }
        guard data.count == object.size else {
            throw SnapshotError.tampered(file: url.path, reason: "it holds \(data.count) bytes, the manifest says \(object.size)")
        }
        guard SnapshotManifest.digest(data) == object.sha256 else {
            throw SnapshotError.tampered(file: url.path, reason: "its SHA-256 differs from the manifest's")
        }
        return data
    }

    /// Reads and checks every object; the first problem is thrown.
    public func verify() throws {
        for object in manifest.objects { _ = try content(of: object) }
    }
}
