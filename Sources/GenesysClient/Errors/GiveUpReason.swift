import Timekeeping

/// Why the client stopped trying. Each case tells the caller what it can do next.
public enum GiveUpReason: Error, Sendable, Hashable, CustomStringConvertible {
    /// The status is final (400, 403, 404, 409, 501, ...): resending cannot help.
    case notRetryable(status: Int)
    /// Still 401 after one fresh login: the credentials lack access, not a stale token.
    case unauthorized
    /// Every allowed attempt failed.
    case attemptsExhausted(attempts: Int)
    /// A 429 asked for a wait longer than the configured maximum (180 s by default).
    case retryAfterTooLong(Duration)
    /// The next try would start after the caller's deadline.
    case deadlineExceeded
    /// The breaker for the host stays open past the caller's deadline.
    case circuitOpen(until: Moment)
    /// A non-idempotent request failed in a way that may have reached the server (5xx, reset,
    /// timeout). It is not resent; the caller must look at the server's state and reconcile.
    case ambiguousNonIdempotent
    /// The login host refused the client id or secret (`invalid_client`, `unauthorized_client`).
    case invalidClient
    /// The login host answered something other than a token.
    case loginFailed
    /// A 2xx whose body is not the expected shape.
    case undecodableResponse
    /// The request could not be turned into a URL (a path the API base cannot carry).
    case invalidRequest
    /// The task was cancelled while waiting or sending.
    case cancelled

    public var description: String {
        switch self {
        case .notRetryable(let status): return "not retried (\(status) is not retryable)"
        case .unauthorized: return "still unauthorized after a fresh login; check the OAuth client's roles"
        case .attemptsExhausted(let attempts): return "gave up after \(attempts) attempts"
        case .retryAfterTooLong(let wait): return "the server asked to wait \(wait.formattedSeconds), more than the client waits"
        case .deadlineExceeded: return "the caller's deadline would pass before the next try"
        case .circuitOpen(let until): return "the circuit breaker for the host stays open until \(until), past the caller's deadline"
        case .ambiguousNonIdempotent: return "not resent: the request may have reached the server; reconcile before retrying"
        case .invalidClient: return "the login host refused the client credentials; check the client id and secret"
        case .loginFailed: return "the login host did not issue a token"
        case .undecodableResponse: return "the response body did not have the expected shape"
        case .invalidRequest: return "the request path does not form a valid URL"
        case .cancelled: return "cancelled"
        }
    }
}
