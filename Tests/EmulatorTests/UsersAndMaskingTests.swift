import EmulatorCore
import GenesysWire
import HummingbirdTesting
import Testing

@Suite struct UsersAndMaskingTests {
    @Test func fullRefreshWithoutPreservedUsersKillsEveryExistingSandboxToken() async throws {
        let harness = Harness()
        let session = try #require(harness.emulator.userSessions(organization: "sandbox-dev-01").first)
        let production = harness.emulator.world.production
        try await harness.test { client in
            let token = try await client.login(harness.sandbox)
            let productionToken = try await client.login(harness.production)
            let submit = try await client.call(.post, refreshesPath(), token: token,
                                               json: RefreshRequest(scope: "ALL", description: "audit", preserveSandboxUsers: false))
            #expect(submit.status == .ok)
            #expect(try await client.get("/api/v2/users", token: session.token).status == .ok)
            harness.clock.advance(by: .seconds(6 * 3600))
            let stale = try await client.get(refreshesPath(), token: token)
            #expect(stale.status == .unauthorized)
            #expect(try decode(ErrorBody.self, stale).message.contains("sandbox users were replaced"))
            #expect(try await client.get("/api/v2/users", token: session.token).status == .unauthorized)
            #expect(try await client.get(refreshesPath(), token: productionToken).status == .ok)
            // A fresh login works and sees production's users and trunks.
            let fresh = try await client.login(harness.sandbox)
            let users = try decode(EntityPage<User>.self, try await client.get("/api/v2/users?pageSize=500", token: fresh))
            #expect(Set(users.entities.map(\.id)) == Set(production.users.map(\.id)))
            let trunks = try decode(EntityPage<Trunk>.self, try await client.get("/api/v2/telephony/providers/edges/trunks", token: fresh))
            #expect(trunks.entities == production.trunks)
            let bases = try decode(EntityPage<TrunkBase>.self, try await client.get("/api/v2/telephony/providers/edges/trunkbasesettings", token: fresh))
            #expect(bases.entities.map { $0.propertyText(EmulatedTelephony.registrationProperty) } == production.trunkBases.map { $0.propertyText(EmulatedTelephony.registrationProperty) })
        }
        #expect(harness.emulator.userSessions(organization: "sandbox-dev-01").isEmpty)
    }

    @Test func preservedUsersAreMergedAndTokensSurvive() async throws {
        let harness = Harness()
        let session = try #require(harness.emulator.userSessions(organization: "sandbox-dev-01").first)
        let before = harness.emulator.world
        try await harness.test { client in
            let token = try await client.login(harness.sandbox)
            _ = try await client.call(.post, refreshesPath(), token: token,
                                      json: RefreshRequest(scope: "ADMIN,ROUTING", description: "x", preserveSandboxUsers: true))
            harness.clock.advance(by: .seconds(6 * 3600))
            #expect(try await client.get(refreshesPath(), token: token).status == .ok)
            #expect(try await client.get("/api/v2/users", token: session.token).status == .ok)
        }
        let users = try #require(harness.emulator.world.sandbox("sandbox-dev-01")).users
        #expect(users.count == before.sandbox("sandbox-dev-01")!.users.count + before.production.users.count)
        // Trunks only come with ALL.
        #expect(harness.emulator.world.sandbox("sandbox-dev-01")!.trunks == before.sandbox("sandbox-dev-01")!.trunks)
    }

    @Test func icmCopiesCustomerDataUnmaskedUnlessAsked() async throws {
        let harness = Harness()
        try await harness.test { client in
            let token = try await client.login(harness.sandbox)
            _ = try await client.call(.post, refreshesPath(), token: token, json: RefreshRequest(scope: "ICM", description: "x", preserveSandboxUsers: true))
            harness.clock.advance(by: .seconds(6 * 3600))
            let contacts = try decode(EntityPage<ExternalContact>.self, try await client.get("/api/v2/externalcontacts/contacts?pageSize=500", token: token))
            #expect(contacts.entities.compactMap(\.notesText).contains(where: PIIPatterns.containsPII))
        }
    }

    @Test func maskingRulesApplyAsDataIsCopied() async throws {
        let harness = Harness()
        let production = harness.emulator.world.production
        let rules = [
            WireMaskingRule(object: "externalContact", field: "workPhone", action: "partial", keepLast: 4),
            WireMaskingRule(object: "externalContact", field: "personalEmail", action: "hash"),
            WireMaskingRule(object: "externalContact", field: "lastName", action: "tokenize"),
            WireMaskingRule(dataTable: "*", column: "phone", action: "redact"),
        ]
        try await harness.test { client in
            let token = try await client.login(harness.sandbox)
            let submit = try await client.call(.post, refreshesPath(), token: token,
                                               json: RefreshRequest(scope: "ICM", description: "masked", preserveSandboxUsers: true, maskPii: true, maskingRules: rules))
            #expect(submit.status == .ok)
            harness.clock.advance(by: .seconds(6 * 3600))
        }
        let sandbox = try #require(harness.emulator.world.sandbox("sandbox-dev-01"))
        #expect(sandbox.contacts.count == production.contacts.count)
        for (copy, original) in zip(sandbox.contacts, production.contacts) {
            let phone = try #require(original.workPhone?.display), e164 = try #require(original.workPhone?.e164)
            #expect(copy.workPhone?.display == String(repeating: "*", count: phone.count - 4) + phone.suffix(4))
            #expect(copy.workPhone?.e164 == String(repeating: "*", count: e164.count - 4) + e164.suffix(4), "every rendering of the number is masked")
            // hash: HMAC-SHA-256 hex; tokenize: format-preserving (same length, different value).
            #expect(copy.personalEmail?.count == 64 && copy.personalEmail != original.personalEmail)
            #expect(copy.lastName != original.lastName && copy.lastName?.count == original.lastName?.count)
            #expect(copy.firstName == original.firstName)
            #expect(!(copy.notesText.map(PIIPatterns.containsPII) ?? false))
        }
        let rows = sandbox.dataTableRows.values.flatMap { $0 }
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { $0["phone"] == .string(Masker.redacted) })
        #expect(!rows.contains { $0["notes"]?.stringValue.map(PIIPatterns.containsPII) ?? false })
    }
}
