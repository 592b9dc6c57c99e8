import Logging
import PostgresNIO

/// The dedicated session holding one sandbox's advisory lock. It also carries that run's journal
/// writes and this process's rate-budget leases: a running plan costs the server one session,
/// not one plus a pool, and a write can only be made by a runner whose lock's session is alive
/// (when the server ended the session, the lock went with it, and so does the write).
struct LockSession: Sendable {
    var connection: PostgresConnection
    var backendPid: Int32
    /// A connection carries one transaction at a time; the run's writes, its heartbeat and the
    /// budget's leases take turns.
    let gate = SessionGate()

    /// Closes the session unless the server already ended it (closing one it ended can wait forever).
    func end() async {
        guard !connection.isClosed else { return }
        try? await connection.close()
    }

    /// Whether `error` says the session itself ended (terminated by an operator, or its
    /// connection lost), and with it the lock: the server's FATAL arrives before the socket is
    /// seen closed, so the error decides, not only the socket.
    func isGone(after error: any Error) -> Bool {
        if connection.isClosed { return true }
        if let transaction = error as? PostgresTransactionError {
            return [transaction.beginError, transaction.closureError, transaction.commitError].contains { $0.map(isGone(after:)) ?? false }
        }
        guard let psql = error as? PSQLError else { return false }
        if [.serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown].contains(psql.code) { return true }
        let state = psql.serverInfo?[.sqlState] ?? ""
        return state.hasPrefix("57P") || psql.serverInfo?[.severity] == "FATAL"
    }

    /// `operation` in a transaction of its own on this session, after any other's.
    func transaction<T: Sendable>(logger: Logger, _ operation: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let connection = self.connection
        return try await gate.run {
            try await connection.withTransaction(logger: logger) { try await operation($0) }
        }
    }

    /// One statement (or a few) outside a transaction, after any other's.
    func serially<T: Sendable>(_ operation: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let connection = self.connection
        return try await gate.run { try await operation(connection) }
    }
}

/// First come, first served, one at a time.
actor SessionGate {
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func run<T: Sendable>(_ operation: @Sendable () async throws -> T) async throws -> T {
        while busy { await withCheckedContinuation { waiters.append($0) } }
        busy = true
        defer {
            busy = false
            if !waiters.isEmpty { waiters.removeFirst().resume() }
        }
        return try await operation()
    }
}
