import Crypto
import Foundation

/// Writes one snapshot: `<root>/<sandbox-id>/<run-id>/`, one file per object under a
/// directory per kind, then `manifest.json`.
///
/// Resumable and idempotent, because the snapshot is a journaled step a resumed run does
/// again: every object written is recorded in `objects.log` (after its file is fsynced), so a
/// writer opened again on the same directory knows what is there. Adding an object already
/// written with the same content does nothing; different content replaces it. `complete()`
/// writes the manifest atomically and removes the log; until then the snapshot is incomplete.
/// Opening a complete snapshot again and changing an object makes it incomplete again until
/// the next `complete()`, so a manifest never lists a hash its file does not have.
public actor SnapshotWriter {
    public enum AddResult: Sendable, Equatable {
        /// The object was not in the snapshot.
        case written
        /// It was, with the same content: nothing written.
        case unchanged
        /// It was, with other content: its file was replaced.
        case replaced
    }

    /// `<root>/<sandbox-id>/<run-id>`.
    public nonisolated let directory: URL
    private let encryption: SnapshotEncryption
    private var manifest: SnapshotManifest
    private var byKey: [String: SnapshotManifest.Object]
    private var ownerOfFile: [String: String]
    /// `manifest.json` is complete and describes the files on disk (no object log).
    private var completeOnDisk: Bool

    private init(directory: URL, encryption: SnapshotEncryption, manifest: SnapshotManifest, completeOnDisk: Bool) {
        self.directory = directory
        self.encryption = encryption
        self.manifest = manifest
        self.completeOnDisk = completeOnDisk
        byKey = Dictionary(manifest.objects.map { (Self.key($0.kind, $0.id), $0) }, uniquingKeysWith: { $1 })
        ownerOfFile = Dictionary(manifest.objects.map { ($0.file, $0.id) }, uniquingKeysWith: { $1 })
    }

    /// Opens the snapshot of `runId` for `sandboxId` under `root`, creating it (directories
    /// 0700) or continuing the one a previous attempt left. A snapshot continued keeps its
    /// `createdAt`, and must be continued with the same encryption and key.
    public static func open(root: URL, sandboxId: String, runId: String, encryption: SnapshotEncryption = .none,
                            createdAt: Date, toolVersion: String? = nil) throws -> SnapshotWriter {
        try SnapshotPaths.checkDirectoryName(sandboxId, what: "sandbox id")
        try SnapshotPaths.checkDirectoryName(runId, what: "run id")
        let sandboxDirectory = root.appendingPathComponent(sandboxId, isDirectory: true)
        let directory = sandboxDirectory.appendingPathComponent(runId, isDirectory: true)
        try SnapshotFiles.makeDirectory(root, enforce: false)
        try SnapshotFiles.makeDirectory(sandboxDirectory, enforce: true)
        try SnapshotFiles.makeDirectory(directory, enforce: true)
        let keyCheck = encryption.key.map(SnapshotEncryption.keyCheck)
        if SnapshotFiles.exists(directory.appendingPathComponent(SnapshotPaths.manifestName))
            || SnapshotFiles.exists(directory.appendingPathComponent(SnapshotPaths.logName)) {
            let loaded = try SnapshotLoader.load(directory)
            let found = loaded.manifest
            guard found.sandboxId == sandboxId, found.runId == runId else {
                throw SnapshotError.identityMismatch(directory: directory.path, reason: "it records sandbox \(found.sandboxId), run \(found.runId)")
            }
            guard found.encrypted == (keyCheck != nil) else {
                throw SnapshotError.encryptionMismatch(directory: directory.path, snapshotEncrypted: found.encrypted)
            }
            guard found.keyCheck == keyCheck else { throw SnapshotError.wrongKey(directory: directory.path) }
            if loaded.staleLog { try SnapshotFiles.remove(directory.appendingPathComponent(SnapshotPaths.logName)) }
            SnapshotFiles.removeTemporaries(under: directory)
            return SnapshotWriter(directory: directory, encryption: encryption, manifest: found, completeOnDisk: loaded.complete)
        }
        let header = SnapshotManifest(format: SnapshotManifest.currentFormat, sandboxId: sandboxId, runId: runId, createdAt: createdAt,
                                      toolVersion: toolVersion, encrypted: keyCheck != nil, encryption: keyCheck == nil ? nil : "AES-256-GCM",
                                      keyCheck: keyCheck, complete: false, objects: [])
        let writer = SnapshotWriter(directory: directory, encryption: encryption, manifest: header, completeOnDisk: false)
        try SnapshotFiles.writeAtomically(try Self.logLines(header), to: directory.appendingPathComponent(SnapshotPaths.logName), syncDirectory: true)
        return writer
    }

    /// Adds one object. Its file is `<kind>/<file>` when `file` is given (a name from an
    /// export job), else `<kind>/<id as a safe file name>.json`. Refuses a kind, id or file
    /// name that could leave the snapshot directory. `name` is only recorded, never a path.
    @discardableResult
    public func add(kind: String, id: String, name: String, content: Data, file: String? = nil) throws -> AddResult {
        let relative = try SnapshotPaths.relativePath(kind: kind, id: id, file: file)
        let key = Self.key(kind, id)
        if let owner = ownerOfFile[relative], owner != id {
            throw SnapshotError.fileConflict(file: relative, kind: kind, id: id, existingId: owner)
        }
        let object = SnapshotManifest.Object(kind: kind, id: id, name: name, file: relative,
                                             sha256: SnapshotManifest.digest(content), size: content.count)
        let previous = byKey[key]
        let storedSize = content.count + (encryption.key == nil ? 0 : SnapshotEncryption.overhead)
        if let previous, previous == object, SnapshotFiles.size(directory.appendingPathComponent(relative)) == storedSize {
            return .unchanged
        }
        if completeOnDisk { try reopenForChanges() }
        try SnapshotFiles.makeDirectory(directory.appendingPathComponent(kind, isDirectory: true), enforce: true)
        let stored = try encryption.key.map { try SnapshotEncryption.seal(content, key: $0, path: relative) } ?? content
        try SnapshotFiles.writeAtomically(stored, to: directory.appendingPathComponent(relative), syncDirectory: false)
        if let previous, previous.file != relative {
            try SnapshotFiles.remove(directory.appendingPathComponent(previous.file))
            ownerOfFile[previous.file] = nil
        }
        var line = try SnapshotManifest.lineEncoder.encode(object)
        line.append(UInt8(ascii: "\n"))
        try SnapshotFiles.append(line, to: directory.appendingPathComponent(SnapshotPaths.logName))
        byKey[key] = object
        ownerOfFile[relative] = id
        return previous == nil ? .written : (previous?.sha256 == object.sha256 && previous?.file == relative ? .unchanged : .replaced)
    }

    /// Writes `manifest.json` (temporary file, fsync, rename, directory fsync) with
    /// `complete: true`, then removes the object log. Refuses when an object's file is gone
    /// (a crash lost it and it was not added again). Completing a complete snapshot does nothing.
    @discardableResult
    public func complete() throws -> SnapshotManifest {
        var final = manifest
        final.objects = SnapshotLoader.sorted(Array(byKey.values))
        final.complete = true
        if completeOnDisk { return final }
        let overhead = encryption.key == nil ? 0 : SnapshotEncryption.overhead
        for object in final.objects where SnapshotFiles.size(directory.appendingPathComponent(object.file)) != object.size + overhead {
            throw SnapshotError.missingFile(file: directory.appendingPathComponent(object.file).path)
        }
        for kind in Set(final.objects.map(\.kind)) {
            try SnapshotFiles.sync(directory: directory.appendingPathComponent(kind, isDirectory: true))
        }
        try SnapshotFiles.writeAtomically(try SnapshotManifest.encoder.encode(final) + Data("\n".utf8),
                                          to: directory.appendingPathComponent(SnapshotPaths.manifestName), syncDirectory: true)
        try SnapshotFiles.remove(directory.appendingPathComponent(SnapshotPaths.logName))
        manifest = final
        completeOnDisk = true
        return final
    }

    /// Objects recorded so far.
    public var objectCount: Int { byKey.count }

    /// A complete snapshot about to change: the log takes over (header and every object),
    /// then the manifest goes, so a crash in between leaves one or the other, never a
    /// manifest that lists a file about to change.
    private func reopenForChanges() throws {
        var header = manifest
        header.objects = SnapshotLoader.sorted(Array(byKey.values))
        try SnapshotFiles.writeAtomically(try Self.logLines(header), to: directory.appendingPathComponent(SnapshotPaths.logName), syncDirectory: true)
        try SnapshotFiles.remove(directory.appendingPathComponent(SnapshotPaths.manifestName))
        try SnapshotFiles.sync(directory: directory)
        completeOnDisk = false
    }

    private static func logLines(_ manifest: SnapshotManifest) throws -> Data {
        var header = manifest
        header.complete = false
        header.objects = []
        var data = try SnapshotManifest.lineEncoder.encode(header)
        data.append(UInt8(ascii: "\n"))
        for object in manifest.objects {
            data.append(try SnapshotManifest.lineEncoder.encode(object))
            data.append(UInt8(ascii: "\n"))
        }
        return data
    }

    private static func key(_ kind: String, _ id: String) -> String { kind + "\u{0}" + id }
}
