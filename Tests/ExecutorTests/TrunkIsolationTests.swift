import EmulatorCore
import Foundation
import GenesysWire
@testable import Executor
import PlanGraph
import Testing

/// The trunk isolation gate on the fields the platform sends: registersEnabledStatus, enabled,
/// trunkBase, and the trunk base settings' properties named by the plan.
@Suite("trunk isolation")
struct TrunkIsolationTests {
    static let property = "trunk_sip_registration_uri"

    static func base(_ id: String, _ registration: String?) -> TrunkBase {
        var properties: [String: JSONValue] = ["trunk_label": .string(id)]
        if let registration { properties[property] = .object(["type": .string("string"), "value": .object(["default": .null, "instance": .string(registration)])]) }
        return TrunkBase(id: id, name: "base \(id)", trunkMetabase: nil, properties: properties)
    }

    static func trunk(_ name: String, base: String, registers: TrunkFeatureStatus?, enabled: Bool? = true) -> Trunk {
        Trunk(id: "t-\(name)", name: name, trunkBase: EntityRef(id: base), inService: true, enabled: enabled, registersEnabledStatus: registers)
    }

    let productionBases = [base("p1", "sip:prod-1@registrar.carrier.example.net"), base("p2", "sip:prod-2@registrar.carrier.example.net")]
    var productionTrunks: [Trunk] { [Self.trunk("prod 1", base: "p1", registers: .enabled), Self.trunk("prod 2", base: "p2", registers: .enabled)] }

    func judge(_ trunks: [Trunk], _ bases: [TrunkBase], properties: [String] = [TrunkIsolationTests.property]) -> TrunkIsolationCheck {
        TrunkIsolationCheck.judge(productionTrunks: productionTrunks, productionBases: productionBases, sandboxTrunks: trunks, sandboxBases: bases, properties: properties)
    }

    @Test func aCopiedRegisteringTrunkFails() {
        let check = judge([Self.trunk("copy", base: "p1", registers: .enabled)], productionBases)
        #expect(!check.passed && check.findings.map(\.kind) == [.sharedRegistration])
        #expect(!check.summary.contains("prod-1"), "the registration's user part stays out of messages: \(check.summary)")
    }

    @Test func trunksThatDoNotRegisterPass() {
        let check = judge([
            Self.trunk("disabled registration", base: "p1", registers: .disabled),
            Self.trunk("not supported", base: "p1", registers: .notSupported),
            Self.trunk("trunk off", base: "p1", registers: .enabled, enabled: false),
            Self.trunk("own carrier", base: "s1", registers: .enabled),
        ], productionBases + [Self.base("s1", "sip:dev@test-registrar.example.net")])
        #expect(check.passed, "\(check.summary)")
        #expect(check.registeringTrunks == 1 && check.trunksChecked == 4)
    }

    @Test func anUnreadableRegistrationFailsClosed() {
        // Registration is on but the base has none of the named properties: never taken as safe.
        let unknown = judge([Self.trunk("mystery", base: "s1", registers: .enabled)], [Self.base("s1", nil)])
        #expect(unknown.findings.map(\.kind) == [.unknownIdentity])
        let orphan = judge([Self.trunk("orphan", base: "gone", registers: .enabled)], [])
        #expect(orphan.findings.map(\.kind) == [.missingTrunkBase])
        // The plan names a property production does not use: production cannot be read either.
        let wrongName = judge([], [], properties: ["trunk_registrar"])
        #expect(!wrongName.passed && wrongName.unreadableProduction.count == 2)
    }

    @Test func theRefreshedSandboxFailsTheGateAndANamedPropertyIsHonoured() async throws {
        let full = """
            refresh: {scope: ALL, justification: compliance-audit, preserveSandboxUsers: true}
            masking: {maskPii: true}
            gates: {piiScan: {sources: [externalContacts]}, trunkIsolation: {registrationProperties: [trunk_registrar]}}
            """
        let h = Harness()
        let graph = try h.graph(full)
        let node = try #require(graph.node("trunk-isolation"))
        #expect(node.summary.contains { $0.contains("trunk_registrar") })
        #expect(node.requests.contains { $0.request.path == "/api/v2/telephony/providers/edges/trunkbasesettings" })
        let report = try await h.run(graph: graph)
        #expect(report.outcome == .validationGateFailed)
        let message = try #require(report.state.failureMessage)
        #expect(message.contains("cannot be judged") && message.contains("gates.trunkIsolation.registrationProperties"), "\(message)")
    }

    @Test func aSandboxThatKeptItsOwnTrunksPasses() async throws {
        // Users preserved and a scope without trunks: the gate sees the sandbox's own test trunk.
        let h = Harness()
        let graph = try h.graph("""
            refresh: {scope: [ARCHITECT, ROUTING]}
            gates: {trunkIsolation: true}
            """)
        #expect(!graph.contains("trunk-isolation"), "the gate follows an ALL refresh only")
        let world = h.emulator.world
        let sandbox = try #require(world.sandbox(Harness.sandboxId))
        let check = TrunkIsolationCheck.judge(productionTrunks: world.production.trunks, productionBases: world.production.trunkBases,
                                              sandboxTrunks: sandbox.trunks, sandboxBases: sandbox.trunkBases, properties: [EmulatedTelephony.registrationProperty])
        #expect(check.passed, "\(check.summary)")
    }
}
