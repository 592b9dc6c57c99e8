import GenesysClient
import PlanGraph

/// The plan's retry and circuit-breaker policy, as the API client takes it.
public enum ClientSettings {
    public static func configuration(for graph: PlanGraph, seed: UInt64 = 0x5EED_CAFE) -> ClientConfiguration {
        configuration(for: graph.settings.client, seed: seed)
    }

    public static func configuration(for policy: ClientPolicy, seed: UInt64 = 0x5EED_CAFE) -> ClientConfiguration {
        var statuses = Set(policy.retryStatuses)
        // 429 is honoured through Retry-After by the client whatever the list says.
        statuses.remove(429)
        return ClientConfiguration(
            retry: RetryConfiguration(maxAttempts: policy.maxAttempts, retryableStatuses: statuses, retriesNetworkErrors: policy.retriesNetworkErrors),
            circuitBreaker: CircuitBreakerConfiguration(consecutive503: policy.consecutive503, pause: policy.pause),
            jitterSeed: seed)
    }
}
