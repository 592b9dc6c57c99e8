/// What the lock step does about an active refresh of anyone else (`lock.onForeignRefresh`).
public enum ForeignRefreshAction: String, Sendable, Hashable, Codable, CaseIterable {
    case wait
    case abortIfStale = "abort-if-stale"
    case fail
}

/// The lock node's settings: the plan's lock policy, and how often a waiting run looks again.
public struct LockSettings: Sendable, Hashable, Codable {
    public var staleAfter: Duration
    public var onForeignRefresh: ForeignRefreshAction
    public var waitTimeout: Duration
    /// The wait between listings while a foreign refresh holds the sandbox: the first polling
    /// interval, never under the 15 s floor.
    public var pollEvery: Duration

    public init(staleAfter: Duration = .seconds(1800), onForeignRefresh: ForeignRefreshAction = .wait, waitTimeout: Duration = .seconds(3600),
                pollEvery: Duration = PollSchedule.floor) {
        self.staleAfter = staleAfter
        self.onForeignRefresh = onForeignRefresh
        self.waitTimeout = waitTimeout
        self.pollEvery = pollEvery
    }
}
