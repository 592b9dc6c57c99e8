import Foundation
import GenesysWire

/// Builds a world the way one looks in practice: the sandboxes were refreshed from production
/// some time ago (so they hold production's objects of that day, customer data already masked,
/// and their own developer accounts and test trunk), then production drifted.
struct WorldGenerator {
    /// When generated registrations were last seen (worlds are data: no wall clock in them).
    static let epoch = Date(timeIntervalSince1970: 1_715_760_000)
    let spec: WorldSpec
    private var rng: SeededGenerator

    init(spec: WorldSpec) {
        self.spec = spec
        rng = SeededGenerator(seed: spec.seed)
    }

    func generate() -> World {
        var generator = self
        return generator.build()
    }

    private mutating func build() -> World {
        let division = EntityRef(id: rng.uuid(), name: "Home")
        var production = OrgData(id: rng.uuid(), name: World.productionName)
        production.queues = (0..<spec.queues).map { queue(index: $0, division: division) }
        production.skills = (0..<spec.skills).map { skill(index: $0) }
        production.dataTables = (0..<spec.dataTables).map { index in
            DataTable(id: rng.uuid(), name: "\(CustomerData.tableNames[index % CustomerData.tableNames.count]) \(index + 1)", division: division)
        }
        for index in 0..<spec.dataTableRows where !production.dataTables.isEmpty {
            let table = production.dataTables[index % production.dataTables.count]
            production.dataTableRows[table.id, default: []].append(CustomerData.row(key: "row-\(index + 1)", &rng))
        }
        production.flows = []
        for index in 0..<spec.flows {
            production.flows.append(flow(index: index, division: division, in: production))
        }
        production.contacts = (0..<spec.contacts).map { _ in CustomerData.contact(id: rng.uuid(), &rng) }
        production.users = (0..<spec.users).map { index in
            let name = "\(rng.pick(CustomerData.firstNames)) \(rng.pick(CustomerData.lastNames))"
            return User(id: rng.uuid(), name: name, email: "agent\(index + 1)@prod.example.com")
        }
        production.trunkBases = (0..<spec.trunks).map { index in
            EmulatedTelephony.base(id: rng.uuid(), name: "Carrier SIP Base \(index + 1)", registration: "sip:prod-\(index + 1)@registrar.carrier.example.net")
        }
        production.trunks = production.trunkBases.enumerated().map { index, base in
            EmulatedTelephony.trunk(id: rng.uuid(), name: "Carrier SIP Trunk \(index + 1)", base: base, registers: true, at: Self.epoch)
        }
        production.sessions = production.users.prefix(3).map { UserSession(userId: $0.id, token: rng.hexString(bytes: 24)) }

        var wiring = ProductionWiring(seed: spec.seed)
        wiring.add(to: &production, division: division, literalHostActions: spec.literalHostActions)

        // The sandboxes were refreshed before the drift below.
        let snapshot = production
        var sandboxes: [OrgData] = []
        for sandboxId in spec.sandboxes {
            sandboxes.append(sandbox(sandboxId, from: snapshot))
        }

        drift(&production, division: division)

        var clients = [ClientDefinition(clientId: rng.uuid(), clientSecret: rng.hexString(bytes: 24),
                                        name: "sandbox-refresh (production)", organization: World.productionName)]
        for sandbox in sandboxes {
            clients.append(ClientDefinition(clientId: rng.uuid(), clientSecret: rng.hexString(bytes: 24),
                                            name: "sandbox-refresh (\(sandbox.name))", organization: sandbox.name))
        }
        return World(spec: spec, production: production, sandboxes: sandboxes, clients: clients)
    }

    private mutating func queue(index: Int, division: EntityRef) -> Queue {
        let name = "\(CustomerData.departments[index % CustomerData.departments.count]) - \(CustomerData.regions[(index / CustomerData.departments.count) % CustomerData.regions.count]) \(index + 1)"
        return Queue(id: rng.uuid(), name: name, division: division, memberCount: rng.below(60))
    }

    private mutating func skill(index: Int) -> Skill {
        Skill(id: rng.uuid(), name: "\(CustomerData.skillNames[index % CustomerData.skillNames.count]) \(index + 1)")
    }

    /// Flows reference queues and skills, sometimes a data table and an earlier flow (common
    /// modules), never a later one, so definitions stay acyclic.
    private mutating func flow(index: Int, division: EntityRef, in org: OrgData, forcedQueues: [String] = [], forcedSkills: [String] = []) -> FlowDefinition {
        let type = CustomerData.flowTypes[index % CustomerData.flowTypes.count]
        let id = rng.uuid()
        var references: [FlowReference] = forcedQueues.map { FlowReference(type: "queue", id: $0) } + forcedSkills.map { FlowReference(type: "skill", id: $0) }
        if !org.queues.isEmpty {
            for _ in 0..<(1 + rng.below(3)) { references.append(FlowReference(type: "queue", id: rng.pick(org.queues).id)) }
        }
        if !org.skills.isEmpty {
            for _ in 0..<rng.below(3) { references.append(FlowReference(type: "skill", id: rng.pick(org.skills).id)) }
        }
        if !org.dataTables.isEmpty, rng.chance(0.3) { references.append(FlowReference(type: "dataTable", id: rng.pick(org.dataTables).id)) }
        if !org.flows.isEmpty, rng.chance(0.2) { references.append(FlowReference(type: "flow", id: rng.pick(org.flows).flow.id)) }
        var unique: [FlowReference] = []
        for reference in references where !unique.contains(reference) { unique.append(reference) }
        let warnings = index % 37 == 36 ? ["Flow '\(type.queryValue)-\(index + 1)' has unpublished changes"] : []
        let flow = Flow(id: id, name: "\(type.queryValue.capitalized) Flow \(index + 1)", type: type, division: division,
                        publishedVersion: EntityRef(id: "\(1 + rng.below(9)).0", name: "\(1 + rng.below(9)).0"))
        return FlowDefinition(flow: flow, references: unique, warnings: warnings)
    }

    private mutating func sandbox(_ sandboxId: String, from production: OrgData) -> OrgData {
        var org = production
        org.id = rng.uuid()
        org.name = sandboxId
        let masker = Masker(maskPii: true, rules: [])
        org.contacts = production.contacts.map { masker.mask($0) }
        org.dataTableRows = production.dataTableRows.mapValues { rows in rows.map { masker.mask(row: $0, table: nil) } }
        org.users = (0..<max(2, spec.users / 5)).map { index in
            User(id: rng.uuid(), name: "Developer \(index + 1)", email: "dev\(index + 1)@\(sandboxId).example.com")
        }
        org.sessions = org.users.map { UserSession(userId: $0.id, token: rng.hexString(bytes: 24)) }
        let testBase = EmulatedTelephony.base(id: rng.uuid(), name: "Sandbox test base", registration: nil)
        org.trunkBases = [testBase]
        org.trunks = [EmulatedTelephony.trunk(id: rng.uuid(), name: "Sandbox test trunk", base: testBase, registers: false, at: Self.epoch)]
        var work = SandboxWork(seed: spec.seed, sandboxId: sandboxId, size: spec.sandboxWork)
        work.add(to: &org)
        return org
    }

    /// Production after the sandboxes' last refresh: new queues and skills and flows that use them.
    private mutating func drift(_ production: inout OrgData, division: EntityRef) {
        let newQueues = (0..<spec.driftQueues).map { queue(index: spec.queues + $0, division: division) }
        let newSkills = (0..<spec.driftSkills).map { skill(index: spec.skills + $0) }
        production.queues += newQueues
        production.skills += newSkills
        for index in 0..<spec.driftFlows {
            let forcedQueue = newQueues.isEmpty ? [] : [newQueues[index % newQueues.count].id]
            let forcedSkill = newSkills.isEmpty ? [] : [newSkills[index % newSkills.count].id]
            let definition = flow(index: spec.flows + index, division: division, in: production, forcedQueues: forcedQueue, forcedSkills: forcedSkill)
            production.flows.append(definition)
        }
    }
}
