import Foundation
import GenesysWire
import Timekeeping

/// Posts one notification with a few bounded retries. A chat outage must neither hide the
/// alert at the first hiccup nor hold the run (and the sandbox lock) hostage: 3 attempts,
/// 2 s then 4 s apart on the injected clock, a 429's Retry-After honoured up to a minute.
struct NotificationDelivery: Sendable {
    struct Result: Sendable, Hashable {
        var attempts: Int
        /// The last HTTP status, nil when the endpoint was never reached.
        var status: Int?
        var delivered: Bool
        /// What went wrong last, without the URL.
        var problem: String?
    }

    var maxAttempts = 3
    var backoff: [Duration] = [.seconds(2), .seconds(4)]
    var maxRetryAfter: Duration = .seconds(60)
    var timeout: Duration = .seconds(10)

    func deliver(_ request: WireRequest, transport: any HTTPTransport, clock: any InjectedClock,
                 onRetry: (Int, String) -> Void = { _, _ in }) async -> Result {
        var result = Result(attempts: 0, status: nil, delivered: false, problem: nil)
        while result.attempts < maxAttempts {
            result.attempts += 1
            var wait = backoff[min(result.attempts - 1, backoff.count - 1)]
            do {
                let response = try await transport.send(request, timeout: timeout)
                result.status = response.status
                if (200..<300).contains(response.status) {
                    result.delivered = true
                    result.problem = nil
                    return result
                }
                result.problem = "HTTP \(response.status)"
                // 4xx other than 408/429 will not get better by asking again.
                if (400..<500).contains(response.status), response.status != 408, response.status != 429 { return result }
                if response.status == 429, let after = response.headers["Retry-After"].flatMap(Int.init), after >= 0 {
                    wait = min(.seconds(after), maxRetryAfter)
                }
            } catch is CancellationError {
                result.problem = "cancelled"
                return result
            } catch {
                result.problem = Self.describe(error, hiding: request.url)
            }
            guard result.attempts < maxAttempts else { break }
            onRetry(result.attempts, result.problem ?? "")
            do { try await clock.sleep(for: wait) } catch { return result }
        }
        return result
    }

    /// A transport failure in words, with the URL (a credential) and its host cut out.
    static func describe(_ error: any Error, hiding url: URL) -> String {
        var text = (error as? TransportError).map { "\($0.kind.rawValue): \($0.message)" } ?? String(describing: type(of: error))
        for secret in [url.absoluteString, url.path, url.host ?? ""] where secret.count > 1 {
            text = text.replacingOccurrences(of: secret, with: "…")
        }
        return text
    }
}
