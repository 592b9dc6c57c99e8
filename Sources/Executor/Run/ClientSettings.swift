import GenesysClient
import RefreshPlan

/// The plan's retry and circuit-breaker policy, as the API client takes it.
public enum ClientSettings {
    public static func configuration(for plan: Plan, seed: UInt64 = 0x5EED_CAFE) -> ClientConfiguration {
        let retry = plan.refresh.retry
        var statuses = Set<Int>()
        var network = false
        for condition in retry.on {
            switch condition {
            case .status(let code): statuses.insert(code)
            case .network: network = true
            }
        }
        // 429 is honoured through Retry-After by the client whatever the list says.
        statuses.remove(429)
        return ClientConfiguration(
            retry: RetryConfiguration(maxAttempts: retry.maxAttempts, retryableStatuses: statuses, retriesNetworkErrors: network),
            circuitBreaker: CircuitBreakerConfiguration(consecutive503: plan.refresh.circuitBreaker.consecutive503, pause: plan.refresh.circuitBreaker.pause),
            jitterSeed: seed)
    }
}
