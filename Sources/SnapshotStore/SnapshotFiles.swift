import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// File system calls with explicit permissions and durability. A snapshot holds customer data,
/// so its directories are 0700 and its files 0600 whatever the process umask is (`chmod` and
/// `fchmod` after creation: the mode given to `open`/`mkdir` is filtered by the umask), and a
/// file is only ever seen whole (written to a temporary name, fsynced, renamed).
enum SnapshotFiles {
    static let directoryMode: mode_t = 0o700
    static let fileMode: mode_t = 0o600

    /// Creates `url` and any missing parents with mode 0700. An existing directory is left as
    /// it is unless `enforce` (the snapshot's own directories, which no one else should share;
    /// a root the team mounted keeps the mode they gave it).
    static func makeDirectory(_ url: URL, enforce: Bool) throws {
        let path = url.path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw SnapshotError.io(path: path, operation: "create the directory", reason: "a file is in the way") }
            if enforce { try chmod(path) }
            return
        }
        let parent = url.deletingLastPathComponent()
        if parent.path != path { try makeDirectory(parent, enforce: false) }
        if mkdir(path, directoryMode) != 0 && errno != EEXIST { throw failure(path, "create the directory") }
        try chmod(path)
    }

    private static func chmod(_ path: String) throws {
        #if canImport(Glibc)
        let result = Glibc.chmod(path, directoryMode)
        #else
        let result = Darwin.chmod(path, directoryMode)
        #endif
        if result != 0 { throw failure(path, "set the mode of") }
    }

    /// Writes `data` to `url` atomically: a temporary file beside it (0600), fsync, rename.
    /// The directory itself is fsynced only when `syncDirectory` (the manifest); an object file
    /// whose rename a crash lost is found missing and written again on resume.
    static func writeAtomically(_ data: Data, to url: URL, syncDirectory: Bool) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(UInt32.random(in: 0...UInt32.max))")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, fileMode)
        guard descriptor >= 0 else { throw failure(temporary.path, "create") }
        do {
            try writeAll(data, to: descriptor, path: temporary.path)
            if fchmod(descriptor, fileMode) != 0 { throw failure(temporary.path, "set the mode of") }
            if fsync(descriptor) != 0 { throw failure(temporary.path, "sync") }
            close(descriptor)
        } catch {
            close(descriptor)
            unlink(temporary.path)
            throw error
        }
        if rename(temporary.path, url.path) != 0 {
            let error = failure(url.path, "rename into place")
            unlink(temporary.path)
            throw error
        }
        if syncDirectory { try sync(directory: url.deletingLastPathComponent()) }
    }

    /// Appends `data` to `url` (created 0600) and fsyncs it: one line of the object log.
    static func append(_ data: Data, to url: URL) throws {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, fileMode)
        guard descriptor >= 0 else { throw failure(url.path, "open for appending") }
        defer { close(descriptor) }
        if fchmod(descriptor, fileMode) != 0 { throw failure(url.path, "set the mode of") }
        try writeAll(data, to: descriptor, path: url.path)
        if fsync(descriptor) != 0 { throw failure(url.path, "sync") }
    }

    static func sync(directory: URL) throws {
        let descriptor = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(directory.path, "open the directory") }
        defer { close(descriptor) }
        if fsync(descriptor) != 0 { throw failure(directory.path, "sync the directory") }
    }

    static func read(_ url: URL) throws -> Data {
        do {
            return try Data(contentsOf: url)
        } catch {
            throw SnapshotError.io(path: url.path, operation: "read", reason: (error as NSError).localizedDescription)
        }
    }

    /// Removes the temporary files a crash left (`.<name>.tmp-N`) in a snapshot directory
    /// and its kind directories. No object or manifest name starts with a dot, so nothing else
    /// can match.
    static func removeTemporaries(under directory: URL) {
        let manager = FileManager.default
        func isTemporary(_ name: String) -> Bool { name.hasPrefix(".") && name.contains(".tmp-") }
        for name in (try? manager.contentsOfDirectory(atPath: directory.path)) ?? [] {
            let url = directory.appendingPathComponent(name)
            if isTemporary(name) {
                try? manager.removeItem(at: url)
                continue
            }
            for inner in (try? manager.contentsOfDirectory(atPath: url.path)) ?? [] where isTemporary(inner) {
                try? manager.removeItem(at: url.appendingPathComponent(inner))
            }
        }
    }

    static func exists(_ url: URL) -> Bool {
        FileManager.default.fileExists(atPath: url.path)
    }

    /// The size of a regular file, nil when there is none.
    static func size(_ url: URL) -> Int? {
        var info = stat()
        guard stat(url.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(info.st_size)
    }

    static func remove(_ url: URL) throws {
        guard exists(url) else { return }
        do {
            try FileManager.default.removeItem(at: url)
        } catch {
            throw SnapshotError.io(path: url.path, operation: "remove", reason: (error as NSError).localizedDescription)
        }
    }

    private static func writeAll(_ data: Data, to descriptor: Int32, path: String) throws {
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw failure(path, "write")
                }
                offset += written
            }
        }
    }

    private static func failure(_ path: String, _ operation: String) -> SnapshotError {
        .io(path: path, operation: operation, reason: String(cString: strerror(errno)))
    }
}
