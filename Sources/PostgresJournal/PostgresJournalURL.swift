import Foundation
import NIOSSL
import PostgresNIO
import RunJournal

/// A `postgres://user@host:port/database?sslmode=...` journal URL, read the way libpq reads one,
/// except that a password is never taken from the URL itself: a URL is typed on command lines
/// and printed in CI logs. The password comes from `PGPASSWORD` (or `?password=${file:/path}`,
/// either of which may be a `${file:/path}` reference, the form CI secret mounts use).
public struct PostgresJournalURL: Sendable, Hashable {
    public enum SSLMode: String, Sendable, Hashable, CaseIterable {
        case disable, allow, prefer, require, verifyCA = "verify-ca", verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    /// Set for a Unix-domain socket (`?host=/var/run/postgresql`, or no host at all).
    public var socketPath: String?
    public var username: String
    public var database: String
    public var sslMode: SSLMode
    /// A schema of its own (`?schema=NAME`): created if missing, so one database can hold
    /// several independent journals (tests do; so can teams).
    public var schema: String?
    var password: String?
    /// How long a runner waits for a connection the server or the pool refuses for want of one
    /// (`?connectWait=10m`): a fleet larger than the server's `max_connections` waits its turn
    /// instead of losing runs. Only an exhausted wait ends a run (exit 11).
    public var connectWait: Duration = PostgresJournalURL.defaultConnectWait
    public static let defaultConnectWait: Duration = .seconds(600)
    /// The most pooled connections this process opens (`?poolSize=N`, default 1): reads, lock
    /// checks and the rate budget. Each run's journal writes go through its lock's session.
    public var poolSize: Int = 1
    /// How connections reach the server (`?pooling=`): `session`, directly or through a pooler
    /// in session mode (the default), or `transaction`, through PgBouncer's transaction pooling,
    /// where a session-level lock would not hold and the run lock is a lease instead.
    public var pooling: Pooling = .session
    /// How long a lease lock lasts without a heartbeat (`?lease=`, default 60s; transaction
    /// pooling only): a runner that stops renewing is taken over this long after its last renewal.
    public var lease: Duration = .seconds(60)

    public enum Pooling: String, Sendable, Hashable, CaseIterable {
        case session, transaction
    }

    /// Without credentials: what messages and `status` print.
    public var redacted: String {
        var text = "postgres://\(username)@\(socketPath == nil ? host : ""):\(port)/\(database)?sslmode=\(sslMode.rawValue)"
        if let socketPath { text += "&host=\(socketPath)" }
        if let schema { text += "&schema=\(schema)" }
        if pooling == .transaction { text += "&pooling=transaction" }
        return text
    }

    public struct Invalid: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    public init(_ url: URL, environment: [String: String], readFile: (String) throws -> String = { try String(contentsOfFile: $0, encoding: .utf8) }) throws {
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: false) else {
            throw Invalid(description: "the journal URL is not a valid URL (expected postgres://user@host:port/database?sslmode=...)")
        }
        if components.password != nil {
            throw Invalid(description: "the journal URL carries a password, which would show in process lists and CI logs; remove it and set PGPASSWORD (or PGPASSWORD=${file:/path/to/secret})")
        }
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] { query[item.name] = item.value ?? "" }
        let known: Set<String> = ["sslmode", "host", "schema", "password", "application_name", "connect_timeout", "connectWait", "poolSize", "pooling", "lease"]
        if let unknown = query.keys.sorted().first(where: { !known.contains($0) }) {
            throw Invalid(description: "the journal URL has an unknown parameter '\(unknown)' (known: \(known.sorted().joined(separator: ", ")))")
        }
        let rawHost = components.host.flatMap { $0.isEmpty ? nil : $0 }
        if let socket = query["host"], socket.hasPrefix("/") {
            socketPath = socket
        } else if rawHost == nil {
            socketPath = query["host"].flatMap { $0.isEmpty ? nil : $0 } ?? "/var/run/postgresql"
        }
        host = rawHost ?? "localhost"
        port = components.port ?? Int(environment["PGPORT"] ?? "") ?? 5432
        username = components.user.flatMap { $0.removingPercentEncoding }.flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["PGUSER"] ?? environment["USER"] ?? "postgres"
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = path.removingPercentEncoding.flatMap { $0.isEmpty ? nil : $0 } ?? environment["PGDATABASE"] ?? username
        let mode = query["sslmode"] ?? environment["PGSSLMODE"] ?? "prefer"
        guard let sslMode = SSLMode(rawValue: mode) else {
            throw Invalid(description: "sslmode=\(mode) is not one of \(SSLMode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self.sslMode = sslMode
        if let schema = query["schema"] {
            guard let first = schema.first, first.isLetter || first == "_",
                  schema.count <= 63, schema.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                throw Invalid(description: "schema=\(schema) is not a plain identifier (letters, digits, _; at most 63)")
            }
            self.schema = schema.lowercased()
        }
        if let text = query["connectWait"] {
            guard let wait = Self.duration(text) else {
                throw Invalid(description: "connectWait=\(text) is not a duration (for example 30s, 10m, 1h)")
            }
            connectWait = wait
        }
        if let text = query["poolSize"] {
            guard let size = Int(text), (1...100).contains(size) else {
                throw Invalid(description: "poolSize=\(text) is not a whole number from 1 to 100")
            }
            poolSize = size
        }
        if let text = query["pooling"] {
            guard let mode = Pooling(rawValue: text) else {
                throw Invalid(description: "pooling=\(text) is not one of \(Pooling.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            pooling = mode
        }
        if let text = query["lease"] {
            guard let lease = Self.duration(text), lease >= .seconds(1) else {
                throw Invalid(description: "lease=\(text) is not a duration of at least 1s (for example 60s, 2m)")
            }
            self.lease = lease
        }
        if let inURL = query["password"] {
            guard Self.fileReference(inURL) != nil else {
                throw Invalid(description: "the journal URL's password parameter must be a ${file:/path} reference, never the password itself")
            }
            password = try Self.resolve(inURL, what: "password", readFile: readFile)
        } else if let fromEnvironment = environment["PGPASSWORD"] {
            password = try Self.resolve(fromEnvironment, what: "PGPASSWORD", readFile: readFile)
        }
    }

    /// `250ms`, `30s`, `10m`, `1h30m`, or plain seconds: the notation plans use.
    static func duration(_ text: String) -> Duration? {
        if let seconds = Double(text), seconds >= 0 { return .milliseconds(Int64(seconds * 1000)) }
        var total: Duration = .zero
        var number = ""
        var rest = Substring(text)
        guard !rest.isEmpty else { return nil }
        while let first = rest.first {
            if first.isNumber || first == "." {
                number.append(first)
                rest = rest.dropFirst()
                continue
            }
            guard let value = Double(number) else { return nil }
            number = ""
            if rest.hasPrefix("ms") {
                total += .milliseconds(Int64(value)); rest = rest.dropFirst(2)
            } else if first == "s" {
                total += .milliseconds(Int64(value * 1000)); rest = rest.dropFirst()
            } else if first == "m" {
                total += .milliseconds(Int64(value * 60_000)); rest = rest.dropFirst()
            } else if first == "h" {
                total += .milliseconds(Int64(value * 3_600_000)); rest = rest.dropFirst()
            } else {
                return nil
            }
        }
        return number.isEmpty ? total : nil
    }

    private static func fileReference(_ text: String) -> String? {
        guard text.hasPrefix("${file:"), text.hasSuffix("}") else { return nil }
        return String(text.dropFirst("${file:".count).dropLast())
    }

    private static func resolve(_ text: String, what: String, readFile: (String) throws -> String) throws -> String {
        guard let path = fileReference(text) else { return text }
        do {
            return try readFile(path).trimmingCharacters(in: .whitespacesAndNewlines)
        } catch {
            throw Invalid(description: "\(what) names the file \(path), which cannot be read")
        }
    }

    private var startupParameters: [(String, String)] {
        var parameters = [("application_name", "sandbox-refresh")]
        // PgBouncer refuses startup parameters it does not track; behind it, each transaction
        // sets its search_path itself (JournalDB).
        if let schema, pooling == .session { parameters.append(("search_path", schema)) }
        return parameters
    }

    private func tlsConfiguration() -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch sslMode {
        case .verifyFull: break
        case .verifyCA: tls.certificateVerification = .noHostnameVerification
        default: tls.certificateVerification = .none
        }
        return tls
    }

    /// The pool's configuration.
    func clientConfiguration() -> PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        if let socketPath {
            configuration = .init(unixSocketPath: Self.socketFile(socketPath, port: port), username: username, password: password, database: database)
        } else {
            let tls: PostgresClient.Configuration.TLS
            switch sslMode {
            case .disable: tls = .disable
            case .allow, .prefer: tls = .prefer(tlsConfiguration())
            case .require, .verifyCA, .verifyFull: tls = .require(tlsConfiguration())
            }
            configuration = .init(host: host, port: port, username: username, password: password, database: database, tls: tls)
        }
        configuration.options.additionalStartupParameters = startupParameters
        configuration.options.connectTimeout = .seconds(10)
        // A fleet process holds one lock session per sandbox outside the pool, and each run's
        // journal writes go through it; the pool serves reads, lock checks and the rate budget.
        // An idle pooled connection is a slot another runner waits for: it closes soon.
        configuration.options.maximumConnections = poolSize
        configuration.options.connectionIdleTimeout = .seconds(5)
        return configuration
    }

    /// A single connection's configuration: the dedicated session that holds an advisory lock.
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if let socketPath {
            configuration = .init(unixSocketPath: Self.socketFile(socketPath, port: port), username: username, password: password, database: database)
        } else {
            let tls: PostgresConnection.Configuration.TLS
            switch sslMode {
            case .disable: tls = .disable
            case .allow, .prefer: tls = .prefer(try NIOSSLContext(configuration: tlsConfiguration()))
            case .require, .verifyCA, .verifyFull: tls = .require(try NIOSSLContext(configuration: tlsConfiguration()))
            }
            configuration = .init(host: host, port: port, username: username, password: password, database: database, tls: tls)
        }
        configuration.options.additionalStartupParameters = startupParameters
        return configuration
    }

    /// libpq's rule: a socket directory holds `.s.PGSQL.<port>`.
    private static func socketFile(_ path: String, port: Int) -> String {
        path.hasSuffix(".s.PGSQL.\(port)") ? path : (path.hasSuffix("/") ? path : path + "/") + ".s.PGSQL.\(port)"
    }
}
