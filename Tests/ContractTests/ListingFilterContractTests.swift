import EmulatorCore
import Foundation
import GenesysWire
import Testing

/// The listing filters of `endpoints.json` a refresh or a user's script relies on filter: a
/// `?name=X` that returned everything would make a name lookup pick the wrong object.
@Suite("listing filters filter")
struct ListingFilterContractTests {
    func page<E: Decodable & Sendable & Hashable & Codable>(_ world: ContractWorld, _ path: String, as: E.Type, caller: ContractWorld.Caller = .production) async throws -> EntityPage<E> {
        let response = await world.send(.get(path, as: caller))
        try #require(response.status == 200, "\(path): HTTP \(response.status)")
        return try WireCoding.decode(EntityPage<E>.self, from: response.body)
    }

    @Test func queuesByNameIdAndDivision() async throws {
        let world = ContractWorld()
        let target = world.production.queues[5]
        let byName = try await page(world, "/api/v2/routing/queues?name=\(ProbeCatalog.enc(target.name))", as: Queue.self)
        #expect(byName.entities.map(\.id) == [target.id] && byName.total == 1)
        let lower = try await page(world, "/api/v2/routing/queues?name=\(ProbeCatalog.enc(target.name.lowercased()))", as: Queue.self)
        #expect(lower.entities.map(\.id) == [target.id], "names match case-insensitively")
        let wildcard = try await page(world, "/api/v2/routing/queues?name=Billing*&pageSize=100", as: Queue.self)
        #expect(!wildcard.entities.isEmpty && wildcard.entities.allSatisfy { $0.name.hasPrefix("Billing") })
        #expect(wildcard.total == world.production.queues.filter { $0.name.hasPrefix("Billing") }.count)
        let ids = [world.production.queues[1].id, world.production.queues[2].id]
        let byId = try await page(world, "/api/v2/routing/queues?id=\(ids[0])&id=\(ids[1])", as: Queue.self)
        #expect(Set(byId.entities.map(\.id)) == Set(ids))
        let commaIds = try await page(world, "/api/v2/routing/queues?id=\(ids.joined(separator: ","))", as: Queue.self)
        #expect(commaIds.total == 2)
        let division = try #require(target.division?.id)
        #expect(try await page(world, "/api/v2/routing/queues?divisionId=\(division)&pageSize=1", as: Queue.self).total == world.production.queues.count)
        #expect(try await page(world, "/api/v2/routing/queues?divisionId=\(ProbeCatalog.unknownId)", as: Queue.self).total == 0)
        #expect(try await page(world, "/api/v2/routing/queues?name=No+such+queue", as: Queue.self).total == 0)
    }

    /// The official SDKs form-encode query values: a space is `+`. A name with spaces sent that
    /// way finds its object, and a literal plus (`%2B`) stays a plus.
    @Test func aPlusInTheQueryIsASpace() async throws {
        let world = ContractWorld()
        let target = try #require(world.production.queues.first { $0.name.contains(" ") })
        let plussed = target.name.split(separator: " ", omittingEmptySubsequences: false).map { ProbeCatalog.enc(String($0)) }.joined(separator: "+")
        let found = try await page(world, "/api/v2/routing/queues?name=\(plussed)", as: Queue.self)
        #expect(found.entities.map(\.id) == [target.id], "name=\(plussed)")
        #expect(try await page(world, "/api/v2/routing/queues?name=\(ProbeCatalog.enc(target.name))%2B", as: Queue.self).total == 0)
    }

    @Test func filtersCarryIntoThePageLinks() async throws {
        let world = ContractWorld()
        let filtered = try await page(world, "/api/v2/routing/queues?name=*&pageSize=5", as: Queue.self)
        #expect(filtered.nextUri?.contains("name=") == true, "\(filtered.nextUri ?? "no nextUri")")
    }

    @Test func flowsByLowerCaseType() async throws {
        let world = ContractWorld()
        let bots = try await page(world, "/api/v2/flows?type=bot&pageSize=100", as: Flow.self)
        #expect(!bots.entities.isEmpty && bots.entities.allSatisfy { $0.type == .bot })
        #expect(bots.total == world.production.flows.filter { $0.flow.type == .bot }.count)
        let two = try await page(world, "/api/v2/flows?type=bot,inqueuecall&pageSize=100", as: Flow.self)
        #expect(Set(two.entities.compactMap(\.type)) == [.bot, .inqueueCall])
        let target = world.production.flows[7].flow
        #expect(try await page(world, "/api/v2/flows?name=\(ProbeCatalog.enc(target.name))", as: Flow.self).entities.map(\.id) == [target.id])
        #expect(try await page(world, "/api/v2/flows?id=\(target.id)", as: Flow.self).entities.map(\.id) == [target.id])
    }

    @Test func skillsByNamePrefixAndTablesAndTrunkBasesByName() async throws {
        let world = ContractWorld()
        let skill = world.production.skills[2]
        let prefix = String(skill.name.prefix(4))
        let skills = try await page(world, "/api/v2/routing/skills?name=\(ProbeCatalog.enc(prefix))", as: Skill.self)
        #expect(skills.entities.contains { $0.id == skill.id } && skills.entities.allSatisfy { $0.name.hasPrefix(prefix) })
        let table = world.production.dataTables[1]
        #expect(try await page(world, "/api/v2/flows/datatables?name=\(ProbeCatalog.enc(table.name))", as: DataTable.self).entities.map(\.id) == [table.id])
        let base = world.production.trunkBases[1]
        #expect(try await page(world, "/api/v2/telephony/providers/edges/trunkbasesettings?name=\(ProbeCatalog.enc(base.name))", as: TrunkBase.self).entities.map(\.id) == [base.id])
        let user = world.production.users[3]
        #expect(try await page(world, "/api/v2/users?id=\(user.id)", as: User.self).entities.map(\.id) == [user.id])
    }

    @Test func getByIdAnswersTheEntityItNames() async throws {
        let world = ContractWorld()
        let queue = world.production.queues[4]
        let response = await world.send(.get("/api/v2/routing/queues/\(queue.id)"))
        #expect(try WireCoding.decode(Queue.self, from: response.body) == queue)
        let flow = world.sandbox.flows[0].flow
        #expect(try WireCoding.decode(Flow.self, from: await world.send(.get("/api/v2/flows/\(flow.id)", as: .sandbox)).body) == flow)
        // Another organization's object is not found.
        let elsewhere = await world.send(.get("/api/v2/routing/queues/\(world.production.queues.last!.id)", as: .sandbox))
        #expect(elsewhere.status == 404, "drifted queues exist in production only")
    }

    @Test func organizationsMeNamesEachCredentialsOwnOrganization() async throws {
        let world = ContractWorld()
        let production = try WireCoding.decode(OrganizationInfo.self, from: await world.send(.get("/api/v2/organizations/me")).body)
        let sandbox = try WireCoding.decode(OrganizationInfo.self, from: await world.send(.get("/api/v2/organizations/me", as: .sandbox)).body)
        #expect(production.id == world.production.id && sandbox.id == world.sandbox.id && production.id != sandbox.id)
    }
}
