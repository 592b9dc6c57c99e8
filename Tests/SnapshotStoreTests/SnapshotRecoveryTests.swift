import Foundation
import SnapshotStore
import Testing

/// The states a crash or a person can leave a snapshot directory in, and what each open says.
@Suite("snapshot recovery")
struct SnapshotRecoveryTests {
    /// A crash after the manifest's rename and before the log's removal: complete, and the
    /// writer opened again clears the log.
    @Test func aLogLeftBesideACompleteManifestIsCleared() async throws {
        let fixture = try SnapshotFixture()
        defer { fixture.cleanUp() }
        let directory = fixture.directory(run: "run-1")
        let writer = try fixture.writer(run: "run-1")
        try await writer.add(kind: "queue", id: "q-1", name: "Billing", content: Data("q".utf8))
        let log = try Data(contentsOf: directory.appendingPathComponent("objects.log"))
        try await writer.complete()
        try log.write(to: directory.appendingPathComponent("objects.log"))
        #expect(try SnapshotReader.open(directory).isComplete)
        #expect(try SnapshotCatalog(root: fixture.root).list().map(\.complete) == [true])
        let again = try fixture.writer(run: "run-1")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("objects.log").path))
        #expect(try await again.add(kind: "queue", id: "q-1", name: "Billing", content: Data("q".utf8)) == .unchanged)
        #expect(try await again.objectCount == 1)
    }

    @Test func whatIsNotASnapshotOrNotThisOneIsRefused() async throws {
        let fixture = try SnapshotFixture()
        defer { fixture.cleanUp() }
        #expect(throws: SnapshotError.notASnapshot(directory: fixture.root.path)) { try SnapshotReader.open(fixture.root) }
        try await fixture.completeSnapshot(run: "run-1")
        let directory = fixture.directory(run: "run-1")
        #expect(throws: SnapshotError.unknownObject(kind: "queue", id: "q-404")) {
            try SnapshotReader.open(directory).content(kind: "queue", id: "q-404")
        }
        // A run directory copied under another run id is not silently continued as that run.
        let copy = fixture.directory(run: "run-2")
        try FileManager.default.copyItem(at: directory, to: copy)
        #expect(throws: SnapshotError.self) { try fixture.writer(run: "run-2") }

        let manifestURL = directory.appendingPathComponent("manifest.json")
        let manifest = try String(contentsOf: manifestURL, encoding: .utf8)
        try manifest.replacingOccurrences(of: "\"format\" : 1", with: "\"format\" : 2").write(to: manifestURL, atomically: true, encoding: .utf8)
        #expect(throws: SnapshotError.unsupportedFormat(file: manifestURL.path, format: 2)) { try SnapshotReader.open(directory) }
        try "{ not json".write(to: manifestURL, atomically: true, encoding: .utf8)
        #expect(throws: SnapshotError.self) { try SnapshotReader.open(directory) }
        #expect(try SnapshotCatalog(root: fixture.root).list().first { $0.runId == "run-1" }?.problem != nil)
    }

    @Test func twoObjectsCannotShareAFileAndAMissingOneIsNamed() async throws {
        let fixture = try SnapshotFixture()
        defer { fixture.cleanUp() }
        let writer = try fixture.writer(run: "run-1")
        try await writer.add(kind: "flow", id: "f-1", name: "Main", content: Data("a".utf8), file: "Main.yaml")
        await #expect(throws: SnapshotError.fileConflict(file: "flow/Main.yaml", kind: "flow", id: "f-2", existingId: "f-1")) {
            try await writer.add(kind: "flow", id: "f-2", name: "Main copy", content: Data("b".utf8), file: "Main.yaml")
        }
        // The same object moved to another file name: the old file goes.
        #expect(try await writer.add(kind: "flow", id: "f-1", name: "Main", content: Data("a".utf8), file: "Main-v2.yaml") == .replaced)
        let directory = fixture.directory(run: "run-1")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("flow/Main.yaml").path))
        try await writer.complete()
        try FileManager.default.removeItem(at: directory.appendingPathComponent("flow/Main-v2.yaml"))
        #expect(throws: SnapshotError.missingFile(file: directory.appendingPathComponent("flow/Main-v2.yaml").path)) {
            try SnapshotReader.open(directory).verify()
        }
    }
}
