import EmulatorCore
import Foundation
import GenesysWire
import Testing
import Timekeeping

/// Each generated sandbox holds work of its own and edited copies of production's objects
/// (issue 25), and a refresh replaces each kind with the domain that owns it.
@Suite struct SandboxWorkTests {
    static let spec = WorldSpec(seed: 5, queues: 20, skills: 6, flows: 24, contacts: 20, dataTables: 3, dataTableRows: 30, users: 6,
                                sandboxes: ["sandbox-dev-01", "sandbox-qa-01"])

    @Test func ownAndEditedObjectsComeFromTheSeed() throws {
        let world = World.generate(Self.spec)
        let production = world.production
        let sandbox = try #require(world.sandbox("sandbox-dev-01"))
        let productionQueues = Set(production.queues.map(\.id))
        let own = sandbox.queues.filter { !productionQueues.contains($0.id) }
        #expect(own.map(\.name) == ["DEV Test Queue 1", "DEV Test Queue 2"])
        #expect(sandbox.flows.filter { $0.flow.name.hasPrefix("DEV-") }.count == 2)
        #expect(sandbox.wrapupCodes.count == production.wrapupCodes.count + 2)
        #expect(sandbox.schedules.count == production.schedules.count + 2)
        #expect(sandbox.skills.contains { $0.name == "DEV Skill 1" })
        let devTable = try #require(sandbox.dataTables.first { $0.name == "DEV Feature Flags" })
        #expect(sandbox.dataTableRows[devTable.id]?.count == 3)
        #expect(sandbox.dataTableRows[production.dataTables[0].id]?.contains { $0.rowKey == "dev-row-1" } == true)

        // Edited copies keep production's id and differ in content.
        let editedQueue = try #require(sandbox.queues.first { $0.description?.hasPrefix("Edited in") == true })
        #expect(production.queues.first { $0.id == editedQueue.id }?.description == nil)
        let editedFlow = try #require(sandbox.flows.first { $0.flow.savedVersion != nil && productionQueues.isEmpty == false && !$0.flow.name.hasPrefix("DEV-") })
        let original = try #require(production.flows.first { $0.flow.id == editedFlow.flow.id })
        #expect(editedFlow.flow.checkedInVersion != original.flow.checkedInVersion)
        #expect(editedFlow.settings != original.settings)
        let weekday = try #require(sandbox.schedules.first { $0.name == "Weekday Hours" })
        let productionWeekday = try #require(production.schedules.first { $0.id == weekday.id })
        #expect(weekday.start != productionWeekday.start && weekday.version == (productionWeekday.version ?? 1) + 1)

        // Deterministic per seed, different per sandbox and per seed.
        #expect(World.generate(Self.spec) == world)
        let other = try #require(world.sandbox("sandbox-qa-01"))
        #expect(Set(other.queues.map(\.id)) != Set(sandbox.queues.map(\.id)))
        var reseeded = Self.spec
        reseeded.seed = 6
        #expect(World.generate(reseeded).sandbox("sandbox-dev-01")?.queues.last?.id != sandbox.queues.last?.id)
    }

    @Test func productionIsWiredToTheOutsideWorld() {
        var spec = Self.spec
        spec.literalHostActions = 1
        let production = World.generate(spec).production
        let hosts = production.integrationConfigs.values.compactMap { $0.properties?["baseUrl"]?.stringValue }
        #expect(hosts.contains("https://api.prod.example.com"))
        #expect(production.dataActions.filter { $0.config?.request?.requestUrlTemplate?.hasPrefix("${credentials.baseUrl}") == true }.count == 4)
        #expect(production.dataActions.filter { $0.config?.request?.requestUrlTemplate?.hasPrefix("https://api.prod.example.com/") == true }.count == 1)
        #expect(production.campaigns.filter { $0.campaignStatus == "on" }.count == 2)
        #expect(production.triggers.filter { $0.enabled == true }.count == 2)
        #expect(World.generate(Self.spec).production.dataActions.count == 4)
    }

    /// ROUTING: queues, skills, wrap-up codes, campaigns. ARCHITECT: flows, tables (rows of
    /// shared tables kept), schedules, schedule groups, triggers. ICM: rows. ADMIN: integrations,
    /// their configs, credentials, data actions.
    @Test func aRefreshReplacesEachKindWithItsDomain() async throws {
        let clock = VirtualClock(mode: .manual)
        let emulator = Emulator(world: World.generate(Self.spec), clock: clock)
        let id = "sandbox-dev-01"
        func refresh(_ scope: String) {
            emulator.startManualRefresh(sandboxId: id, scope: scope)
            clock.advance(by: .seconds(6 * 3600))
        }
        let production = emulator.world.production
        let sharedTable = production.dataTables[0].id

        refresh("ROUTING")
        var sandbox = try #require(emulator.world.sandbox(id))
        #expect(sandbox.queues == production.queues && sandbox.wrapupCodes == production.wrapupCodes && sandbox.campaigns == production.campaigns)
        #expect(sandbox.schedules != production.schedules, "schedules are ARCHITECT's")
        #expect(sandbox.flows.contains { $0.flow.name.hasPrefix("DEV-") })

        refresh("ARCHITECT")
        sandbox = try #require(emulator.world.sandbox(id))
        #expect(sandbox.flows == production.flows && sandbox.schedules == production.schedules && sandbox.scheduleGroups == production.scheduleGroups)
        #expect(sandbox.triggers == production.triggers && sandbox.dataTables == production.dataTables)
        #expect(sandbox.dataTableRows[sharedTable]?.contains { $0.rowKey == "dev-row-1" } == true, "ARCHITECT keeps the rows of shared tables")
        #expect(sandbox.integrations.count == production.integrations.count)

        refresh("ICM")
        sandbox = try #require(emulator.world.sandbox(id))
        #expect(sandbox.dataTableRows[sharedTable]?.contains { $0.rowKey == "dev-row-1" } == false, "ICM replaces rows")

        // A hardened sandbox config is put back to production's by ADMIN.
        let direct = Direct(emulator: emulator)
        let integration = try #require(production.integrations.first?.id)
        let hardened = await direct.send(.put, "/api/v2/integrations/\(integration)/config/current", as: id,
                                         body: #"{"version": \#(production.integrationConfigs[integration]?.version ?? 0), "properties": {"baseUrl": "https://sbx.example.com"}}"#)
        #expect(hardened.status == 200)
        #expect(emulator.world.sandbox(id)?.integrationConfigs[integration] != production.integrationConfigs[integration])
        refresh("ROUTING,ADMIN")
        sandbox = try #require(emulator.world.sandbox(id))
        #expect(sandbox.integrationConfigs == production.integrationConfigs && sandbox.credentials == production.credentials)
        #expect(sandbox.dataActions == production.dataActions)
    }
}
