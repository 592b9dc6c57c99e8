import GenesysWire

/// What a sandbox holds besides its last refresh (issue 25): objects of its own, which a
/// refresh of their domain deletes, and edited copies of production's objects (same id,
/// changed content), which it overwrites. Drawn from a generator seeded by the world's seed
/// and the sandbox id, so each sandbox's work is deterministic and the rest of the world's ids
/// are as they were before sandboxes had work.
///
/// Sandbox-only flows reference only objects production also has, so a refresh that leaves
/// flows alone never breaks them (validation outcomes stay what the scope decides).
struct SandboxWork {
    static let devPrefix = "DEV-"
    let size: Int
    var rng: SeededGenerator

    init(seed: UInt64, sandboxId: String, size: Int) {
        self.size = size
        rng = SeededGenerator(seed: seed ^ StableHash.fnv1a("sandbox-work:" + sandboxId))
    }

    mutating func add(to org: inout OrgData) {
        guard size > 0 else { return }
        let division = org.queues.first?.division ?? EntityRef(id: rng.uuid(), name: "Home")
        addOwn(to: &org, division: division)
        edit(&org)
    }

    private mutating func addOwn(to org: inout OrgData, division: EntityRef) {
        let shared = org.queues
        for index in 0..<size {
            var queue = Queue(id: rng.uuid(), name: "DEV Test Queue \(index + 1)", division: division, memberCount: rng.below(4))
            queue.description = "Scratch queue for testing in \(org.name)"
            org.queues.append(queue)
            org.wrapupCodes.append(WrapupCode(id: rng.uuid(), name: "DEV Wrap-up \(index + 1)", division: division, description: "Test outcome"))
            org.schedules.append(Schedule(id: rng.uuid(), name: "DEV Test Window \(index + 1)", division: division,
                                          start: "2026-03-0\(index + 1)T09:00:00.000", end: "2026-03-0\(index + 1)T11:00:00.000", rrule: nil))
        }
        for index in 0..<max(1, size / 2) {
            org.skills.append(Skill(id: rng.uuid(), name: "DEV Skill \(index + 1)"))
        }
        for index in 0..<size {
            let type: FlowType = index % 2 == 0 ? .inboundCall : .commonModule
            let flow = Flow(id: rng.uuid(), name: "\(Self.devPrefix)\(type.queryValue.capitalized) Flow \(index + 1)", type: type,
                            division: division, publishedVersion: EntityRef(id: "1.0", name: "1.0"))
            var references: [FlowReference] = []
            if !shared.isEmpty { references.append(FlowReference(type: "queue", id: rng.pick(shared).id)) }
            if let table = org.dataTables.first, index % 2 == 1 { references.append(FlowReference(type: "dataTable", id: table.id)) }
            org.flows.append(FlowDefinition(flow: flow, references: references,
                                            settings: ["greeting": "Developer build \(index + 1): thanks for testing", "timeoutSeconds": "\(10 + rng.below(50))"]))
        }
        let table = DataTable(id: rng.uuid(), name: "DEV Feature Flags", division: division)
        org.dataTables.append(table)
        org.dataTableRows[table.id] = (0..<(size + 1)).map { index in
            ["key": .string("flag-\(index + 1)"), "enabled": .bool(index % 2 == 0), "owner": .string("dev\(index + 1)")]
        }
        // Test rows in a table production also has (ARCHITECT keeps them, ICM replaces them).
        if let shared = org.dataTables.first, shared.id != table.id {
            for index in 0..<size {
                org.dataTableRows[shared.id, default: []].append(["key": .string("dev-row-\(index + 1)"), "customerName": .string("Test Caller \(index + 1)"),
                                                                  "tier": .string("gold"), "active": .bool(true)])
            }
        }
    }

    /// Edits made in the sandbox to objects the refresh copied from production.
    private mutating func edit(_ org: inout OrgData) {
        let productionQueues = org.queues.filter { !$0.name.hasPrefix("DEV ") }
        if !productionQueues.isEmpty, case let target = rng.pick(productionQueues).id, let index = org.queues.firstIndex(where: { $0.id == target }) {
            org.queues[index].description = "Edited in \(org.name): overflow test"
        }
        let copied = org.flows.indices.filter { !org.flows[$0].flow.name.hasPrefix(Self.devPrefix) }
        if !copied.isEmpty {
            let index = rng.pick(copied)
            let current = Int(org.flows[index].flow.checkedInVersion?.id.split(separator: ".").first ?? "1") ?? 1
            org.flows[index].flow.checkedInVersion = EntityRef(id: "\(current + 1).0", name: "\(current + 1).0")
            org.flows[index].flow.savedVersion = EntityRef(id: "\(current + 2).0", name: "\(current + 2).0")
            org.flows[index].settings["greeting"] = "Sandbox experiment: new greeting"
        }
        if let index = org.schedules.firstIndex(where: { $0.name == "Weekday Hours" }) {
            org.schedules[index].start = "2024-01-01T07:30:00.000"
            org.schedules[index].end = "2024-01-01T19:00:00.000"
            org.schedules[index].version = (org.schedules[index].version ?? 1) + 1
        }
        if let index = org.wrapupCodes.firstIndex(where: { !($0.name ?? "").hasPrefix("DEV ") }) {
            org.wrapupCodes[index].description = "Renamed outcome under test"
        }
    }
}
