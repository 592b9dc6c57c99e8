import Crypto
import Foundation
import SnapshotStore
import Testing

/// What a snapshot refuses: names that leave its directory, files that changed, keys that
/// are not its own. Errors name files, never content or keys.
@Suite("snapshot safety")
struct SnapshotSafetyTests {
    @Test(arguments: ["..", ".", "../etc", "a/b", "nul\u{0}id", ""])
    func anIdThatCouldBeAPathIsRefused(_ id: String) async throws {
        let fixture = try SnapshotFixture()
        defer { fixture.cleanUp() }
        let writer = try fixture.writer(run: "run-1")
        await #expect(throws: SnapshotError.self) { try await writer.add(kind: "queue", id: id, name: "x", content: Data("x".utf8)) }
        await #expect(throws: SnapshotError.self) { try await writer.add(kind: id.isEmpty ? "a/b" : id, id: "q-1", name: "x", content: Data("x".utf8)) }
        await #expect(throws: SnapshotError.self) { try await writer.add(kind: "flow", id: "f-1", name: "x", content: Data("x".utf8), file: id) }
        #expect(throws: SnapshotError.self) { try fixture.writer(run: id) }
        #expect(throws: SnapshotError.self) { try fixture.writer(run: "run-2", sandbox: id) }
        #expect(throws: SnapshotError.self) { try fixture.writer(run: ".hidden") }
        let written = try FileManager.default.subpathsOfDirectory(atPath: fixture.root.path).sorted()
        #expect(written == ["sandbox-dev-01", "sandbox-dev-01/run-1", "sandbox-dev-01/run-1/objects.log"])
    }

    @Test func anIdIsSpeltAsAPortableFileNameAndNamesAreNeverPaths() async throws {
        let fixture = try SnapshotFixture()
        defer { fixture.cleanUp() }
        let writer = try fixture.writer(run: "run-1")
        try await writer.add(kind: "queue", id: ".hidden id%", name: "../../Billing / EMEA", content: Data("x".utf8))
        try await writer.add(kind: "queue", id: String(repeating: "é", count: 300), name: "long", content: Data("y".utf8))
        let manifest = try await writer.complete()
        let files = manifest.objects.map(\.file)
        #expect(files.contains("queue/%2Ehidden%20id%25.json"))
        #expect(files.allSatisfy { $0.utf8.count < 255 && $0.hasPrefix("queue/") && !$0.dropFirst(6).contains("/") })
        #expect(manifest.objects.contains { $0.name == "../../Billing / EMEA" })
    }

    @Test func aManifestPointingOutsideTheSnapshotIsRefused() async throws {
        let fixture = try SnapshotFixture()
        defer { fixture.cleanUp() }
        try await fixture.completeSnapshot(run: "run-1")
        let url = fixture.directory(run: "run-1").appendingPathComponent("manifest.json")
        let text = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "queue/q-1.json", with: "queue/../../../secret")
        try text.write(to: url, atomically: true, encoding: .utf8)
        #expect(throws: SnapshotError.self) { try SnapshotReader.open(fixture.directory(run: "run-1")) }
    }

    @Test func aChangedFileIsReportedByNameWithoutItsContent() async throws {
        let fixture = try SnapshotFixture()
        defer { fixture.cleanUp() }
        try await fixture.completeSnapshot(run: "run-1")
        let file = fixture.directory(run: "run-1").appendingPathComponent("dataTable/dt-1.json")
        try Data(#"{"rows":[{"key":"k1","ssn":"536-22-9999"}]}"#.utf8).write(to: file)
        let reader = try SnapshotReader.open(fixture.directory(run: "run-1"))
        #expect(try reader.content(kind: "queue", id: "q-1") == Data(#"{"name":"Billing"}"#.utf8))
        do {
            _ = try reader.content(kind: "dataTable", id: "dt-1")
            Issue.record("a changed file was read")
        } catch let error as SnapshotError {
            guard case let .tampered(path, _) = error else { Issue.record("\(error)"); return }
            #expect(path == file.path)
            #expect(!"\(error)".contains("536-22"))
        }
        #expect(throws: SnapshotError.self) { try reader.verify() }
    }

    @Test func anEncryptedSnapshotSealsEachFileAndDetectsTamperingAndTheWrongKey() async throws {
        let fixture = try SnapshotFixture()
        defer { fixture.cleanUp() }
        let key = SymmetricKey(size: .bits256)
        let manifest = try await fixture.completeSnapshot(run: "run-1", encryption: .aesGCM(key))
        #expect(manifest.encrypted)
        let directory = fixture.directory(run: "run-1")
        let sealed = try Data(contentsOf: directory.appendingPathComponent("dataTable/dt-1.json"))
        #expect(sealed.count == SnapshotFixture.rows.count + 28)
        #expect(sealed.range(of: Data("536-22-1234".utf8)) == nil, "no plaintext on disk")
        #expect(try SnapshotReader.open(directory, key: key).content(kind: "dataTable", id: "dt-1") == SnapshotFixture.rows)

        #expect(throws: SnapshotError.wrongKey(directory: directory.path)) { try SnapshotReader.open(directory, key: SymmetricKey(size: .bits256)) }
        #expect(throws: SnapshotError.encryptionMismatch(directory: directory.path, snapshotEncrypted: true)) {
            try SnapshotReader.open(directory).content(kind: "queue", id: "q-1")
        }
        #expect(throws: SnapshotError.wrongKey(directory: directory.path)) {
            try fixture.writer(run: "run-1", encryption: .aesGCM(SymmetricKey(size: .bits256)))
        }
        #expect(throws: SnapshotError.encryptionMismatch(directory: directory.path, snapshotEncrypted: true)) { try fixture.writer(run: "run-1") }

        // One flipped bit, then two sealed files swapped: both fail authentication, by file name.
        var flipped = sealed
        flipped[20] ^= 0x01
        try flipped.write(to: directory.appendingPathComponent("dataTable/dt-1.json"))
        #expect(throws: SnapshotError.tampered(file: directory.appendingPathComponent("dataTable/dt-1.json").path,
                                              reason: "it fails AES-GCM authentication (altered, or moved from another file)")) {
            try SnapshotReader.open(directory, key: key).content(kind: "dataTable", id: "dt-1")
        }
        try Data(contentsOf: directory.appendingPathComponent("queue/q-1.json")).write(to: directory.appendingPathComponent("dataTable/dt-1.json"))
        #expect(throws: SnapshotError.self) { try SnapshotReader.open(directory, key: key).content(kind: "dataTable", id: "dt-1") }
    }

    @Test func aKeyIsReadFromHexOrBase64AndBadTextIsNeverEchoed() throws {
        let hex = SnapshotKey.generateHex()
        let key = try SnapshotKey.parse(" \(hex)\n")
        let bytes = key.withUnsafeBytes { Data($0) }
        #expect(bytes.map { String(format: "%02x", $0) }.joined() == hex)
        #expect(try SnapshotKey.parse(bytes.base64EncodedString()).withUnsafeBytes { Data($0) } == bytes)
        let urlSafe = bytes.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        #expect(try SnapshotKey.parse(urlSafe).withUnsafeBytes { Data($0) } == bytes)
        for bad in ["", "not-a-key-secret-value!!", Data(repeating: 7, count: 16).base64EncodedString(), String(hex.dropLast(2))] {
            do {
                _ = try SnapshotKey.parse(bad)
                Issue.record("accepted a bad key of \(bad.count) characters")
            } catch {
                #expect(bad.isEmpty || !"\(error)".contains(bad), "the key text is echoed: \(error)")
                guard case SnapshotError.invalidKey = error else { Issue.record("\(error)"); continue }
            }
        }
    }
}
