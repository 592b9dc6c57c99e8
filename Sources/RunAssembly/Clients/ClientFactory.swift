import Executor
import Foundation
import GenesysClient
import GenesysWire
import Logging
import PlanGraph
import RefreshPlan
import Timekeeping

/// The two API clients of a plan, with every secret resolved first (an unresolved one is an
/// invalid plan: nothing is sent). `apply`, `check` and the simulation build their clients here.
public enum ClientFactory {
    /// - Parameters:
    ///   - requireAlerting: also resolve the failure webhook (`apply`: a cron run that could not
    ///     tell anyone it failed must not start; `check` sends no alert).
    ///   - events: where retries, 429 waits and breaker changes are reported, at info.
    ///   - budgets: rate budgets shared by every client with the same API host and client id
    ///     (the plans of a fleet, or the runners of a PostgreSQL journal); nil gives each client its own.
    public static func make(_ plan: Plan, secrets: SecretResolver, transport: any HTTPTransport, clock: any InjectedClock, logger: Logger,
                            requireAlerting: Bool = false, events: RunEventSink? = nil,
                            budgets: SharedBudgets? = nil) throws(StepFailure) -> (GenesysClient, GenesysClient) {
        try make(plan, secrets: secrets, wiring: ClientWiring(transport: transport, logger: logger), clock: clock,
                 requireAlerting: requireAlerting, events: events, budgets: budgets)
    }

    /// - Parameter wiring: each organization's transport and logger, and any change to the
    ///   configuration the plan gives (the simulation records each organization's requests apart).
    public static func make(_ plan: Plan, secrets: SecretResolver, wiring: ClientWiring, clock: any InjectedClock,
                            requireAlerting: Bool = false, events: RunEventSink? = nil,
                            budgets: SharedBudgets? = nil) throws(StepFailure) -> (GenesysClient, GenesysClient) {
        var problems: [String] = []
        func value(_ secret: SecretValue) -> String {
            do { return try secrets.resolve(secret) } catch { problems.append("\(error)"); return "" }
        }
        let productionCredentials = ClientCredentials(clientId: value(plan.production.credentials.clientId), clientSecret: value(plan.production.credentials.clientSecret))
        let sandboxCredentials = ClientCredentials(clientId: value(plan.sandbox.credentials.clientId), clientSecret: value(plan.sandbox.credentials.clientSecret))
        // Hardening's credential values are sent after the refresh: resolve them now, so a missing
        // one stops the run before anything is sent rather than with a refreshed, unhardened sandbox.
        for rewrite in plan.harden.credentials {
            for field in rewrite.fields { _ = value(field.value) }
        }
        if requireAlerting {
            for (target, place) in plan.notify?.allTargets ?? [] {
                let url = value(target.url)
                if !url.isEmpty, URL(string: url)?.scheme == nil { problems.append("\(place) does not resolve to a URL") }
            }
        }
        guard problems.isEmpty else {
            throw StepFailure(.invalidPlan, "cannot resolve the plan's secrets: \(problems.joined(separator: "; ")); nothing was sent")
        }
        let hosts = Hosts(plan: plan)
        func endpoint(_ api: String, _ login: String) throws(StepFailure) -> OrganizationEndpoint {
            guard let apiURL = URL(string: api), let loginURL = URL(string: login) else { throw StepFailure(.invalidPlan, "invalid API base \(api)") }
            do { return try OrganizationEndpoint(apiBase: apiURL, loginBase: loginURL) } catch { throw StepFailure(.invalidPlan, "\(error)") }
        }
        var configuration = ClientSettings.configuration(for: PlanCompiler.clientPolicy(for: plan))
        wiring.configure(&configuration)
        let start = clock.now
        func observer(_ organization: String) -> ResilienceObserver {
            guard let events else { return { _ in } }
            return { event in
                let now = clock.now
                events(.resilience(event, organization: organization, timestamp: clock.date(at: now), elapsed: start.duration(to: now).seconds))
            }
        }
        let productionEndpoint = try endpoint(hosts.productionAPI, hosts.productionLogin)
        let sandboxEndpoint = try endpoint(hosts.sandboxAPI, hosts.sandboxLogin)
        func budget(_ endpoint: OrganizationEndpoint, _ credentials: ClientCredentials) -> (any RequestBudget)? {
            budgets?.budget(key: SharedBudgets.key(apiHost: "\(endpoint.apiBase.host ?? endpoint.apiBase.absoluteString):\(endpoint.apiBase.port ?? 443)",
                                                   clientId: credentials.clientId),
                            configuration: configuration)
        }
        let production = GenesysClient(name: "production", endpoint: productionEndpoint, credentials: productionCredentials,
                                       configuration: configuration, transport: wiring.transport(.production), clock: clock,
                                       logger: wiring.logger(.production), observer: observer("production"),
                                       budget: budget(productionEndpoint, productionCredentials))
        let sandbox = GenesysClient(name: "sandbox", endpoint: sandboxEndpoint, credentials: sandboxCredentials,
                                    configuration: configuration, transport: wiring.transport(.sandbox), clock: clock,
                                    logger: wiring.logger(.sandbox), observer: observer("sandbox"),
                                    budget: budget(sandboxEndpoint, sandboxCredentials))
        return (production, sandbox)
    }
}

/// What the clients are connected to: a transport and a logger per organization, and a change
/// to the configuration the plan gives. `apply` and `check` use one of each for both.
public struct ClientWiring: Sendable {
    public var transport: @Sendable (Organization) -> any HTTPTransport
    public var logger: @Sendable (Organization) -> Logger
    public var configure: @Sendable (inout ClientConfiguration) -> Void

    public init(transport: @escaping @Sendable (Organization) -> any HTTPTransport, logger: @escaping @Sendable (Organization) -> Logger,
                configure: @escaping @Sendable (inout ClientConfiguration) -> Void = { _ in }) {
        self.transport = transport
        self.logger = logger
        self.configure = configure
    }

    public init(transport: any HTTPTransport, logger: Logger) {
        self.init(transport: { _ in transport }, logger: { _ in logger })
    }
}
