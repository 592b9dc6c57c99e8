import Crypto
import Foundation
import SnapshotStore
import Testing

@Suite("snapshot writer")
struct SnapshotWriterTests {
    /// The modes are set with chmod/fchmod, not left to the umask; and a directory that was
    /// already there (an earlier attempt's, made by hand with 0755) is narrowed to 0700.
    /// (The umask itself is process-wide, so no test changes it while others run.)
    @Test func directoriesAre0700AndFiles0600EvenWhereTheyExistedWider() async throws {
        let fixture = try SnapshotFixture()
        defer { fixture.cleanUp() }
        let directory = fixture.directory(run: "run-1")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("queue"), withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o755])
        for wide in [directory.deletingLastPathComponent(), directory, directory.appendingPathComponent("queue")] {
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: wide.path)
        }
        try Data("old".utf8).write(to: directory.appendingPathComponent("queue/q-1.json"))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: directory.appendingPathComponent("queue/q-1.json").path)
        try await fixture.completeSnapshot(run: "run-1")
        #expect(try SnapshotFixture.mode(directory) == 0o700)
        #expect(try SnapshotFixture.mode(directory.deletingLastPathComponent()) == 0o700)
        #expect(try SnapshotFixture.mode(directory.appendingPathComponent("queue")) == 0o700)
        #expect(try SnapshotFixture.mode(directory.appendingPathComponent("dataTable")) == 0o700)
        #expect(try SnapshotFixture.mode(directory.appendingPathComponent("queue/q-1.json")) == 0o600)
        #expect(try SnapshotFixture.mode(directory.appendingPathComponent("dataTable/dt-1.json")) == 0o600)
        #expect(try SnapshotFixture.mode(directory.appendingPathComponent("manifest.json")) == 0o600)
        // A fresh snapshot: the sandbox and run directories it creates, and the object log.
        let fresh = try fixture.writer(run: "run-2", sandbox: "sandbox-qa")
        try await fresh.add(kind: "flow", id: "f-1", name: "Main", content: Data("x".utf8))
        let qa = fixture.directory(run: "run-2", sandbox: "sandbox-qa")
        #expect(try SnapshotFixture.mode(qa.deletingLastPathComponent()) == 0o700)
        #expect(try SnapshotFixture.mode(qa) == 0o700)
        #expect(try SnapshotFixture.mode(qa.appendingPathComponent("objects.log")) == 0o600)
        #expect(try SnapshotFixture.mode(qa.appendingPathComponent("flow/f-1.json")) == 0o600)
    }

    @Test func theManifestListsEachObjectWithTheSHA256OfItsContent() async throws {
        let fixture = try SnapshotFixture()
        defer { fixture.cleanUp() }
        try await fixture.completeSnapshot(run: "run-1")
        let data = try Data(contentsOf: fixture.directory(run: "run-1").appendingPathComponent("manifest.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["complete"] as? Bool == true)
        #expect(json["encrypted"] as? Bool == false)
        #expect(json["sandboxId"] as? String == SnapshotFixture.sandbox)
        #expect(json["runId"] as? String == "run-1")
        #expect(json["createdAt"] as? String == "2026-11-30T00:53:20Z")
        #expect(json["toolVersion"] as? String == "0.0-test")
        let objects = try #require(json["objects"] as? [[String: Any]])
        #expect(objects.count == 2)
        let table = try #require(objects.first { $0["kind"] as? String == "dataTable" })
        #expect(table["id"] as? String == "dt-1")
        #expect(table["name"] as? String == "Customers")
        #expect(table["file"] as? String == "dataTable/dt-1.json")
        #expect(table["sha256"] as? String == SnapshotFixture.hex(SnapshotFixture.rows))
        #expect(table["size"] as? Int == SnapshotFixture.rows.count)
        // Content stays out of the manifest.
        #expect(!String(decoding: data, as: UTF8.self).contains("536-22-1234"))
        let onDisk = try Data(contentsOf: fixture.directory(run: "run-1").appendingPathComponent("dataTable/dt-1.json"))
        #expect(onDisk == SnapshotFixture.rows)
        #expect(!FileManager.default.fileExists(atPath: fixture.directory(run: "run-1").appendingPathComponent("objects.log").path))
    }

    @Test func addingTheSameContentAgainIsANoOpAndOtherContentReplacesIt() async throws {
        let fixture = try SnapshotFixture()
        defer { fixture.cleanUp() }
        let writer = try fixture.writer(run: "run-1")
        let file = fixture.directory(run: "run-1").appendingPathComponent("queue/q-1.json")
        #expect(try await writer.add(kind: "queue", id: "q-1", name: "Billing", content: Data("one".utf8)) == .written)
        let inode = try FileManager.default.attributesOfItem(atPath: file.path)[.systemFileNumber] as? Int
        #expect(try await writer.add(kind: "queue", id: "q-1", name: "Billing", content: Data("one".utf8)) == .unchanged)
        #expect(try FileManager.default.attributesOfItem(atPath: file.path)[.systemFileNumber] as? Int == inode, "not rewritten")
        #expect(try await writer.add(kind: "queue", id: "q-1", name: "Billing", content: Data("two".utf8)) == .replaced)
        let manifest = try await writer.complete()
        #expect(manifest.objects.count == 1)
        #expect(manifest.objects[0].sha256 == SnapshotFixture.hex(Data("two".utf8)))
        #expect(try SnapshotReader.open(fixture.directory(run: "run-1")).content(kind: "queue", id: "q-1") == Data("two".utf8))
    }

    @Test func aWriteStoppedBeforeTheManifestIsIncompleteAndResumes() async throws {
        let fixture = try SnapshotFixture()
        defer { fixture.cleanUp() }
        let directory = fixture.directory(run: "run-1")
        do {
            let first = try fixture.writer(run: "run-1")
            try await first.add(kind: "queue", id: "q-1", name: "Billing", content: Data("q1".utf8))
            try await first.add(kind: "flow", id: "f-1", name: "Main", content: Data("flow: main".utf8), file: "Main.yaml")
            // The process dies here: no complete(), and an append torn part-way.
        }
        let log = try FileHandle(forWritingTo: directory.appendingPathComponent("objects.log"))
        try log.seekToEnd()
        try log.write(contentsOf: Data(#"{"file":"queue/q-2.js"#.utf8))
        try log.close()
        let leftover = directory.appendingPathComponent("queue/.q-2.json.tmp-12345")
        try Data("half".utf8).write(to: leftover)

        let incomplete = try SnapshotReader.open(directory)
        #expect(!incomplete.isComplete)
        #expect(incomplete.objects.map(\.id) == ["f-1", "q-1"])
        let listed = try SnapshotCatalog(root: fixture.root).list()
        #expect(listed.map(\.complete) == [false])

        // Resumed a day later: createdAt stays the first attempt's.
        let resumed = try fixture.writer(run: "run-1", created: SnapshotFixture.created.addingTimeInterval(86_400))
        let queueFile = directory.appendingPathComponent("queue/q-1.json")
        let inode = try FileManager.default.attributesOfItem(atPath: queueFile.path)[.systemFileNumber] as? Int
        #expect(try await resumed.add(kind: "queue", id: "q-1", name: "Billing", content: Data("q1".utf8)) == .unchanged)
        #expect(try FileManager.default.attributesOfItem(atPath: queueFile.path)[.systemFileNumber] as? Int == inode)
        #expect(try await resumed.add(kind: "queue", id: "q-2", name: "Support", content: Data("q2".utf8)) == .written)
        let manifest = try await resumed.complete()
        #expect(manifest.createdAt == SnapshotFixture.created)
        #expect(!FileManager.default.fileExists(atPath: leftover.path), "a crash's temporary file is cleared on reopening")
        #expect(manifest.objects.map(\.file) == ["flow/Main.yaml", "queue/q-1.json", "queue/q-2.json"])
        let reader = try SnapshotReader.open(directory)
        #expect(reader.isComplete)
        try reader.verify()
        #expect(try reader.content(kind: "flow", id: "f-1") == Data("flow: main".utf8))
    }

    @Test func aFileLostByACrashIsWrittenAgainOnResumeAndCompleteRefusesAMissingOne() async throws {
        let fixture = try SnapshotFixture()
        defer { fixture.cleanUp() }
        let directory = fixture.directory(run: "run-1")
        let first = try fixture.writer(run: "run-1")
        try await first.add(kind: "queue", id: "q-1", name: "Billing", content: Data("q1".utf8))
        try await first.add(kind: "queue", id: "q-2", name: "Support", content: Data("q2".utf8))
        try FileManager.default.removeItem(at: directory.appendingPathComponent("queue/q-1.json"))
        try FileManager.default.removeItem(at: directory.appendingPathComponent("queue/q-2.json"))

        let resumed = try fixture.writer(run: "run-1")
        #expect(try await resumed.add(kind: "queue", id: "q-1", name: "Billing", content: Data("q1".utf8)) == .unchanged)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("queue/q-1.json").path))
        await #expect(throws: SnapshotError.missingFile(file: directory.appendingPathComponent("queue/q-2.json").path)) {
            try await resumed.complete()
        }
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("manifest.json").path))
    }

    @Test func changingACompleteSnapshotMakesItIncompleteUntilCompletedAgain() async throws {
        let fixture = try SnapshotFixture()
        defer { fixture.cleanUp() }
        try await fixture.completeSnapshot(run: "run-1")
        let writer = try fixture.writer(run: "run-1")
        #expect(try await writer.add(kind: "queue", id: "q-1", name: "Billing", content: Data(#"{"name":"Billing"}"#.utf8)) == .unchanged)
        #expect(try SnapshotReader.open(fixture.directory(run: "run-1")).isComplete, "an unchanged object keeps the snapshot complete")
        #expect(try await writer.add(kind: "queue", id: "q-1", name: "Billing", content: Data("edited".utf8)) == .replaced)
        #expect(try !SnapshotReader.open(fixture.directory(run: "run-1")).isComplete)
        #expect(try await writer.complete().objects.count == 2)
        let reader = try SnapshotReader.open(fixture.directory(run: "run-1"))
        #expect(reader.isComplete)
        try reader.verify()
    }
}
