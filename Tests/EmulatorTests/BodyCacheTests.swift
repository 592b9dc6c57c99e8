import EmulatorCore
import GenesysWire
import HummingbirdTesting
import Testing

/// Listing bodies are encoded once and reused; any change to the world must show at once.
@Suite struct BodyCacheTests {
    @Test func aListingReadAgainAfterAWorldChangeShowsTheChange() async throws {
        let harness = Harness()
        try await harness.test { client in
            let token = try await client.login(harness.sandbox)
            let path = "/api/v2/routing/queues?pageSize=500"
            let before = try decode(EntityPage<Queue>.self, try await client.get(path, token: token))
            let again = try decode(EntityPage<Queue>.self, try await client.get(path, token: token))
            #expect(again == before)

            let target = try #require(before.entities.first).id
            #expect(try await client.get("/api/v2/routing/queues/\(target)", token: token).status == .ok)
            let removed = try #require(harness.emulator.removeSandboxQueue(sandboxId: harness.sandbox.name, queueId: target))
            let after = try decode(EntityPage<Queue>.self, try await client.get(path, token: token))
            #expect(after.total == before.total - 1)
            #expect(!after.entities.contains { $0.id == removed })
            let entity = try await client.get("/api/v2/routing/queues/\(removed)", token: token)
            #expect(entity.status == .notFound)
        }
    }
}
