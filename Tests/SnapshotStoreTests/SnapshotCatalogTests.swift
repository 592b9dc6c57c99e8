import Foundation
import SnapshotStore
import Testing

@Suite("snapshot catalog")
struct SnapshotCatalogTests {
    static let day: TimeInterval = 86_400

    @Test func listsSnapshotsBySandboxNewestFirstWithCountsSizesAndState() async throws {
        let fixture = try SnapshotFixture()
        defer { fixture.cleanUp() }
        try await fixture.completeSnapshot(run: "old", created: SnapshotFixture.created)
        try await fixture.completeSnapshot(run: "new", created: SnapshotFixture.created.addingTimeInterval(Self.day))
        try await fixture.completeSnapshot(run: "other", sandbox: "sandbox-qa", created: SnapshotFixture.created)
        let unfinished = try fixture.writer(run: "unfinished", created: SnapshotFixture.created.addingTimeInterval(2 * Self.day))
        try await unfinished.add(kind: "queue", id: "q-9", name: "Nine", content: Data("12345".utf8))
        try FileManager.default.createDirectory(at: fixture.root.appendingPathComponent("sandbox-qa/not-a-snapshot"), withIntermediateDirectories: true)

        let all = try SnapshotCatalog(root: fixture.root).list()
        #expect(all.map { "\($0.sandboxId)/\($0.runId)" } == [
            "sandbox-dev-01/unfinished", "sandbox-dev-01/new", "sandbox-dev-01/old", "sandbox-qa/not-a-snapshot", "sandbox-qa/other",
        ] || all.map { "\($0.sandboxId)/\($0.runId)" } == [
            "sandbox-dev-01/unfinished", "sandbox-dev-01/new", "sandbox-dev-01/old", "sandbox-qa/other", "sandbox-qa/not-a-snapshot",
        ])
        let new = try #require(all.first { $0.runId == "new" })
        #expect(new.complete && !new.encrypted && new.objectCount == 2)
        #expect(new.totalBytes == #"{"name":"Billing"}"#.utf8.count + SnapshotFixture.rows.count)
        #expect(new.createdAt == SnapshotFixture.created.addingTimeInterval(Self.day))
        let open = try #require(all.first { $0.runId == "unfinished" })
        #expect(!open.complete && open.objectCount == 1 && open.totalBytes == 5 && open.problem == nil)
        #expect(try #require(all.first { $0.runId == "not-a-snapshot" }).problem != nil)

        #expect(try SnapshotCatalog(root: fixture.root).list(sandboxId: "sandbox-qa").count == 2)
        #expect(try SnapshotCatalog(root: fixture.root.appendingPathComponent("missing")).list().isEmpty)
    }

    @Test func pruneKeepsTheNewestCompleteSnapshotsPerSandbox() async throws {
        let fixture = try SnapshotFixture()
        defer { fixture.cleanUp() }
        for n in 0..<4 {
            try await fixture.completeSnapshot(run: "run-\(n)", created: SnapshotFixture.created.addingTimeInterval(Double(n) * Self.day))
        }
        try await fixture.completeSnapshot(run: "qa-0", sandbox: "sandbox-qa", created: SnapshotFixture.created)
        // An incomplete one, the oldest: not counted in keep, and not removed without an age limit.
        _ = try fixture.writer(run: "crashed", created: SnapshotFixture.created.addingTimeInterval(-Self.day))
        let catalog = SnapshotCatalog(root: fixture.root)
        let now = SnapshotFixture.created.addingTimeInterval(10 * Self.day)
        #expect(try catalog.prune(keep: nil, maxAge: nil, now: now).isEmpty)
        let removed = try catalog.prune(keep: 2, maxAge: nil, now: now)
        #expect(removed.map(\.runId).sorted() == ["run-0", "run-1"])
        #expect(try catalog.list().map(\.runId) == ["run-3", "run-2", "crashed", "qa-0"])
        #expect(!FileManager.default.fileExists(atPath: fixture.directory(run: "run-0").path))
    }

    @Test func pruneByAgeRemovesOldSnapshotsAndOldIncompleteOnesOnly() async throws {
        let fixture = try SnapshotFixture()
        defer { fixture.cleanUp() }
        let now = SnapshotFixture.created.addingTimeInterval(30 * Self.day)
        try await fixture.completeSnapshot(run: "month-old", created: now.addingTimeInterval(-29 * Self.day))
        try await fixture.completeSnapshot(run: "week-old", created: now.addingTimeInterval(-7 * Self.day))
        _ = try fixture.writer(run: "crashed-long-ago", created: now.addingTimeInterval(-20 * Self.day))
        _ = try fixture.writer(run: "still-writing", created: now.addingTimeInterval(-60))
        try await fixture.completeSnapshot(run: "qa-old", sandbox: "sandbox-qa", created: now.addingTimeInterval(-15 * Self.day))
        let catalog = SnapshotCatalog(root: fixture.root)
        let removed = try catalog.prune(keep: nil, maxAge: .seconds(14 * Self.day), now: now)
        #expect(removed.map(\.runId).sorted() == ["crashed-long-ago", "month-old", "qa-old"])
        #expect(try catalog.list().map(\.runId) == ["still-writing", "week-old"])
        #expect(!FileManager.default.fileExists(atPath: fixture.root.appendingPathComponent("sandbox-qa").path), "an emptied sandbox directory goes")
        // Only one sandbox's, with keep and age together.
        try await fixture.completeSnapshot(run: "qa-new", sandbox: "sandbox-qa", created: now)
        #expect(try catalog.prune(keep: 0, maxAge: .seconds(Self.day), now: now, sandboxId: "sandbox-qa").map(\.runId) == ["qa-new"])
        #expect(try catalog.list().map(\.runId) == ["still-writing", "week-old"])
    }

    @Test func theArtifactViewCarriesNamesAndHashesButNoContentOrLocation() async throws {
        let fixture = try SnapshotFixture()
        defer { fixture.cleanUp() }
        let manifest = try await fixture.completeSnapshot(run: "run-1")
        let artifact = ArtifactManifest(manifest)
        #expect(artifact.objectCount == 2 && artifact.countsByKind == ["queue": 1, "dataTable": 1])
        let text = String(decoding: try artifact.jsonData(), as: UTF8.self)
        #expect(text.contains("\"Customers\"") && text.contains(SnapshotFixture.hex(SnapshotFixture.rows)))
        #expect(!text.contains("536-22-1234") && !text.contains(fixture.root.path) && !text.contains("dt-1.json"))
    }
}
