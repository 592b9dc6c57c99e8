import EmulatorCore
import GenesysWire
import HummingbirdTesting
import Testing

@Suite struct PagingTests {
    static let spec = WorldSpec(seed: 1, queues: 2000, skills: 10, flows: 30, contacts: 120, dataTables: 2, dataTableRows: 60, driftQueues: 0)

    @Test func pagesOf2000QueuesCarryTheNotesFields() async throws {
        let harness = Harness(spec: Self.spec)
        try await harness.test { client in
            let token = try await client.login(harness.production)
            let first = try decode(EntityPage<Queue>.self, try await client.get("/api/v2/routing/queues?pageSize=100&pageNumber=1", token: token))
            #expect(first.entities.count == 100)
            #expect(first.total == 2000)
            #expect(first.pageCount == 20)
            #expect(first.pageNumber == 1)
            #expect(first.pageSize == 100)
            #expect(first.firstUri == "/api/v2/routing/queues?pageSize=100&pageNumber=1")
            #expect(first.selfUri == "/api/v2/routing/queues?pageSize=100&pageNumber=1")
            #expect(first.nextUri == "/api/v2/routing/queues?pageSize=100&pageNumber=2")
            #expect(first.previousUri == nil)
            #expect(first.lastUri == "/api/v2/routing/queues?pageSize=100&pageNumber=20")

            let lastResponse = try await client.get("/api/v2/routing/queues?pageSize=100&pageNumber=20", token: token)
            let last = try decode(EntityPage<Queue>.self, lastResponse)
            #expect(last.nextUri == nil)
            #expect(!bodyText(lastResponse).contains("nextUri"))
            #expect(last.previousUri == "/api/v2/routing/queues?pageSize=100&pageNumber=19")
            #expect(Set(first.entities.map(\.id)).isDisjoint(with: last.entities.map(\.id)))

            let beyond = try decode(EntityPage<Queue>.self, try await client.get("/api/v2/routing/queues?pageSize=100&pageNumber=21", token: token))
            #expect(beyond.entities.isEmpty)
            #expect(beyond.total == 2000)
        }
    }

    @Test func defaultPageSizeIs25AndCountingUsesPageSize1() async throws {
        let harness = Harness(spec: Self.spec)
        try await harness.test { client in
            let token = try await client.login(harness.production)
            let page = try decode(EntityPage<Queue>.self, try await client.get("/api/v2/routing/queues", token: token))
            #expect(page.pageSize == 25)
            #expect(page.entities.count == 25)
            #expect(page.pageCount == 80)
            let count = try decode(EntityPage<Queue>.self, try await client.get("/api/v2/routing/queues?pageSize=1", token: token))
            #expect(count.total == 2000)
            #expect(count.entities.count == 1)
        }
    }

    @Test func pageSizeAbove500IsABadRequest() async throws {
        let harness = Harness(spec: Self.spec)
        try await harness.test { client in
            let token = try await client.login(harness.production)
            #expect(try await client.get("/api/v2/routing/queues?pageSize=500", token: token).status == .ok)
            let response = try await client.get("/api/v2/routing/queues?pageSize=501", token: token)
            #expect(response.status == .badRequest)
            let body = try decode(ErrorBody.self, response)
            #expect(body.code == "bad.request")
            #expect(body.details?.first?.fieldName == "pageSize")
            #expect(try await client.get("/api/v2/routing/queues?pageNumber=0", token: token).status == .badRequest)
        }
    }

    @Test func everyListingServesItsOrganizationsObjects() async throws {
        let harness = Harness(spec: Self.spec)
        let world = harness.emulator.world
        try await harness.test { client in
            let token = try await client.login(harness.production)
            func total(_ listing: Endpoint.Listing) async throws -> Int {
                try decode(EntityPage<JSONValue>.self, try await client.get(listing.path + "?pageSize=1", token: token)).total
            }
            #expect(try await total(.skills) == world.production.skills.count)
            #expect(try await total(.flows) == world.production.flows.count)
            #expect(try await total(.externalContacts) == 120)
            #expect(try await total(.dataTables) == 2)
            #expect(try await total(.trunks) == world.production.trunks.count)
            #expect(try await total(.users) == world.production.users.count)

            let flows = try decode(EntityPage<Flow>.self, try await client.get("/api/v2/flows?pageSize=5", token: token))
            #expect(flows.entities.first?.publishedVersion != nil)
            let contacts = try decode(EntityPage<ExternalContact>.self, try await client.get("/api/v2/externalcontacts/contacts?pageSize=500", token: token))
            #expect(contacts.entities.count == 120)
            let trunks = try decode(EntityPage<Trunk>.self, try await client.get("/api/v2/telephony/providers/edges/trunks", token: token))
            #expect(trunks.entities.allSatisfy { $0.registersEnabledStatus == .enabled && $0.trunkBase != nil })
        }
    }

    @Test func dataTableRowsAreBriefUnlessAsked() async throws {
        let harness = Harness(spec: Self.spec)
        let table = try #require(harness.emulator.world.production.dataTables.first)
        try await harness.test { client in
            let token = try await client.login(harness.production)
            let brief = try decode(EntityPage<[String: JSONValue]>.self, try await client.get("/api/v2/flows/datatables/\(table.id)/rows", token: token))
            #expect(brief.total == 30)
            #expect(brief.entities.allSatisfy { Array($0.keys) == ["key"] })
            let full = try decode(EntityPage<[String: JSONValue]>.self,
                                  try await client.get("/api/v2/flows/datatables/\(table.id)/rows?showbrief=false&pageSize=50", token: token))
            #expect(full.entities.allSatisfy { $0["customerName"] != nil && $0["notes"] != nil })
            #expect(try await client.get("/api/v2/flows/datatables/missing/rows", token: token).status == .notFound)
        }
    }
}
