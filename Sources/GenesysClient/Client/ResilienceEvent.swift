import Timekeeping

/// What the client did to get past a failure, told as it happens so that an unattended run's
/// log shows every retry, 429 wait and breaker change without `--verbose`. Carries no token,
/// secret or body: the endpoint (method and path), status, attempt, wait and correlation id.
public enum ResilienceEvent: Sendable, Hashable {
    /// Attempt `attempt` failed and the client waits `wait` before the next one (for a 429, the
    /// server's Retry-After when it sent one).
    case retry(endpoint: String, status: Int?, attempt: Int, wait: Duration, correlationId: String?)
    /// A 401 on a token that should be valid: one fresh login, then the request again.
    case relogin(endpoint: String, correlationId: String?)
    /// The circuit breaker for `host` changed state ("opened", "half-open", "closed", ...).
    case breaker(host: String, transition: String)

    public var name: String {
        switch self {
        case .retry(_, let status, _, _, _): return status == 429 ? "api.rate-limited" : "api.retry"
        case .relogin: return "api.relogin"
        case .breaker: return "api.circuit-breaker"
        }
    }

    public var message: String {
        switch self {
        case .retry(let endpoint, let status, let attempt, let wait, let correlationId):
            let what = status.map { $0 == 429 ? "429 Too Many Requests" : "HTTP \($0)" } ?? "a network error"
            return "\(endpoint): \(what) on attempt \(attempt); retrying in \(wait.formattedSeconds)\(correlationId.map { " (correlation id \($0))" } ?? "")"
        case .relogin(let endpoint, let correlationId):
            return "\(endpoint): 401 with a current token; logging in again and retrying once\(correlationId.map { " (correlation id \($0))" } ?? "")"
        case .breaker(let host, let transition):
            return "circuit breaker for \(host) \(transition)"
        }
    }

    public var fields: [String: String] {
        switch self {
        case .retry(let endpoint, let status, let attempt, let wait, let correlationId):
            var fields = ["endpoint": endpoint, "attempt": String(attempt), "waitSeconds": String(format3(wait.seconds))]
            if let status { fields["status"] = String(status) }
            if let correlationId { fields["correlationId"] = correlationId }
            return fields
        case .relogin(let endpoint, let correlationId):
            var fields = ["endpoint": endpoint]
            if let correlationId { fields["correlationId"] = correlationId }
            return fields
        case .breaker(let host, let transition):
            return ["host": host, "transition": transition]
        }
    }

    private func format3(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}

/// Where a client reports its resilience events (the run's event log).
public typealias ResilienceObserver = @Sendable (ResilienceEvent) -> Void
