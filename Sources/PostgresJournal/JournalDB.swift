import Logging
import PostgresNIO

/// The journal's pool as its queries use it, the same through PgBouncer as directly. Behind
/// PgBouncer in transaction pooling a server connection serves another client after every
/// transaction, so nothing may be set per session: no `search_path` as a startup parameter (it
/// refuses those it does not know) and no `SET` outliving a transaction. There, every statement
/// runs in a transaction of its own that starts with `SET LOCAL search_path`, and rows are read
/// to the end before it commits.
struct JournalDB: Sendable {
    let pool: PostgresClient
    /// Set only for transaction pooling: the schema each transaction sets for itself.
    let schemaPerTransaction: String?

    /// `body` in one transaction on a pooled connection.
    func withTransaction<T: Sendable>(logger: Logger, _ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let schema = schemaPerTransaction
        do {
            return try await pool.withTransaction(logger: logger) { connection in
                try await Self.prepare(connection, schema: schema, logger: logger)
                return try await body(connection)
            }
        } catch let failed as PostgresTransactionError {
            // The body's own error (a refusal with its one line, a lost lease) is the answer;
            // the rollback that followed it is PostgresNIO's business.
            if let own = failed.closureError { throw own }
            throw failed
        }
    }

    /// A connection for a few statements: in a transaction of its own behind PgBouncer.
    func withConnection<T: Sendable>(logger: Logger, _ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        if schemaPerTransaction == nil { return try await pool.withConnection { try await body($0) } }
        return try await withTransaction(logger: logger, body)
    }

    /// One statement, its rows read to the end.
    @discardableResult
    func query(_ query: PostgresQuery, logger: Logger) async throws -> CollectedRows {
        if schemaPerTransaction == nil {
            var rows: [PostgresRow] = []
            for try await row in try await pool.query(query, logger: logger) { rows.append(row) }
            return CollectedRows(rows: rows)
        }
        return try await withTransaction(logger: logger) { connection in
            var rows: [PostgresRow] = []
            for try await row in try await connection.query(query, logger: logger) { rows.append(row) }
            return CollectedRows(rows: rows)
        }
    }

    /// What a transaction sets first when the pooler cannot carry it for the session.
    static func prepare(_ connection: PostgresConnection, schema: String?, logger: Logger) async throws {
        guard let schema else { return }
        // The name passed PostgresJournalURL's identifier check; it cannot be bound.
        try await connection.query(PostgresQuery(unsafeSQL: "SET LOCAL search_path TO \"\(schema)\""), logger: logger)
    }
}

/// Rows already read: an `AsyncSequence` of `PostgresRow`, so PostgresNIO's `decode` applies.
struct CollectedRows: AsyncSequence, Sendable {
    typealias Element = PostgresRow
    let rows: [PostgresRow]

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: IndexingIterator<[PostgresRow]>
        mutating func next() async throws -> PostgresRow? { base.next() }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: rows.makeIterator()) }
}
