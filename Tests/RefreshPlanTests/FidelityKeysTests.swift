import Testing
@testable import RefreshPlan

/// The plan keys of the fidelity work: organization pins, the trunk isolation gate's mapping
/// form, and the flow validation method.
@Suite("organization pins, trunk isolation settings, validation method")
struct FidelityKeysTests {
    let all = TestPlans.allScopeOK

    @Test func trunkIsolationTakesABooleanOrAMapping() throws {
        let plain = try #require(TestSupport.load(TestPlans.plan(scope: "ALL", refresh: all, top: TestPlans.safeCustomerData)).plan)
        #expect(plain.gates.trunkIsolation && plain.gates.trunkIsolationSettings == TrunkIsolationGate())
        #expect(TrunkIsolationGate().registrationProperties == ["trunk_sip_registration_uri"])
        let mapped = TestSupport.load(TestPlans.plan(scope: "[ARCHITECT, ROUTING]", top: "gates: {trunkIsolation: {registrationProperties: [trunk_registrar, trunk_user]}}"))
        let plan = try #require(mapped.plan)
        #expect(plan.gates.trunkIsolation, "the mapping form turns the gate on")
        #expect(plan.gates.trunkIsolationSettings.registrationProperties == ["trunk_registrar", "trunk_user"])
        #expect(TestSupport.codes(mapped).contains("SR060"), "the gate runs after ALL only: the settings are noted as unused")
    }

    @Test func trunkIsolationRejectsNonsense() {
        #expect(TestSupport.load(TestPlans.plan(top: "gates: {trunkIsolation: [a]}")).hasErrors)
        #expect(TestSupport.load(TestPlans.plan(top: "gates: {trunkIsolation: {registrationProperties: []}}")).hasErrors)
        #expect(TestSupport.load(TestPlans.plan(top: "gates: {trunkIsolation: {registrationProperty: x}}")).hasErrors, "unknown key")
        #expect(TestSupport.load(TestPlans.plan(top: "gates: {trunkIsolation: {registrationProperties: [\"has space\"]}}")).hasErrors)
    }

    @Test func organizationPins() throws {
        let text = TestPlans.plan(production: "  region: mypurecloud.com\n  organization: {id: 2a7c-11, name: Acme Production}\n")
        let plan = try #require(TestSupport.load(text).plan)
        #expect(plan.production.organization == ExpectedOrganization(id: "2a7c-11", name: "Acme Production"))
        #expect(plan.sandbox.organization == nil)
        #expect(TestSupport.load(TestPlans.plan(production: "  region: mypurecloud.com\n  organization: {}\n")).hasErrors, "an empty pin pins nothing")
        #expect(TestSupport.load(TestPlans.plan(production: "  region: mypurecloud.com\n  organization: {org: x}\n")).hasErrors)
    }

    @Test func validationMethod() throws {
        let byDefault = try #require(TestSupport.load(TestPlans.plan(top: "gates: {validateFlows: {}}")).plan)
        #expect(byDefault.gates.validateFlows?.method == .architectValidate && byDefault.gates.validateFlows?.jobTimeout == .seconds(600))
        let jobs = try #require(TestSupport.load(TestPlans.plan(top: "gates: {validateFlows: {method: validate-jobs, jobTimeout: 2m}}")).plan)
        #expect(jobs.gates.validateFlows?.method == .validateJobs && jobs.gates.validateFlows?.jobTimeout == .seconds(120))
        #expect(TestSupport.load(TestPlans.plan(top: "gates: {validateFlows: {method: jobs}}")).hasErrors)
        #expect(TestSupport.load(TestPlans.plan(top: "gates: {validateFlows: {method: validate-jobs, jobTimeout: 5s}}")).hasErrors)
    }
}
