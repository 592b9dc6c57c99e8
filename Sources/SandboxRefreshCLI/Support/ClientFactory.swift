import Executor
import Foundation
import GenesysClient
import GenesysWire
import Logging
import PlanGraph
import RefreshPlan
import Timekeeping

/// The two API clients of a plan, with every secret resolved first (an unresolved one is an
/// invalid plan: nothing is sent). `apply` and `check` build their clients here.
enum ClientFactory {
    /// - Parameters:
    ///   - requireAlerting: also resolve the failure webhook (`apply`: a cron run that could not
    ///     tell anyone it failed must not start; `check` sends no alert).
    ///   - events: where retries, 429 waits and breaker changes are reported, at info.
    ///   - budgets: rate budgets shared by every client with the same API host and client id
    ///     (the plans of a fleet, or the runners of a PostgreSQL journal); nil gives each client its own.
    static func make(_ plan: Plan, secrets: SecretResolver, transport: any HTTPTransport, clock: any InjectedClock, logger: Logger,
                     requireAlerting: Bool = false, events: RunEventSink? = nil,
                     budgets: SharedBudgets? = nil) throws(StepFailure) -> (GenesysClient, GenesysClient) {
        var problems: [String] = []
        func value(_ secret: SecretValue) -> String {
            do { return try secrets.resolve(secret) } catch { problems.append("\(error)"); return "" }
        }
        let productionCredentials = ClientCredentials(clientId: value(plan.production.credentials.clientId), clientSecret: value(plan.production.credentials.clientSecret))
        let sandboxCredentials = ClientCredentials(clientId: value(plan.sandbox.credentials.clientId), clientSecret: value(plan.sandbox.credentials.clientSecret))
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
        let configuration = ClientSettings.configuration(for: PlanCompiler.clientPolicy(for: plan))
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
                                       configuration: configuration, transport: transport, clock: clock, logger: logger, observer: observer("production"),
                                       budget: budget(productionEndpoint, productionCredentials))
        let sandbox = GenesysClient(name: "sandbox", endpoint: sandboxEndpoint, credentials: sandboxCredentials,
                                    configuration: configuration, transport: transport, clock: clock, logger: logger, observer: observer("sandbox"),
                                    budget: budget(sandboxEndpoint, sandboxCredentials))
        return (production, sandbox)
    }
}
