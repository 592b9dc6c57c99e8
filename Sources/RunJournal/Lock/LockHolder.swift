import Foundation

/// Who holds a sandbox's local run lock: a process on a host.
public struct LockHolder: Sendable, Hashable, Codable {
    public var pid: Int32
    public var hostname: String

    public init(pid: Int32, hostname: String) {
        self.pid = pid
        self.hostname = hostname
    }

    public static var current: LockHolder {
        LockHolder(pid: getpid(), hostname: ProcessInfo.processInfo.hostName)
    }

    /// Whether the process still exists. Only answerable on this host: a holder elsewhere is
    /// assumed alive (an operator clears it with `unlock --force`).
    public static func isAlive(_ holder: LockHolder) -> Bool {
        guard holder.hostname == LockHolder.current.hostname else { return true }
        if kill(holder.pid, 0) == 0 { return true }
        // EPERM: it exists but belongs to someone else. Only ESRCH proves it is gone.
        return errno != ESRCH
    }
}

/// The lock row as stored.
public struct LockRecord: Sendable, Hashable, Codable {
    public var sandboxId: String
    public var runId: String?
    public var planName: String?
    public var holder: LockHolder
    public var acquiredAt: Date
}

/// What trying to take the lock gave.
public enum LockAttempt: Sendable, Hashable {
    /// Ours now; `takenOverFrom` is a previous holder whose process was gone.
    case acquired(takenOverFrom: LockRecord?)
    case held(by: LockRecord)
}
