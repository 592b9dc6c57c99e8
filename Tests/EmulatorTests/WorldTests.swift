import EmulatorCore
import Foundation
import GenesysWire
import Testing

@Suite struct WorldTests {
    @Test func generationIsDeterministicPerSeed() {
        let spec = WorldSpec(seed: 7, queues: 50, flows: 80, contacts: 200)
        let first = World.generate(spec).encoded()
        let second = World.generate(spec).encoded()
        var other = spec
        other.seed = 8
        #expect(first == second)
        #expect(first != World.generate(other).encoded())
    }

    @Test func sizesFollowTheSpecPlusDrift() {
        let world = World.generate(WorldSpec(seed: 3, queues: 20, skills: 5, flows: 30, contacts: 40, users: 6, sandboxes: ["a", "b"],
                                             driftQueues: 2, driftSkills: 1, driftFlows: 1))
        #expect(world.production.queues.count == 22)
        #expect(world.production.skills.count == 6)
        #expect(world.production.flows.count == 31)
        #expect(world.production.contacts.count == 40)
        #expect(world.sandboxes.map(\.name) == ["a", "b"])
        // Production's copies of that day plus the sandbox's own work (`sandboxWork` 2: two
        // DEV queues and two DEV- flows each).
        #expect(world.sandboxes.allSatisfy { $0.queues.count == 22 && $0.flows.count == 32 })
        #expect(world.clients.map(\.organization) == ["production", "a", "b"])
        #expect(Set(world.organizations.map(\.id)).count == 3)
    }

    /// Production drifted after the sandboxes' last refresh: one of its flows references a
    /// queue the sandboxes do not have.
    @Test func driftLeavesAProductionFlowReferencingAQueueMissingInTheSandbox() throws {
        let world = World.generate(WorldSpec(seed: 11))
        let sandbox = try #require(world.sandbox("sandbox-dev-01"))
        let sandboxQueues = Set(sandbox.queues.map(\.id))
        let broken = world.production.flows.filter { flow in
            flow.references.contains { $0.type == "queue" && !sandboxQueues.contains($0.id) }
        }
        #expect(broken.count == 1)
        // And the sandbox as it stands is internally consistent.
        let ids = Set(sandbox.queues.map(\.id) + sandbox.skills.map(\.id) + sandbox.flows.map(\.flow.id) + sandbox.dataTables.map(\.id)
                      + sandbox.scheduleGroups.compactMap(\.id))
        #expect(sandbox.flows.allSatisfy { $0.references.allSatisfy { ids.contains($0.id) } })
    }

    @Test func productionCustomerDataHoldsPIIAndSandboxCopiesAreMasked() throws {
        let world = World.generate(WorldSpec(seed: 5, contacts: 300))
        let notes = world.production.contacts.compactMap(\.notesText)
        #expect(notes.contains { PIIPatterns.findings(in: $0).contains { $0.kind == .cardNumber } })
        #expect(notes.contains { PIIPatterns.findings(in: $0).contains { $0.kind == .ssn } })
        let sandbox = try #require(world.sandbox("sandbox-dev-01"))
        #expect(!sandbox.contacts.compactMap(\.notesText).contains(where: PIIPatterns.containsPII))
        #expect(sandbox.contacts.allSatisfy { $0.workPhone?.display == Masker.redacted && $0.workPhone?.e164 == Masker.redacted })
        let property = EmulatedTelephony.registrationProperty
        #expect(world.production.trunkBases.allSatisfy { $0.propertyText(property)?.hasPrefix("sip:prod-") == true })
        #expect(world.production.trunks.allSatisfy { $0.registersEnabledStatus == .enabled && $0.isRegistered })
        #expect(sandbox.trunkBases.allSatisfy { $0.propertyText(property) == nil })
        #expect(sandbox.trunks.allSatisfy { $0.registersEnabledStatus == .disabled })
    }

    @Test func loadsAWholeWorldOrASpecFromJSON() throws {
        let world = World.generate(WorldSpec(seed: 9, queues: 12))
        #expect(try World.load(json: world.encoded()) == world)
        let fromSpec = try World.load(json: Data(#"{"seed": 9, "queues": 12}"#.utf8))
        #expect(fromSpec == world)
        #expect(throws: World.LoadError.self) { try World.load(json: Data("[1,2]".utf8)) }
    }

    @Test func piiPatternsFindLuhnValidCardsAndSSNsOnly() {
        #expect(PIIPatterns.findings(in: "card 4111 1111 1111 1111 ok").map(\.kind) == [.cardNumber])
        #expect(PIIPatterns.findings(in: "card 4111 1111 1111 1112").isEmpty)
        #expect(PIIPatterns.findings(in: "ssn 536-22-1234.").map(\.kind) == [.ssn])
        #expect(PIIPatterns.findings(in: "sample 123-45-6789").isEmpty, "well-known sample SSNs are not findings")
        #expect(PIIPatterns.scrub("a 536-22-1234 b") == "a [REDACTED] b")
        #expect(PIIPatterns.findings(in: "call +1 317-555-0123").isEmpty)
    }
}
