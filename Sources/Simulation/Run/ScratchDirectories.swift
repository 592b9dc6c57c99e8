import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Removal of each seed's scratch directory. `FileManager.removeItem` now and then failed with
/// "no such file" on a tree that existed while other seeds wrote files side by side (one
/// directory in a few hundred seeds was left in the temporary directory), so the tree is
/// removed depth-first with plain POSIX calls that never change directory or follow links, and
/// a tree still present afterwards is reported rather than swallowed.
enum ScratchDirectories {
    /// Where seeds write their artifacts and journals: memory (`/dev/shm`) when the machine has
    /// it, else the temporary directory. Every seed creates and deletes dozens of files, and on
    /// ext4 finding free inodes among so many just deleted took half the simulator's CPU with
    /// 50 plans per seed.
    static let root: URL = {
        let memory = "/dev/shm"
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: memory, isDirectory: &isDirectory), isDirectory.boolValue,
           FileManager.default.isWritableFile(atPath: memory) {
            return URL(fileURLWithPath: memory)
        }
        return FileManager.default.temporaryDirectory
    }()

    static let prefix = "sandbox-refresh-sim-"

    /// A new seed's directory under `root`, named after this process so that a later run can
    /// tell the leftovers of a killed one (SIGKILL, or SIGTERM: nothing runs `defer` then).
    static func make(seed: UInt64) -> URL {
        root.appendingPathComponent("\(prefix)p\(getpid())-\(seed)-\(UUID().uuidString)")
    }

    /// Removes the directories of simulator processes that are gone. `/dev/shm` is memory until
    /// the next boot; without this every killed run kept its in-flight seeds' files there.
    static func removeLeftovers() {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        for name in names where name.hasPrefix(prefix + "p") {
            let pidText = name.dropFirst(prefix.count + 1).prefix { $0 != "-" }
            guard let pid = Int32(pidText), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            remove(root.appendingPathComponent(name))
        }
    }

    static func remove(_ directory: URL) {
        let path = directory.path
        guard FileManager.default.fileExists(atPath: path) else { return }
        removeTree(path)
        if FileManager.default.fileExists(atPath: path) {
            FileHandle.standardError.write(Data("warning: could not remove the simulation's scratch directory \(path)\n".utf8))
        }
    }

    private static func removeTree(_ path: String) {
        var status = stat()
        guard lstat(path, &status) == 0 else { return }
        guard (status.st_mode & S_IFMT) == S_IFDIR else {
            unlink(path)
            return
        }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
            removeTree(path + "/" + name)
        }
        rmdir(path)
    }
}
