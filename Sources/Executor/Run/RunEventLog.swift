import Synchronization

/// The run's events as `report.html` needs them after the fact: step starts and ends (the
/// timeline), and the clients' retries, 429 waits, re-logins and breaker changes. The CLI's
/// printer only streams events; this keeps them. Bounded, so a run that retries for hours
/// cannot grow it without limit: past `capacity` the oldest events go, and `dropped` says how
/// many.
public final class RunEventLog: Sendable {
    public static let defaultCapacity = 5000
    private struct Storage {
        var events: [RunEvent] = []
        var dropped = 0
    }

    private let storage = Mutex(Storage())
    private let capacity: Int

    public init(capacity: Int = RunEventLog.defaultCapacity) {
        self.capacity = max(capacity, 1)
    }

    public func record(_ event: RunEvent) {
        storage.withLock { storage in
            storage.events.append(event)
            if storage.events.count > capacity {
                let excess = storage.events.count - capacity
                storage.events.removeFirst(excess)
                storage.dropped += excess
            }
        }
    }

    public var events: [RunEvent] { storage.withLock { $0.events } }
    public var dropped: Int { storage.withLock { $0.dropped } }
}
