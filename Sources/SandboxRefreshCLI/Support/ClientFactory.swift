import Executor
import Foundation
import GenesysClient
import GenesysWire
import Logging
import PlanGraph
import RefreshPlan
import Timekeeping

/// The two API clients of a plan, with every secret resolved first (an unresolved one is an
/// invalid plan: nothing is sent). Used by `check`; `apply` builds its own the same way.
enum ClientFactory {
    static func make(_ plan: Plan, secrets: SecretResolver, transport: any HTTPTransport, clock: any InjectedClock, logger: Logger) throws(StepFailure) -> (GenesysClient, GenesysClient) {
        var problems: [String] = []
        func value(_ secret: SecretValue) -> String {
            do { return try secrets.resolve(secret) } catch { problems.append("\(error)"); return "" }
        }
        let productionCredentials = ClientCredentials(clientId: value(plan.production.credentials.clientId), clientSecret: value(plan.production.credentials.clientSecret))
        let sandboxCredentials = ClientCredentials(clientId: value(plan.sandbox.credentials.clientId), clientSecret: value(plan.sandbox.credentials.clientSecret))
        guard problems.isEmpty else {
            throw StepFailure(.invalidPlan, "cannot resolve the plan's credentials: \(problems.joined(separator: "; "))")
        }
        let hosts = Hosts(plan: plan)
        func endpoint(_ api: String, _ login: String) throws(StepFailure) -> OrganizationEndpoint {
            guard let apiURL = URL(string: api), let loginURL = URL(string: login) else { throw StepFailure(.invalidPlan, "invalid API base \(api)") }
            do { return try OrganizationEndpoint(apiBase: apiURL, loginBase: loginURL) } catch { throw StepFailure(.invalidPlan, "\(error)") }
        }
        let configuration = ClientSettings.configuration(for: plan)
        let production = GenesysClient(name: "production", endpoint: try endpoint(hosts.productionAPI, hosts.productionLogin), credentials: productionCredentials,
                                       configuration: configuration, transport: transport, clock: clock, logger: logger)
        let sandbox = GenesysClient(name: "sandbox", endpoint: try endpoint(hosts.sandboxAPI, hosts.sandboxLogin), credentials: sandboxCredentials,
                                    configuration: configuration, transport: transport, clock: clock, logger: logger)
        return (production, sandbox)
    }
}
