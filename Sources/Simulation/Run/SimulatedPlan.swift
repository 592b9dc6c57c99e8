import RefreshPlan

/// The plan simulated when none is given: the dev plan's shape (flows and routing, every flow
/// validated); each seed's `PlanVariant` then changes its policies.
enum SimulatedPlan {
    static let base = Plan(
        name: "simulated",
        production: OrganizationTarget(region: "mypurecloud.com", credentials: Credentials(clientId: .init(.env("SIM_PROD_ID")), clientSecret: .init(.env("SIM_PROD_SECRET")))),
        sandbox: SandboxTarget(id: "sandbox-sim-01", credentials: Credentials(clientId: .init(.env("SIM_SB_ID")), clientSecret: .init(.env("SIM_SB_SECRET")))),
        refresh: RefreshSettings(scope: .of([.ARCHITECT, .ROUTING]), description: "Simulated nightly sync"),
        gates: Gates(validateFlows: FlowValidationGate()))
}
