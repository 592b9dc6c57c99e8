import EmulatorCore
import Foundation
import GenesysClient
import GenesysWire
@testable import Executor
import PlanGraph
import RefreshPlan
import Testing

/// The identity guard: the wrong organization is refused in preflight (exit 3), before the
/// lock is even looked at, so nothing is ever sent to the sandbox endpoints.
@Suite("identity guard")
struct IdentityGuardTests {
    static let body = ApplyScenarioTests.devBody

    /// The harness plan with `organization` pins added under production and/or sandbox.
    func graph(_ h: Harness, production: String? = nil, sandbox: String? = nil) throws -> PlanGraph {
        var text = Harness.planText(Self.body)
        if let production {
            text = text.replacingOccurrences(of: "  credentials: {clientId: \"${env:PROD_ID}\", clientSecret: \"${env:PROD_SECRET}\"}",
                                             with: "  credentials: {clientId: \"${env:PROD_ID}\", clientSecret: \"${env:PROD_SECRET}\"}\n  organization: \(production)")
        }
        if let sandbox {
            text = text.replacingOccurrences(of: "  credentials: {clientId: \"${env:SB_ID}\", clientSecret: \"${env:SB_SECRET}\"}",
                                             with: "  credentials: {clientId: \"${env:SB_ID}\", clientSecret: \"${env:SB_SECRET}\"}\n  organization: \(sandbox)")
        }
        let result = PlanLoader(environment: h.environment).load(text: text, path: "identity.yaml")
        let errors = result.diagnostics.filter { $0.severity == .error }
        try #require(errors.isEmpty, "\(errors.map { "\($0.code) \($0.message)" })")
        return try PlanCompiler.compile(try #require(result.plan), diagnostics: result.diagnostics)
    }

    func nothingReachedTheSandboxEndpoints(_ h: Harness) -> Bool {
        !h.emulator.requestLog().contains { $0.path.contains("/sandboxes/") } && h.emulator.submissions(sandboxId: Harness.sandboxId).isEmpty
    }

    @Test func sandboxCredentialsOfTheProductionOrganizationAreRefused() async throws {
        let h = Harness()
        let production = try #require(h.emulator.organization(World.productionName))
        let report = try await h.run(Self.body, sandboxCredentials: ClientCredentials(clientId: production.clientId, clientSecret: production.clientSecret))
        #expect(report.outcome == .preflightFailed && report.outcome.exitCode == 3)
        #expect(report.state.failedStep == "preflight.sandbox")
        let message = try #require(report.state.failureMessage)
        #expect(message.contains("both resolve to organization") && message.contains(production.orgId), "\(message)")
        #expect(nothingReachedTheSandboxEndpoints(h))
    }

    @Test func aPinThatDoesNotMatchIsRefused() async throws {
        let h = Harness()
        let report = try await h.run(graph: try graph(h, sandbox: "{id: 00000000-0000-0000-0000-000000000000}"))
        #expect(report.outcome == .preflightFailed)
        #expect(report.state.failureMessage?.contains("pins sandbox.organization to id 00000000-0000-0000-0000-000000000000") == true, "\(report.state.failureMessage ?? "")")
        #expect(nothingReachedTheSandboxEndpoints(h))
        let byName = Harness()
        let named = try await byName.run(graph: try graph(byName, production: "{name: Acme Production}"))
        #expect(named.outcome == .preflightFailed && named.state.failedStep == "preflight.production")
        #expect(nothingReachedTheSandboxEndpoints(byName))
    }

    @Test func sandboxCredentialsThatResolveToProductionsPinAreRefused() async throws {
        let h = Harness()
        let sandbox = try #require(h.emulator.organization(Harness.sandboxId))
        // Production is pinned to the organization the sandbox credentials belong to: refused before anything else.
        let report = try await h.run(graph: try graph(h, production: "{id: \(sandbox.orgId)}"))
        #expect(report.outcome == .preflightFailed)
        #expect(nothingReachedTheSandboxEndpoints(h))
    }

    @Test func matchingPinsRunAndThePreviewShowsThem() async throws {
        let h = Harness()
        let production = try #require(h.emulator.organization(World.productionName)), sandbox = try #require(h.emulator.organization(Harness.sandboxId))
        let graph = try graph(h, production: "{id: \(production.orgId.uppercased()), name: production}", sandbox: "{id: \(sandbox.orgId)}")
        let preflight = try #require(graph.node("preflight.sandbox"))
        #expect(preflight.summary.contains { $0.contains("must be id \(sandbox.orgId)") && $0.contains("production organization") })
        #expect(preflight.requests.contains { $0.request.path == "/api/v2/organizations/me" && $0.target == .production })
        let report = try await h.run(graph: graph)
        #expect(report.outcome == .success, "\(report.state.failureMessage ?? "")")
        #expect(h.events.filter { $0.event == "identity.ok" }.count == 2)
    }

    @Test func rulesInIsolation() {
        let prod = IdentityGuard.Identity(id: "A1", name: "Acme")
        let sandbox = IdentityGuard.Identity(id: "b2", name: "Acme Dev")
        #expect(IdentityGuard.crossProblem(production: prod, sandbox: sandbox, productionPin: nil) == nil)
        #expect(IdentityGuard.crossProblem(production: prod, sandbox: IdentityGuard.Identity(id: "a1", name: "Acme"), productionPin: nil) != nil)
        #expect(IdentityGuard.crossProblem(production: prod, sandbox: sandbox, productionPin: OrganizationPin(id: "B2")) != nil)
        #expect(IdentityGuard.crossProblem(production: prod, sandbox: sandbox, productionPin: OrganizationPin(name: "Acme Dev")) != nil)
        #expect(IdentityGuard.pinProblem(.sandbox, sandbox, expected: OrganizationPin(id: "B2", name: "Acme Dev")) == nil)
        #expect(IdentityGuard.pinProblem(.sandbox, sandbox, expected: OrganizationPin(name: "acme dev")) != nil, "names compare exactly")
        #expect(IdentityGuard.pinProblem(.sandbox, sandbox, expected: nil) == nil)
    }
}
