import Synchronization
import Timekeeping

/// Where a client gets permission to send: its own token bucket by default, or one shared with
/// every client using the same OAuth client id (the platform counts requests per client, so all
/// plans of a fleet, in one process or on many runners, must draw from one budget).
public protocol RequestBudget: Sendable {
    /// Waits for a token. Returns the time waited; throws if the wait would end past `deadline`
    /// or the task is cancelled.
    func acquire(deadline: Moment?) async throws(GiveUpReason) -> Duration
}

extension RateLimiter: RequestBudget {}

/// Budgets shared by the clients of one process, one per key (API host and client id).
public final class SharedBudgets: Sendable {
    private let budgets = Mutex<[String: any RequestBudget]>([:])
    private let make: @Sendable (_ key: String, _ configuration: ClientConfiguration) -> any RequestBudget

    /// `make` builds the budget for a key seen for the first time; by default a token bucket of
    /// this process on `clock`.
    public init(make: @escaping @Sendable (_ key: String, _ configuration: ClientConfiguration) -> any RequestBudget) {
        self.make = make
    }

    public convenience init(clock: any InjectedClock) {
        self.init { _, configuration in
            RateLimiter(requestsPerMinute: configuration.requestsPerMinute, burst: configuration.burst, clock: clock)
        }
    }

    public func budget(key: String, configuration: ClientConfiguration) -> any RequestBudget {
        budgets.withLock { budgets in
            if let existing = budgets[key] { return existing }
            let created = make(key, configuration)
            budgets[key] = created
            return created
        }
    }

    /// The key of a client: the same id at another host is another budget.
    public static func key(apiHost: String, clientId: String) -> String { "\(apiHost)|\(clientId)" }
}
