import Foundation
import PostgresNIO
import Synchronization
import Timekeeping

/// Drives `ConnectionWait` for one journal: runs a database operation, and while the server (or
/// the pool in front of it) refuses for want of a connection, sleeps on the injected clock and
/// tries again, telling `observe` each time. Only a refusal that proves nothing ran is retried;
/// any other error is the caller's at once.
final class ConnectionWaiter: Sendable {
    let clock: any InjectedClock
    let limit: Duration
    let location: String
    private let observe: @Sendable (JournalWaitEvent) -> Void
    /// The wait under way, if any: what `status` shows about this process.
    private let current = Mutex<JournalWaitEvent?>(nil)
    private let seeds = Atomic<UInt64>(0)

    init(clock: any InjectedClock, limit: Duration, location: String, observe: @escaping @Sendable (JournalWaitEvent) -> Void) {
        self.clock = clock
        self.limit = limit
        self.location = location
        self.observe = observe
        // Each process draws its own jitter: runners refused together come back apart.
        seeds.store(UInt64(truncatingIfNeeded: ProcessInfo.processInfo.processIdentifier) &* 0x9E37_79B9 ^ UInt64(Date().timeIntervalSince1970 * 1000),
                    ordering: .relaxed)
    }

    var waiting: JournalWaitEvent? { current.withLock { $0 } }

    func run<T: Sendable>(_ operation: () async throws -> T) async throws -> T {
        var wait = ConnectionWait(limit: limit, seed: seeds.wrappingAdd(0x9E37_79B9_7F4A_7C15, ordering: .relaxed).newValue)
        while true {
            do {
                let value = try await operation()
                current.withLock { $0 = nil }
                return value
            } catch {
                guard let (reason, detail) = Self.transient(error) else { throw error }
                switch wait.refused(reason, at: clock.now) {
                case .exhausted(let waited):
                    current.withLock { $0 = nil }
                    throw ConnectionWaitExhausted(reason: reason, detail: detail, waited: waited, location: location)
                case .retry(let delay, let waited):
                    let event = JournalWaitEvent(reason: reason, detail: detail, waited: waited, retryIn: delay, limit: limit, location: location)
                    current.withLock { $0 = event }
                    observe(event)
                    try await clock.sleep(for: delay)
                }
            }
        }
    }

    /// The refusals that are worth waiting out, with the server's words.
    static func transient(_ error: any Error) -> (ConnectionWaitReason, String)? {
        // PostgresNIO's pool error lives in an underscored module this package does not import;
        // its reflection names the case.
        if String(reflecting: error).contains("connectionCreationCircuitBreakerTripped") {
            return (.poolExhausted, "the connection pool could not open a connection")
        }
        // A transaction that could not begin never ran; any later failure in it is not ours to repeat.
        if let transaction = error as? PostgresTransactionError {
            guard let begin = transaction.beginError else { return nil }
            return transient(begin)
        }
        guard let psql = error as? PSQLError else { return nil }
        let message = psql.serverInfo?[.message] ?? ""
        let state = psql.serverInfo?[.sqlState] ?? ""
        let detail = PostgresJournal.reason(error)
        switch state {
        case "53300": return (.tooManyClients, detail)
        case "57P03": return (.serverNotReady, detail)
        default: break
        }
        // PgBouncer answers with protocol-violation codes (08P01) and words of its own.
        if message.contains("no more connections allowed") || message.contains("too many clients") {
            return (.tooManyClients, detail)
        }
        if message.contains("query_wait_timeout") || message.contains("pgbouncer cannot connect to server") {
            return (.poolExhausted, detail)
        }
        return nil
    }
}
