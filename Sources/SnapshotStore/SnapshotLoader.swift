import Foundation

/// Reads what a snapshot directory records: the manifest when it is complete, else the
/// unfinished write's object log (`objects.log`: one JSON header line, the manifest without
/// objects, then one line per object written, each appended and fsynced after its file).
enum SnapshotLoader {
    struct Loaded {
        var manifest: SnapshotManifest
        /// The manifest came from `manifest.json` with `complete: true`.
        var complete: Bool
        /// An object log is present beside a complete manifest (a crash after the manifest's
        /// rename, before the log's removal): the writer removes it.
        var staleLog: Bool
    }

    static func load(_ directory: URL) throws -> Loaded {
        let manifestURL = directory.appendingPathComponent(SnapshotPaths.manifestName)
        let logURL = directory.appendingPathComponent(SnapshotPaths.logName)
        if SnapshotFiles.exists(manifestURL) {
            let manifest = try decodeManifest(manifestURL)
            if manifest.complete {
                return Loaded(manifest: manifest, complete: true, staleLog: SnapshotFiles.exists(logURL))
            }
        }
        guard SnapshotFiles.exists(logURL) else { throw SnapshotError.notASnapshot(directory: directory.path) }
        return Loaded(manifest: try decodeLog(logURL), complete: false, staleLog: false)
    }

    static func decodeManifest(_ url: URL) throws -> SnapshotManifest {
        let data = try SnapshotFiles.read(url)
        let manifest: SnapshotManifest
        do {
            manifest = try SnapshotManifest.decoder.decode(SnapshotManifest.self, from: data)
        } catch {
            throw SnapshotError.unreadableManifest(file: url.path, reason: describe(error))
        }
        return try manifest.validated(file: url.path)
    }

    /// The log's objects, the last line for a kind and id winning (a replaced object). A torn
    /// last line is what a crash during an append leaves: its file is written again on resume.
    static func decodeLog(_ url: URL) throws -> SnapshotManifest {
        let lines = try SnapshotFiles.read(url).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
        guard let first = lines.first else { throw SnapshotError.unreadableManifest(file: url.path, reason: "the object log is empty") }
        var header: SnapshotManifest
        do {
            header = try SnapshotManifest.decoder.decode(SnapshotManifest.self, from: Data(first))
        } catch {
            throw SnapshotError.unreadableManifest(file: url.path, reason: "its header: \(describe(error))")
        }
        var byKey: [String: SnapshotManifest.Object] = [:]
        for (index, line) in lines.dropFirst().enumerated() {
            guard let object = try? SnapshotManifest.decoder.decode(SnapshotManifest.Object.self, from: Data(line)) else {
                if index == lines.count - 2 { break }
                throw SnapshotError.unreadableManifest(file: url.path, reason: "line \(index + 2) is not an object record")
            }
            byKey[object.kind + "\u{0}" + object.id] = object
        }
        header.complete = false
        header.objects = sorted(Array(byKey.values))
        return try header.validated(file: url.path)
    }

    static func sorted(_ objects: [SnapshotManifest.Object]) -> [SnapshotManifest.Object] {
        objects.sorted { ($0.kind, $0.id) < ($1.kind, $1.id) }
    }

    private static func describe(_ error: Error) -> String {
        if let error = error as? SnapshotError { return error.description }
        if case let DecodingError.dataCorrupted(context) = error { return context.debugDescription }
        if case let DecodingError.keyNotFound(key, _) = error { return "no \(key.stringValue)" }
        if case let DecodingError.typeMismatch(_, context) = error { return "\(context.codingPath.map(\.stringValue).joined(separator: ".")): wrong type" }
        return "\(error)"
    }
}
