import GenesysWire

/// Production changing under the sandboxes at run time (`Emulator.addProductionDrift`).
struct DriftGenerator {
    var rng: SeededGenerator

    mutating func drift(_ production: inout OrgData, queues: Int, skills: Int, flows: Int) {
        let division = production.queues.first?.division ?? EntityRef(id: rng.uuid(), name: "Home")
        let base = production.queues.count
        let newQueues = (0..<queues).map { index in
            Queue(id: rng.uuid(), name: "New Queue \(base + index + 1)", division: division, memberCount: rng.below(30))
        }
        let newSkills = (0..<skills).map { index in Skill(id: rng.uuid(), name: "New Skill \(production.skills.count + index + 1)") }
        production.queues += newQueues
        production.skills += newSkills
        let newIds = newQueues.map { FlowReference(type: "queue", id: $0.id) } + newSkills.map { FlowReference(type: "skill", id: $0.id) }
        guard !newIds.isEmpty else { return }
        for index in 0..<flows {
            let number = production.flows.count + 1
            let flow = Flow(id: rng.uuid(), name: "Inboundcall Flow \(number)", type: .inboundCall, division: division,
                            publishedVersion: EntityRef(id: "1.0", name: "1.0"))
            production.flows.append(FlowDefinition(flow: flow, references: [newIds[index % newIds.count]]))
        }
    }
}
