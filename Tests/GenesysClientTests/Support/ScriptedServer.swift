import Foundation
import GenesysWire
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A small Platform API look-alike over real HTTP on 127.0.0.1 (port 0), scripted per test:
/// just the routes the client's behaviours need, with counters the tests assert on.
final class ScriptedServer: Sendable {
    struct Script: Sendable {
        var clientId = "client-id"
        var clientSecret = "s3cr3t-Do-Not-Log"
        var expiresIn = 86_400
        /// Logins answered with 400 invalid_request "rate limit exceeded" before one succeeds.
        var rateLimitedLogins = 0
        var queueCount = 2_000
        /// Answers of `/test/503-run` that are 503 before it recovers.
        var failing503 = 3
        var retryAfterSeconds = 7
    }

    struct Counters: Sendable {
        var logins = 0
        var loginAttempts = 0
        var issuedTokens: [String] = []
        var hits: [String: Int] = [:]
        var authorizationsSeen: [String] = []
    }

    let script: Script
    private let counters = Mutex(Counters())
    private let task = Mutex<Task<Void, any Error>?>(nil)
    let port: Int

    private init(script: Script, port: Int) {
        self.script = script
        self.port = port
    }

    var snapshot: Counters { counters.withLock { $0 } }
    var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    func hits(_ route: String) -> Int { snapshot.hits[route, default: 0] }

    /// Starts the server and returns once it listens.
    static func start(_ script: Script = Script()) async throws -> ScriptedServer {
        let box = ServerBox(script: script)
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: box.router(),
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: nil),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: Logger(label: "scripted-server", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        let running = Task { try await app.run() }
        var port = 0
        for await bound in stream { port = bound }
        let server = ScriptedServer(script: script, port: port)
        box.server.withLock { $0 = server }
        server.task.withLock { $0 = running }
        return server
    }

    func stop() async {
        let running = task.withLock { $0 }
        running?.cancel()
        _ = await running?.result
    }

    // MARK: handlers

    fileprivate func count(_ route: String) -> Int {
        counters.withLock { counters in
            counters.hits[route, default: 0] += 1
            return counters.hits[route]!
        }
    }

    fileprivate func token(_ request: Request) -> Response {
        let attempt = counters.withLock { counters in
            counters.loginAttempts += 1
            return counters.loginAttempts
        }
        let expected = TokenEndpoint.basicAuthorization(clientId: script.clientId, clientSecret: script.clientSecret)
        guard request.headers[.authorization] == expected else {
            return Self.json(.unauthorized, OAuthErrorBody(error: "invalid_client", description: "client not found or secret invalid"))
        }
        if attempt <= script.rateLimitedLogins {
            return Self.json(.badRequest, OAuthErrorBody(error: "invalid_request", description: "rate limit exceeded: too many token requests"))
        }
        let token = counters.withLock { counters in
            counters.logins += 1
            let token = "tok-\(counters.logins)-\(UUID().uuidString)"
            counters.issuedTokens.append(token)
            return token
        }
        return Self.json(.ok, TokenResponse(accessToken: token, expiresIn: script.expiresIn))
    }

    /// The bearer token if it is the newest one issued, as the platform accepts only live tokens.
    fileprivate func authorized(_ request: Request) -> Bool {
        let header = request.headers[.authorization] ?? ""
        return counters.withLock { counters in
            counters.authorizationsSeen.append(header)
            guard let current = counters.issuedTokens.last else { return false }
            return header == "Bearer \(current)"
        }
    }

    fileprivate func currentTokenCount() -> Int { counters.withLock { $0.issuedTokens.count } }

    static func json<T: Encodable>(_ status: HTTPResponse.Status, _ value: T, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "application/json"
        headers[.correlationId] = headers[.correlationId] ?? "corr-\(status.code)-\(UUID().uuidString.prefix(8))"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: WireCoding.encode(value))))
    }

    static func error(_ status: HTTPResponse.Status, code: String, message: String, headers: HTTPFields = [:]) -> Response {
        let correlation = "corr-\(status.code)-\(UUID().uuidString.prefix(8))"
        var headers = headers
        headers[.correlationId] = correlation
        return json(status, ErrorBody(message: message, code: code, status: Int(status.code), contextId: correlation), headers: headers)
    }
}

extension HTTPField.Name {
    static let correlationId = HTTPField.Name("ININ-Correlation-Id")!
    static let retryAfter = HTTPField.Name("Retry-After")!
}

/// Lets routes built before the port is known reach the server's state.
private final class ServerBox: Sendable {
    let script: ScriptedServer.Script
    let server = Mutex<ScriptedServer?>(nil)

    init(script: ScriptedServer.Script) {
        self.script = script
    }

    private func with(_ request: Request, _ body: (ScriptedServer) -> Response) -> Response {
        guard let server = server.withLock({ $0 }) else { return Response(status: .serviceUnavailable) }
        return body(server)
    }

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.post("/oauth/token") { request, _ in self.with(request) { $0.token(request) } }

        router.get("/api/v2/tokens/me") { request, _ in
            self.with(request) { server in
                guard server.authorized(request) else { return ScriptedServer.error(.unauthorized, code: "not.authorized", message: "token invalid") }
                return ScriptedServer.json(.ok, TokenInfo(organization: .init(id: "org-1", name: "Org"), authorizedScope: ["sandbox:refresh"], oAuthClient: nil))
            }
        }

        router.get("/api/v2/routing/queues") { request, _ in
            self.with(request) { server in
                guard server.authorized(request) else { return ScriptedServer.error(.unauthorized, code: "not.authorized", message: "token invalid") }
                _ = server.count("queues")
                let size = request.uri.queryParameters.get("pageSize", as: Int.self) ?? 25
                let number = request.uri.queryParameters.get("pageNumber", as: Int.self) ?? 1
                let total = server.script.queueCount
                let range = min(total, (number - 1) * size)..<min(total, number * size)
                let queues = range.map { Queue(id: String(format: "q-%05d", $0), name: "Queue \($0)", division: EntityRef(id: "div"), memberCount: $0 % 7) }
                return ScriptedServer.json(.ok, EntityPage(entities: queues, pageSize: size, pageNumber: number, total: total, path: "/api/v2/routing/queues"))
            }
        }

        router.get("/test/429-then-200") { request, _ in
            self.with(request) { server in
                if server.count("429-then-200") == 1 {
                    return ScriptedServer.error(.tooManyRequests, code: ErrorCode.tooManyRequests, message: "Rate limit exceeded the maximum. Retry the request in [\(server.script.retryAfterSeconds)] seconds", headers: [.retryAfter: "\(server.script.retryAfterSeconds)"])
                }
                return ScriptedServer.json(.ok, ["ok": true])
            }
        }
        router.post("/test/429-then-200") { request, _ in
            self.with(request) { server in
                if server.count("post-429") == 1 {
                    return ScriptedServer.error(.tooManyRequests, code: ErrorCode.tooManyRequests, message: "Rate limit exceeded", headers: [.retryAfter: "3"])
                }
                return ScriptedServer.json(.ok, ["ok": true])
            }
        }

        router.get("/test/503-run") { request, _ in
            self.with(request) { server in
                if server.count("503-run") <= server.script.failing503 {
                    return ScriptedServer.error(.serviceUnavailable, code: ErrorCode.serviceUnavailable, message: "Service unavailable")
                }
                return ScriptedServer.json(.ok, ["ok": true])
            }
        }
        router.post("/test/503") { request, _ in
            self.with(request) { server in
                _ = server.count("post-503")
                return ScriptedServer.error(.serviceUnavailable, code: ErrorCode.serviceUnavailable, message: "Service unavailable")
            }
        }

        router.get("/test/401-once") { request, _ in
            self.with(request) { server in
                if server.count("401-once") == 1 { return ScriptedServer.error(.unauthorized, code: "not.authorized", message: "token revoked") }
                guard server.authorized(request) else { return ScriptedServer.error(.unauthorized, code: "not.authorized", message: "token invalid") }
                return ScriptedServer.json(.ok, ["ok": true])
            }
        }
        router.get("/test/401-always") { request, _ in
            self.with(request) { server in
                _ = server.count("401-always")
                return ScriptedServer.error(.unauthorized, code: "not.authorized", message: "token revoked")
            }
        }

        router.get("/test/409") { request, _ in
            self.with(request) { _ in ScriptedServer.error(.conflict, code: ErrorCode.conflict, message: "A refresh is already active") }
        }
        router.get("/test/429-long") { request, _ in
            self.with(request) { server in
                _ = server.count("429-long")
                return ScriptedServer.error(.tooManyRequests, code: ErrorCode.tooManyRequests, message: "Rate limit exceeded", headers: [.retryAfter: "600"])
            }
        }

        // The head promises 4,096 bytes; the connection dies after 64 of them.
        router.get("/test/reset-once") { request, _ in
            self.with(request) { server in
                if server.count("reset-once") == 1 { return Self.truncated() }
                return ScriptedServer.json(.ok, ["ok": true])
            }
        }
        router.post("/test/reset") { request, _ in
            self.with(request) { server in
                _ = server.count("post-reset")
                return Self.truncated()
            }
        }
        return router
    }

    private static func truncated() -> Response {
        struct Cut: Error {}
        return Response(status: .ok, headers: [.contentType: "application/json", .contentLength: "4096"], body: ResponseBody(contentLength: 4096) { writer in
            try await writer.write(ByteBuffer(string: String(repeating: " ", count: 63) + "{"))
            throw Cut()
        })
    }
}
