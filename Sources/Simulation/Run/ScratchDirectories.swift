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
