import Foundation
import GenesysWire
import Logging
import Synchronization
import Timekeeping

/// Talks to one organization's Platform API: logs in, paces requests within the rate budget,
/// holds off a failing host, retries what is safe to retry, and explains what it could not do.
///
/// One instance per organization; share it between all tasks that talk to that organization,
/// since the rate budget and the breaker only protect what they see.
public final class GenesysClient: Sendable {
    public let name: String
    public let endpoint: OrganizationEndpoint
    public let configuration: ClientConfiguration

    let transport: any HTTPTransport
    let clock: any InjectedClock
    let logger: Logger
    private let tokens: TokenProvider
    private let rateLimiter: any RequestBudget
    private let breaker: CircuitBreaker
    private let recorder = StatisticsRecorder()
    private let sequence = Atomic<UInt64>(0)

    private let observer: ResilienceObserver

    public init(name: String, endpoint: OrganizationEndpoint, credentials: ClientCredentials, configuration: ClientConfiguration = ClientConfiguration(), transport: any HTTPTransport, clock: any InjectedClock, logger: Logger,
                observer: @escaping ResilienceObserver = { _ in }, budget: (any RequestBudget)? = nil) {
        self.name = name
        self.observer = observer
        self.endpoint = endpoint
        self.configuration = configuration
        self.transport = transport
        self.clock = clock
        var logger = logger
        logger[metadataKey: "client"] = "\(name)"
        self.logger = logger
        let recorder = recorder
        tokens = TokenProvider(endpoint: endpoint, credentials: credentials, configuration: configuration, transport: transport, clock: clock, logger: logger, statistics: recorder)
        rateLimiter = budget ?? RateLimiter(requestsPerMinute: configuration.requestsPerMinute, burst: configuration.burst, clock: clock)
        breaker = CircuitBreaker(host: endpoint.apiBase.host ?? endpoint.apiBase.absoluteString, configuration: configuration.circuitBreaker, clock: clock, logger: logger,
                                 onTransition: { host, transition in observer(.breaker(host: host, transition: "\(transition)")) }) {
            recorder.update { $0.breakerOpenings += 1 }
        }
    }

    public var statistics: ClientStatistics { recorder.snapshot }

    /// The breaker's state for the API host (for progress displays and tests).
    public var circuitBreakerState: CircuitBreakerStateMachine.State { breaker.current }

    /// Sends `request` until it succeeds or there is a reason to stop.
    ///
    /// - Parameter deadline: no attempt starts, and no wait is begun, that would end after it.
    /// - Throws: `APIError` for any non-2xx/3xx final answer, with the attempts made.
    public func send(_ request: APIRequest, deadline: Moment? = nil) async throws(APIError) -> APIResponse {
        let number = sequence.add(1, ordering: .relaxed).newValue
        var policy = RetryStateMachine(configuration: configuration.retry, seed: configuration.jitterSeed &+ number &* 0x9E37_79B9_7F4A_7C15)
        var attempts: [AttemptRecord] = []
        var reloggedIn = false
        var backoff = Duration.zero
        let endpointName = "\(request.method.rawValue) \(request.path)"

        func giveUp(_ reason: GiveUpReason, _ response: WireResponse? = nil, _ networkError: TransportError? = nil) -> APIError {
            let error = Self.error(endpointName, reason: reason, response: response, networkError: networkError, attempts: attempts)
            logger.debug("giving up", metadata: ["method": "\(request.method.rawValue)", "path": "\(request.path)", "status": "\(response.map { String($0.status) } ?? "-")", "correlationId": "\(error.correlationId ?? "-")", "attempts": "\(attempts.count)", "reason": "\(reason)"])
            return error
        }

        while true {
            let attempt = attempts.count + 1
            let admission: CircuitBreaker.Admission
            do { admission = try await breaker.admit(deadline: deadline) } catch { throw giveUp(error) }
            let paced: Duration
            do {
                paced = try await rateLimiter.acquire(deadline: deadline)
            } catch {
                if admission.isProbe { breaker.abandonProbe() }
                throw giveUp(error)
            }
            let token: String
            do {
                token = try await tokens.token(deadline: deadline)
            } catch {
                if admission.isProbe { breaker.abandonProbe() }
                throw error
            }
            guard let wire = makeWireRequest(request, token: token) else {
                if admission.isProbe { breaker.abandonProbe() }
                throw giveUp(.invalidRequest)
            }

            recorder.update { stats in
                stats.requestsByOperation[request.operation, default: 0] += 1
                if attempt > 1 { stats.retries += 1 }
                stats.rateLimiterWait += paced
            }
            logger.trace("sending", metadata: ["method": "\(request.method.rawValue)", "path": "\(request.pathWithQuery)", "operation": "\(request.operation)", "attempt": "\(attempt)"])
            let start = clock.now
            var response: WireResponse?
            var networkError: TransportError?
            let outcome: AttemptOutcome
            do {
                let answer = try await transport.send(wire, timeout: configuration.readTimeout)
                response = answer
                outcome = .response(status: answer.status, headers: answer.headers)
            } catch {
                if error is CancellationError || Task.isCancelled {
                    if admission.isProbe { breaker.abandonProbe() }
                    throw giveUp(.cancelled)
                }
                networkError = TransportError.from(error)
                outcome = .networkError(networkError!.kind)
            }
            breaker.record(outcome, wasProbe: admission.isProbe)
            let correlationId = response?.correlationId
            attempts.append(AttemptRecord(number: attempt, startedAt: start, duration: start.duration(to: clock.now), waitedBefore: backoff + admission.waited + paced, status: response?.status, networkError: networkError?.kind, correlationId: correlationId))
            logger.debug("answered", metadata: [
                "method": "\(request.method.rawValue)", "path": "\(request.pathWithQuery)",
                "status": "\(response.map { String($0.status) } ?? networkError.map { "network:\($0.kind.rawValue)" } ?? "-")",
                "correlationId": "\(correlationId ?? "-")", "attempt": "\(attempt)",
            ])

            if let response, response.status < 400 {
                return APIResponse(status: response.status, headers: response.headers, body: response.body, correlationId: correlationId, attempts: attempts)
            }
            if response?.status == 429 { recorder.update { $0.rateLimited429 += 1 } }
            if response?.status == 401, !reloggedIn {
                // Tokens can be revoked or expire early (a full-scope refresh replaces users);
                // one fresh login settles whether the token or the client is the problem.
                reloggedIn = true
                tokens.invalidate(token)
                backoff = .zero
                logger.debug("401: logging in again and retrying once", metadata: ["path": "\(request.path)", "correlationId": "\(correlationId ?? "-")"])
                recorder.update { $0.relogins += 1 }
                observer(.relogin(endpoint: endpointName, correlationId: correlationId))
                continue
            }
            switch policy.decide(outcome: outcome, attempt: attempt, isIdempotent: request.isIdempotent, now: clock.now, deadline: deadline) {
            case .retry(let delay):
                logger.debug("retrying", metadata: ["method": "\(request.method.rawValue)", "path": "\(request.pathWithQuery)", "status": "\(response.map { String($0.status) } ?? "network")", "attempt": "\(attempt)", "delay": "\(delay.formattedSeconds)"])
                if response?.status == 429 { recorder.update { $0.rateLimitWait += delay } }
                observer(.retry(endpoint: endpointName, status: response?.status, attempt: attempt, wait: delay, correlationId: correlationId))
                do { try await clock.sleep(for: delay) } catch { throw giveUp(.cancelled, response, networkError) }
                backoff = delay
            case .giveUp(let reason):
                throw giveUp(reason, response, networkError)
            }
        }
    }

    /// Sends `request` and decodes its 2xx body.
    public func send<T: Decodable>(_ request: APIRequest, as type: T.Type, deadline: Moment? = nil) async throws(APIError) -> T {
        let response = try await send(request, deadline: deadline)
        do {
            return try WireCoding.decode(T.self, from: response.body)
        } catch {
            throw APIError(endpoint: "\(request.method.rawValue) \(request.path)", status: response.status, code: nil, message: "the response body is not a \(T.self) (\(Self.decodingSummary(error)))", correlationId: response.correlationId, attempts: response.attempts, reason: .undecodableResponse)
        }
    }

    /// `GET /api/v2/tokens/me`: who the client is and which scopes it holds.
    public func tokenInfo() async throws(APIError) -> TokenInfo {
        try await send(Endpoint.tokensMe(), as: TokenInfo.self)
    }

    private func makeWireRequest(_ request: APIRequest, token: String) -> WireRequest? {
        var base = endpoint.apiBase.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        guard let url = URL(string: base + request.pathWithQuery) else { return nil }
        var headers: WireHeaders = [
            "Authorization": "Bearer \(token)",
            "Accept": "application/json",
            "User-Agent": "sandbox-refresh",
        ]
        if request.body != nil { headers["Content-Type"] = "application/json" }
        return WireRequest(method: request.method, url: url, headers: headers, body: request.body)
    }

    static func error(_ endpoint: String, reason: GiveUpReason, response: WireResponse?, networkError: TransportError?, attempts: [AttemptRecord]) -> APIError {
        guard let response else {
            return APIError(endpoint: endpoint, status: nil, code: nil, message: networkError?.message ?? "", correlationId: nil, attempts: attempts, reason: reason, networkError: networkError)
        }
        let body = try? WireCoding.decode(ErrorBody.self, from: response.body)
        return APIError(endpoint: endpoint, status: response.status, code: body?.code, message: body?.message ?? "", correlationId: response.correlationId ?? body?.contextId, attempts: attempts, reason: reason)
    }

    /// Names the failing field without echoing values, which may be customer data.
    private static func decodingSummary(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "unreadable" }
        switch error {
        case .keyNotFound(let key, _): return "missing \(key.stringValue)"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? "not JSON of that shape" : "bad value at \(path)"
        @unknown default: return "unreadable"
        }
    }
}
