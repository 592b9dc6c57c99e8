import Foundation
import PlanGraph
import Testing

@Suite("saved plans")
struct SavedPlanTests {
    @Test func sha256MatchesKnownVector() {
        #expect(SavedPlan.sha256(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func changedSourcesAreDetected() throws {
        let graph = try Fixture.compile("specs/dev.yaml")
        let original = Data("name: dev\n".utf8)
        let saved = SavedPlan(entry: "specs/dev.yaml", document: PlanDocument(graph: graph, sources: [.init(path: "a.yaml", sha256: SavedPlan.sha256(original))]))
        let decoded = try #require(SavedPlan.decode(saved.encoded()))
        #expect(decoded.changedSources { _ in original }.isEmpty)
        #expect(decoded.changedSources { _ in Data("name: prod\n".utf8) } == ["a.yaml"])
        #expect(decoded.changedSources { _ in nil } == ["a.yaml"])
    }
}
