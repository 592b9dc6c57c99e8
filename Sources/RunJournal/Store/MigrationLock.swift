import Foundation

/// An exclusive advisory lock on a file beside the journal, held while the journal is opened
/// and migrated: three `apply`s started at once on a new journal must not all create its tables.
/// `flock` is released by the kernel when the process dies, so a crash never leaves it held.
enum MigrationLock {
    static func holding<T>(path: String, _ body: () throws -> T) throws -> T {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw RunJournal.OpenError(description: "cannot create \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw RunJournal.OpenError(description: "cannot lock \(path): \(String(cString: strerror(errno)))")
            }
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }
}
