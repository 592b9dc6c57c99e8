import GenesysWire
import Impact
import Testing

@Suite struct ImpactComparerTests {
    func queue(_ id: String, _ name: String, description: String = "", division: String = "d1", modified: String = "2026-01-01T00:00:00Z") -> ImpactObject {
        ImpactObject(kind: .queue, entity: .object([
            "id": .string(id), "name": .string(name), "description": .string(description), "selfUri": .string("/api/v2/routing/queues/\(id)"),
            "dateModified": .string(modified), "division": .object(["id": .string(division), "name": .string("Home")]),
        ]))!
    }

    @Test func matchesByIdFirstThenByName() {
        let comparer = ImpactComparer()
        let matching = comparer.match(production: [queue("q1", "Billing"), queue("q2", "Support"), queue("q3", "Sales")],
                                      sandbox: [queue("q1", "Billing (renamed)"), queue("x9", "support"), queue("x8", "DEV-Scratch")])
        #expect(matching.pairs.map { "\($0.production.id)=\($0.sandbox.id) by \($0.matchedBy)" } == ["q1=q1 by id", "q2=x9 by name"])
        #expect(matching.added.map(\.name) == ["Sales"])
        #expect(matching.removed.map(\.name) == ["DEV-Scratch"])
    }

    @Test func idsUrisDatesAndDivisionsAreNotChanges() {
        let comparer = ImpactComparer()
        let pair = comparer.match(production: [queue("q1", "Billing", division: "prod-div", modified: "2026-01-01T00:00:00Z")],
                                  sandbox: [queue("q1", "Billing", division: "sbx-div", modified: "2026-05-05T00:00:00Z")]).pairs[0]
        #expect(comparer.sameContent(pair))
        let edited = comparer.match(production: [queue("q1", "Billing")], sandbox: [queue("q1", "Billing", description: "test queue")]).pairs[0]
        #expect(!comparer.sameContent(edited))
    }

    @Test func referencesCompareByTheNamesTheyPointAt() {
        let production = ContentNormaliser(names: ["pq": "queue:Billing"])
        let sandbox = ContentNormaliser(names: ["sq": "queue:Billing", "other": "queue:Other"])
        let comparer = ImpactComparer(productionNormaliser: production, sandboxNormaliser: sandbox)
        func flow(_ id: String, _ target: String) -> JSONValue { .object(["id": .string(id), "name": .string("Main"), "routesTo": .object(["id": .string(target)])]) }
        let pair = ImpactComparer.Pair(production: ImpactObject(kind: .flow, entity: flow("f", "pq"))!, sandbox: ImpactObject(kind: .flow, entity: flow("f", "sq"))!, matchedBy: "id")
        #expect(comparer.sameContent(pair))
        let moved = ImpactComparer.Pair(production: pair.production, sandbox: ImpactObject(kind: .flow, entity: flow("f", "other"))!, matchedBy: "id")
        #expect(!comparer.sameContent(moved))
    }

    @Test func flowVersionRecordsSettleOnlyWhenEqual() {
        func flow(_ checkedIn: String, generation: String) -> ImpactObject {
            ImpactObject(kind: .flow, entity: .object(["id": .string("f1"), "name": .string("Main IVR"), "type": .string("INBOUNDCALL"),
                                                       "checkedInVersion": .object(["id": .string(checkedIn), "generationId": .string(generation)])]))!
        }
        let comparer = ImpactComparer()
        let same = comparer.match(production: [flow("3.0", generation: "g3")], sandbox: [flow("3.0", generation: "g3")]).pairs[0]
        #expect(comparer.settledByVersion(same))
        let edited = comparer.match(production: [flow("3.0", generation: "g3")], sandbox: [flow("3.0", generation: "g3-sandbox")]).pairs[0]
        #expect(!comparer.settledByVersion(edited))
        let bare = ImpactObject(kind: .flow, entity: .object(["id": .string("f1"), "name": .string("Main IVR")]))!
        #expect(bare.versionHint == nil)
        #expect(!comparer.settledByVersion(ImpactComparer.Pair(production: bare, sandbox: bare, matchedBy: "id")))
    }

    @Test func flowsMatchByNameAndTypeAndUsersByEmail() {
        let inbound = ImpactObject(kind: .flow, entity: .object(["id": .string("a"), "name": .string("Main"), "type": .string("INBOUNDCALL")]))!
        let bot = ImpactObject(kind: .flow, entity: .object(["id": .string("b"), "name": .string("Main"), "type": .string("BOT")]))!
        let matching = ImpactComparer().match(production: [inbound], sandbox: [bot])
        #expect(matching.pairs.isEmpty && matching.added.count == 1 && matching.removed.count == 1)
        let user = ImpactObject(kind: .user, entity: .object(["id": .string("u1"), "name": .string("Ann"), "email": .string("ann@example.com")]))!
        #expect(user.name == "ann@example.com")
    }
}
