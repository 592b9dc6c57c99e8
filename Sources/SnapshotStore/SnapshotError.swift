import Foundation

/// Everything the store can refuse or find wrong. Messages name files, kinds, ids and
/// directories, never an object's content or a key: a snapshot holds customer data (data
/// table rows) and these messages end up in CI logs.
public enum SnapshotError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A sandbox id, run id, kind, object id or file name that cannot be one path component
    /// inside the snapshot (empty, `.`, `..`, a `/`, a NUL, too long).
    case unsafeComponent(what: String, value: String, reason: String)
    /// The key text is not 32 bytes in hex or base64 (the text itself is never repeated).
    case invalidKey(reason: String)
    /// The directory holds neither a manifest nor an unfinished write's object log.
    case notASnapshot(directory: String)
    /// `manifest.json` (or the object log) cannot be read or decoded.
    case unreadableManifest(file: String, reason: String)
    /// A manifest written by a newer sandbox-refresh.
    case unsupportedFormat(file: String, format: Int)
    /// The snapshot is encrypted and no key was given, or a key was given for a plaintext one.
    case encryptionMismatch(directory: String, snapshotEncrypted: Bool)
    /// The key given is not the key the snapshot was written with (its key check differs).
    case wrongKey(directory: String)
    /// An object file whose content does not match the manifest: its SHA-256 or size differs,
    /// or (encrypted) it fails authentication.
    case tampered(file: String, reason: String)
    /// An object the manifest lists whose file is gone.
    case missingFile(file: String)
    /// No object of this kind and id in the snapshot.
    case unknownObject(kind: String, id: String)
    /// Two objects would share one file (an explicit `file` name already used by another id).
    case fileConflict(file: String, kind: String, id: String, existingId: String)
    /// The writer was opened for a different sandbox or run than the one the directory records.
    case identityMismatch(directory: String, reason: String)
    /// A system call failed.
    case io(path: String, operation: String, reason: String)

    public var description: String {
        switch self {
        case let .unsafeComponent(what, value, reason):
            return "snapshot: the \(what) \(Self.quoted(value)) cannot name a file in a snapshot: \(reason)"
        case let .invalidKey(reason):
            return "snapshot: the encryption key is not usable: \(reason) (a 256-bit key is 64 hex digits or 44 base64 characters)"
        case let .notASnapshot(directory):
            return "snapshot: \(directory) is not a snapshot (no manifest.json and no object log)"
        case let .unreadableManifest(file, reason):
            return "snapshot: cannot read \(file): \(reason)"
        case let .unsupportedFormat(file, format):
            return "snapshot: \(file) has format \(format), written by a newer sandbox-refresh (this one reads format \(SnapshotManifest.currentFormat))"
        case let .encryptionMismatch(directory, encrypted):
            return encrypted
                ? "snapshot: \(directory) is encrypted and no key was given"
                : "snapshot: \(directory) is not encrypted but a key was given"
        case let .wrongKey(directory):
            return "snapshot: the key given is not the key \(directory) was encrypted with"
        case let .tampered(file, reason):
            return "snapshot: \(file) does not match the manifest: \(reason)"
        case let .missingFile(file):
            return "snapshot: \(file) is listed in the manifest but missing"
        case let .unknownObject(kind, id):
            return "snapshot: no \(kind) with id \(Self.quoted(id)) in the snapshot"
        case let .fileConflict(file, kind, id, existingId):
            return "snapshot: \(kind) \(Self.quoted(id)) would be written to \(file), which already holds \(Self.quoted(existingId))"
        case let .identityMismatch(directory, reason):
            return "snapshot: \(directory) belongs to another snapshot: \(reason)"
        case let .io(path, operation, reason):
            return "snapshot: cannot \(operation) \(path): \(reason)"
        }
    }

    /// A short printable rendering: ids and names may hold control characters or a NUL.
    static func quoted(_ value: String) -> String {
        let printable = value.unicodeScalars.prefix(60).map { (0x20...0x7E).contains($0.value) ? String($0) : "?" }.joined()
        return "'\(printable)\(value.unicodeScalars.count > 60 ? "…" : "")'"
    }
}
