import RefreshPlan

/// Where each request target points, for display and for the executor's client set-up.
public struct Hosts: Sendable, Hashable, Codable {
    public var productionAPI: String
    public var productionLogin: String
    public var sandboxAPI: String
    public var sandboxLogin: String

    public init(plan: Plan) {
        let productionDomain = plan.production.region.flatMap(Regions.domain(for:)) ?? plan.production.region ?? "mypurecloud.com"
        let sandboxDomain = plan.sandbox.region.flatMap(Regions.domain(for:)) ?? productionDomain
        let prodAPI = plan.production.apiBase ?? "https://api.\(productionDomain)"
        let prodLogin = plan.production.apiBase ?? "https://login.\(productionDomain)"
        productionAPI = prodAPI
        productionLogin = prodLogin
        // An emulator base given for production serves the sandbox organization too.
        sandboxAPI = plan.sandbox.apiBase ?? (plan.production.apiBase != nil ? prodAPI : "https://api.\(sandboxDomain)")
        sandboxLogin = plan.sandbox.apiBase ?? (plan.production.apiBase != nil ? prodLogin : "https://login.\(sandboxDomain)")
    }

    public func base(for target: RequestTarget) -> String {
        switch target {
        case .production: return productionAPI
        case .productionLogin: return productionLogin
        case .sandbox: return sandboxAPI
        case .sandboxLogin: return sandboxLogin
        case .webhook: return ""
        }
    }
}
