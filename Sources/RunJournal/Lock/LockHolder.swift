import Foundation

/// Who holds a sandbox's local run lock: one process, identified well enough that neither a
/// reused pid (after a reboot, or pid 1 in every container) nor a process on another host is
/// mistaken for the holder.
public struct LockHolder: Sendable, Hashable, Codable {
    public var pid: Int32
    public var hostname: String
    /// `/proc/sys/kernel/random/boot_id`: a different value on the same host means it rebooted.
    public var bootId: String?
    /// The process's start time in clock ticks since boot (`/proc/PID/stat`, field 22): a pid
    /// whose process started at another time is another process.
    public var startTime: UInt64?

    public init(pid: Int32, hostname: String, bootId: String? = nil, startTime: UInt64? = nil) {
        self.pid = pid
        self.hostname = hostname
        self.bootId = bootId
        self.startTime = startTime
    }

    public static var current: LockHolder {
        let pid = getpid()
        return LockHolder(pid: pid, hostname: ProcessInfo.processInfo.hostName, bootId: ProcessProbe.bootId(), startTime: ProcessProbe.startTime(pid: pid))
    }

    /// Whether the holder's process still exists, judged on this host. A holder on another host
    /// cannot be probed and counts as alive here; its heartbeat decides (see `LockLiveness`).
    public static func probe(_ holder: LockHolder) -> LockLiveness {
        let here = LockHolder.current
        guard holder.hostname == here.hostname else { return .alive }
        if let theirs = holder.bootId, let ours = here.bootId, theirs != ours {
            return .dead("host \(holder.hostname) rebooted since (boot id changed)")
        }
        if kill(holder.pid, 0) != 0, errno == ESRCH {
            return .dead("process \(holder.pid) on \(holder.hostname) is gone")
        }
        // EPERM: it exists but belongs to someone else; still ours to compare by start time.
        if let theirs = holder.startTime, let now = ProcessProbe.startTime(pid: holder.pid), theirs != now {
            return .dead("pid \(holder.pid) on \(holder.hostname) now belongs to another process (started at another time)")
        }
        return .alive
    }

    /// Whether the process still exists (see `probe`).
    public static func isAlive(_ holder: LockHolder) -> Bool { probe(holder) == .alive }
}

/// Whether a lock's holder can still be running, and if not, why not.
public enum LockLiveness: Sendable, Hashable, CustomStringConvertible {
    case alive
    case dead(String)

    public var description: String {
        switch self {
        case .alive: return "alive"
        case .dead(let why): return why
        }
    }
}

/// Reads what Linux says about processes; nil where it cannot (another OS, no /proc).
enum ProcessProbe {
    static func bootId() -> String? {
        guard let text = try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8) else { return nil }
        let id = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return id.isEmpty ? nil : id
    }

    static func startTime(pid: Int32) -> UInt64? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        // After "pid (comm)" come fields 3...; the command may contain spaces and parentheses.
        let fields = text[text.index(after: close)...].split(separator: " ")
        let index = 22 - 3
        guard fields.count > index else { return nil }
        return UInt64(fields[index])
    }
}

/// The lock row as stored.
public struct LockRecord: Sendable, Hashable, Codable {
    public var sandboxId: String
    public var runId: String?
    public var planName: String?
    public var holder: LockHolder
    public var acquiredAt: Date
    /// Refreshed by the holder while it runs; nil in rows written before heartbeats existed.
    public var heartbeatAt: Date?
    /// The CI job the holder runs in (GitHub Actions, GitLab CI, Azure Pipelines), when known:
    /// on a fleet of runners, where to look at the process that holds a sandbox.
    public var jobURL: String?

    public init(sandboxId: String, runId: String? = nil, planName: String? = nil, holder: LockHolder, acquiredAt: Date, heartbeatAt: Date? = nil,
                jobURL: String? = nil) {
        self.sandboxId = sandboxId
        self.runId = runId
        self.planName = planName
        self.holder = holder
        self.acquiredAt = acquiredAt
        self.heartbeatAt = heartbeatAt
        self.jobURL = jobURL
    }

    /// The URL of the CI job this process runs in, from the variables each CI system sets.
    public static func currentJobURL(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let server = environment["GITHUB_SERVER_URL"], let repository = environment["GITHUB_REPOSITORY"], let run = environment["GITHUB_RUN_ID"] {
            return "\(server)/\(repository)/actions/runs/\(run)"
        }
        if let url = environment["CI_JOB_URL"], !url.isEmpty { return url }
        if let collection = environment["SYSTEM_COLLECTIONURI"], let project = environment["SYSTEM_TEAMPROJECT"], let build = environment["BUILD_BUILDID"] {
            return "\(collection)\(project)/_build/results?buildId=\(build)"
        }
        return nil
    }

    /// Alive only if its process is (by `probe`) and its heartbeat is recent: a process that
    /// cannot be probed (another host, another PID namespace) is judged by its heartbeat alone.
    public func liveness(at now: Date, heartbeatTimeout: TimeInterval, probe: (LockHolder) -> LockLiveness) -> LockLiveness {
        if case .dead(let why) = probe(holder) { return .dead(why) }
        let lastSign = heartbeatAt ?? acquiredAt
        let silence = now.timeIntervalSince(lastSign)
        if silence > heartbeatTimeout {
            return .dead("no heartbeat from pid \(holder.pid) on \(holder.hostname) for \(Int(silence))s (limit \(Int(heartbeatTimeout))s)")
        }
        return .alive
    }
}

/// What trying to take the lock gave.
public enum LockAttempt: Sendable, Hashable {
    /// Ours now; `takenOverFrom` is a previous holder that was dead (and why).
    case acquired(takenOverFrom: LockRecord?)
    case held(by: LockRecord)
}
