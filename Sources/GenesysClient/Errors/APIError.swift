import GenesysWire

/// A failed API call, told so that a person can act on it: which call, what the platform said,
/// how to find it in Genesys's logs (correlation id), and what the client already tried.
/// Carries no token, secret or request body.
public struct APIError: Error, Sendable, Hashable, CustomStringConvertible {
    /// "POST /api/v2/sandboxes/sb/refreshes"
    public var endpoint: String
    public var status: Int?
    /// The Genesys `code` (`conflict`, `not.found`) or the OAuth `error` (`invalid_client`).
    public var code: String?
    public var message: String
    public var correlationId: String?
    public var attempts: [AttemptRecord]
    public var reason: GiveUpReason
    /// The last network failure, when there was no HTTP answer.
    public var networkError: TransportError?

    public init(endpoint: String, status: Int?, code: String?, message: String, correlationId: String?, attempts: [AttemptRecord], reason: GiveUpReason, networkError: TransportError? = nil) {
        self.endpoint = endpoint
        self.status = status
        self.code = code
        self.message = message
        self.correlationId = correlationId
        self.attempts = attempts
        self.reason = reason
        self.networkError = networkError
    }

    /// Genesys error `details[]` are useful but can be long; the message keeps the headline.
    public var description: String {
        var text = "\(endpoint) failed: "
        if let status {
            text += "HTTP \(status)"
            if let code, !code.isEmpty { text += " \(code)" }
        } else if let networkError {
            text += "network error (\(networkError.kind.rawValue))"
        } else {
            text += "no response"
        }
        if !message.isEmpty { text += ": \(message)" }
        if let correlationId { text += " (correlation id \(correlationId))" }
        let summary = attempts.retrySummary
        if summary == "not retried" {
            if case .notRetryable = reason { text += "; \(reason)" } else { text += "; not retried, \(reason)" }
        } else {
            text += "; \(summary), \(reason)"
        }
        return text
    }
}
