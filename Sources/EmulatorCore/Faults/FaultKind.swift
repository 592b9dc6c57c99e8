/// What a fault does. Encoded with a `type` discriminator:
/// `{"type": "rateLimitBurst", "count": 3, "retryAfterSeconds": 5}`.
public enum FaultKind: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The next `count` matching requests get 429 with `Retry-After` (400 `invalid_request`
    /// "rate limit exceeded" on `/oauth/token`, as the login host answers).
    case rateLimitBurst(count: Int, retryAfterSeconds: Int)
    /// The next `count` matching requests get 503 `service.unavailable`.
    case serviceUnavailableRun(count: Int)
    /// The request is processed, and its response delayed on the injected clock.
    case latency(milliseconds: Int)
    /// The request is processed, and its response lost: the connection closes without a byte.
    case drop
    /// The request is processed; headers and half the body go out, then the connection resets.
    case resetMidBody
    /// The next accepted refresh matching the rule fails part-way with this `errorMessage`.
    case jobFails(errorMessage: String)
    /// The next accepted refresh matching the rule stalls at `atProgress` percent forever.
    case jobStuck(atProgress: Int)
    /// At `atSecond` on the injected clock an administrator starts a refresh in the UI: a
    /// foreign lock whose description carries no pipeline id.
    case manualRefresh(atSecond: Double, sandboxId: String?, description: String, scope: String)
    /// At `atSecond` every token issued until then expires (of `match.organization` only, if set).
    case tokenExpiry(atSecond: Double)

    public var name: String {
        switch self {
        case .rateLimitBurst: return "rateLimitBurst"
        case .serviceUnavailableRun: return "serviceUnavailableRun"
        case .latency: return "latency"
        case .drop: return "drop"
        case .resetMidBody: return "resetMidBody"
        case .jobFails: return "jobFails"
        case .jobStuck: return "jobStuck"
        case .manualRefresh: return "manualRefresh"
        case .tokenExpiry: return "tokenExpiry"
        }
    }

    public var description: String {
        switch self {
        case .rateLimitBurst(let count, let retry): return "rateLimitBurst(count: \(count), retryAfter: \(retry)s)"
        case .serviceUnavailableRun(let count): return "serviceUnavailableRun(count: \(count))"
        case .latency(let ms): return "latency(\(ms)ms)"
        case .jobFails(let message): return "jobFails(\(message))"
        case .jobStuck(let progress): return "jobStuck(at \(progress)%)"
        case .manualRefresh(let at, let sandbox, _, let scope): return "manualRefresh(at \(at)s, \(sandbox ?? "first sandbox"), \(scope))"
        case .tokenExpiry(let at): return "tokenExpiry(at \(at)s)"
        default: return name
        }
    }

    /// Fires on time, not on a request.
    var isTimed: Bool {
        switch self {
        case .manualRefresh, .tokenExpiry: return true
        default: return false
        }
    }

    /// Decides the fate of the next refresh submission rather than of a response.
    var isJobFault: Bool {
        switch self {
        case .jobFails, .jobStuck: return true
        default: return false
        }
    }

    private enum CodingKeys: String, CodingKey {
        case type, count, retryAfterSeconds, ms, milliseconds, errorMessage, atProgress, atSecond, sandboxId, description, scope
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let type = try c.decode(String.self, forKey: .type)
        switch type {
        case "rateLimitBurst":
            self = .rateLimitBurst(count: try c.decodeIfPresent(Int.self, forKey: .count) ?? 1,
                                   retryAfterSeconds: try c.decodeIfPresent(Int.self, forKey: .retryAfterSeconds) ?? 5)
        case "serviceUnavailableRun":
            self = .serviceUnavailableRun(count: try c.decodeIfPresent(Int.self, forKey: .count) ?? 1)
        case "latency":
            let ms = try c.decodeIfPresent(Int.self, forKey: .ms) ?? c.decodeIfPresent(Int.self, forKey: .milliseconds) ?? 1000
            self = .latency(milliseconds: ms)
        case "drop": self = .drop
        case "resetMidBody": self = .resetMidBody
        case "jobFails":
            self = .jobFails(errorMessage: try c.decodeIfPresent(String.self, forKey: .errorMessage) ?? "Refresh failed: dependency import error")
        case "jobStuck":
            self = .jobStuck(atProgress: try c.decodeIfPresent(Int.self, forKey: .atProgress) ?? 57)
        case "manualRefresh":
            self = .manualRefresh(atSecond: try c.decodeIfPresent(Double.self, forKey: .atSecond) ?? 0,
                                  sandboxId: try c.decodeIfPresent(String.self, forKey: .sandboxId),
                                  description: try c.decodeIfPresent(String.self, forKey: .description) ?? "Manual refresh",
                                  scope: try c.decodeIfPresent(String.self, forKey: .scope) ?? "ALL")
        case "tokenExpiry":
            self = .tokenExpiry(atSecond: try c.decodeIfPresent(Double.self, forKey: .atSecond) ?? 0)
        default:
            throw DecodingError.dataCorruptedError(forKey: .type, in: c, debugDescription: "unknown fault type '\(type)'")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .type)
        switch self {
        case .rateLimitBurst(let count, let retry):
            try c.encode(count, forKey: .count)
            try c.encode(retry, forKey: .retryAfterSeconds)
        case .serviceUnavailableRun(let count): try c.encode(count, forKey: .count)
        case .latency(let ms): try c.encode(ms, forKey: .ms)
        case .drop, .resetMidBody: break
        case .jobFails(let message): try c.encode(message, forKey: .errorMessage)
        case .jobStuck(let progress): try c.encode(progress, forKey: .atProgress)
        case .manualRefresh(let at, let sandbox, let description, let scope):
            try c.encode(at, forKey: .atSecond)
            try c.encodeIfPresent(sandbox, forKey: .sandboxId)
            try c.encode(description, forKey: .description)
            try c.encode(scope, forKey: .scope)
        case .tokenExpiry(let at): try c.encode(at, forKey: .atSecond)
        }
    }
}
