import Foundation
import GenesysWire
import Logging
import Synchronization
import Timekeeping

/// Client-credentials login for one organization: the token is cached, renewed before it
/// expires, and obtained by a single login however many callers need it at once.
final class TokenProvider: Sendable {
    private struct State {
        var token: CachedToken?
        var login: Task<Result<CachedToken, APIError>, Never>?
    }

    private let loginURL: URL
    private let credentials: ClientCredentials
    private let configuration: ClientConfiguration
    private let transport: any HTTPTransport
    private let clock: any InjectedClock
    private let logger: Logger
    private let statistics: StatisticsRecorder
    private let state = Mutex(State())
    private let loginCount = Atomic<UInt64>(0)

    init(endpoint: OrganizationEndpoint, credentials: ClientCredentials, configuration: ClientConfiguration, transport: any HTTPTransport, clock: any InjectedClock, logger: Logger, statistics: StatisticsRecorder) {
        loginURL = endpoint.loginBase.appending(path: TokenEndpoint.path.trimmingPrefix("/"))
        self.credentials = credentials
        self.configuration = configuration
        self.transport = transport
        self.clock = clock
        self.logger = logger
        self.statistics = statistics
    }

    /// A token fresh enough to send now; logs in (once for all concurrent callers) when needed.
    /// A login started here gives up rather than wait past `deadline` (the run's, passed down
    /// with the request that needed the token); a caller that joins a login already under way
    /// waits for it, bounded by the deadline of the request that started it.
    func token(deadline: Moment? = nil) async throws(APIError) -> String {
        let now = clock.now
        enum Source { case cached(String), login(Task<Result<CachedToken, APIError>, Never>) }
        let source = state.withLock { state -> Source in
            if let token = state.token, token.isFresh(at: now) { return .cached(token.value) }
            if let running = state.login { return .login(running) }
            let task = Task { await self.performLogin(deadline: deadline) }
            state.login = task
            return .login(task)
        }
        switch source {
        case .cached(let value): return value
        case .login(let task): return try await task.value.get().value
        }
    }

    /// Forgets `token` after a 401, unless a newer one already replaced it: concurrent 401s on
    /// the same token lead to one login, not one each.
    func invalidate(_ token: String) {
        state.withLock { state in
            if state.token?.value == token { state.token = nil }
        }
    }

    private func performLogin(deadline: Moment?) async -> Result<CachedToken, APIError> {
        let result = await loginWithRetries(deadline: deadline)
        state.withLock { state in
            if case .success(let token) = result { state.token = token }
            state.login = nil
        }
        return result
    }

    private func loginWithRetries(deadline: Moment?) async -> Result<CachedToken, APIError> {
        let sequence = loginCount.add(1, ordering: .relaxed).newValue
        var policy = RetryStateMachine(configuration: configuration.retry, seed: configuration.jitterSeed ^ (0xA11CE << 8) ^ sequence)
        var attempts: [AttemptRecord] = []
        var waited = Duration.zero
        let request = WireRequest(method: .post, url: loginURL, headers: [
            "Authorization": TokenEndpoint.basicAuthorization(clientId: credentials.clientId, clientSecret: credentials.clientSecret),
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/json",
        ], body: Data(TokenEndpoint.formBody.utf8))
        let endpoint = "POST \(TokenEndpoint.path)"
        while true {
            let number = attempts.count + 1
            let start = clock.now
            logger.debug("login", metadata: ["method": "POST", "path": "\(TokenEndpoint.path)", "attempt": "\(number)", "clientId": "\(credentials.clientId)"])
            let outcome: AttemptOutcome
            var response: WireResponse?
            var networkError: TransportError?
            do {
                let answer = try await transport.send(request, timeout: configuration.readTimeout)
                response = answer
                outcome = .response(status: answer.status, headers: answer.headers)
            } catch let error {
                if error is CancellationError || Task.isCancelled {
                    return .failure(APIError(endpoint: endpoint, status: nil, code: nil, message: "login cancelled", correlationId: nil, attempts: attempts, reason: .cancelled))
                }
                networkError = TransportError.from(error)
                outcome = .networkError(networkError!.kind)
            }
            attempts.append(AttemptRecord(number: number, startedAt: start, duration: start.duration(to: clock.now), waitedBefore: waited, status: response?.status, networkError: networkError?.kind, correlationId: response?.correlationId))
            logger.debug("login answered", metadata: ["status": "\(response.map { String($0.status) } ?? "-")", "correlationId": "\(response?.correlationId ?? "-")", "attempt": "\(number)"])

            var policyOutcome = outcome
            var oauthError: OAuthErrorBody?
            if let response {
                if response.status == 200 {
                    guard let body = try? WireCoding.decode(TokenResponse.self, from: response.body), !body.accessToken.isEmpty else {
                        return .failure(APIError(endpoint: endpoint, status: 200, code: nil, message: "the token response could not be read", correlationId: response.correlationId, attempts: attempts, reason: .loginFailed))
                    }
                    statistics.update { $0.logins += 1 }
                    let token = CachedToken(value: body.accessToken, expiresIn: body.expiresIn, issuedAt: clock.now)
                    logger.debug("logged in", metadata: ["expiresIn": "\(body.expiresIn)s", "renewAt": "\(token.renewAt)"])
                    return .success(token)
                }
                oauthError = try? WireCoding.decode(OAuthErrorBody.self, from: response.body)
                if let oauthError, oauthError.isRateLimit {
                    // Token creation is rate limited with a 400, not a 429; it is safe to back off and retry.
                    statistics.update { $0.rateLimited429 += 1 }
                    policyOutcome = .response(status: 429, headers: response.headers)
                } else if response.status == 400 || response.status == 401 || response.status == 403 {
                    let refused = response.status == 401 || ["invalid_client", "unauthorized_client", "invalid_grant"].contains(oauthError?.error ?? "")
                    return .failure(failure(endpoint, response, oauthError, attempts, refused ? .invalidClient : .loginFailed))
                } else if response.status == 429 {
                    statistics.update { $0.rateLimited429 += 1 }
                }
            }
            // Asking for a token twice is harmless, so login is retried like an idempotent request.
            switch policy.decide(outcome: policyOutcome, attempt: number, isIdempotent: true, now: clock.now, deadline: deadline) {
            case .retry(let delay):
                logger.debug("login retry", metadata: ["attempt": "\(number)", "delay": "\(delay.formattedSeconds)"])
                statistics.update { $0.retries += 1 }
                do { try await clock.sleep(for: delay) } catch {
                    return .failure(APIError(endpoint: endpoint, status: nil, code: nil, message: "login cancelled", correlationId: nil, attempts: attempts, reason: .cancelled))
                }
                waited = delay
            case .giveUp(let reason):
                if let response { return .failure(failure(endpoint, response, oauthError, attempts, reason)) }
                return .failure(APIError(endpoint: endpoint, status: nil, code: nil, message: networkError?.message ?? "no response", correlationId: nil, attempts: attempts, reason: reason, networkError: networkError))
            }
        }
    }

    private func failure(_ endpoint: String, _ response: WireResponse, _ oauthError: OAuthErrorBody?, _ attempts: [AttemptRecord], _ reason: GiveUpReason) -> APIError {
        let platformError = try? WireCoding.decode(ErrorBody.self, from: response.body)
        let message = oauthError.map { $0.description ?? $0.errorDescription ?? $0.error } ?? platformError?.message ?? "login refused"
        return APIError(endpoint: endpoint, status: response.status, code: oauthError?.error ?? platformError?.code, message: message, correlationId: response.correlationId ?? platformError?.contextId, attempts: attempts, reason: reason)
    }
}
