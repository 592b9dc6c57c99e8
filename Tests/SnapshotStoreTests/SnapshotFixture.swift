import Crypto
import Foundation
import SnapshotStore
import Testing

/// A temporary snapshot root per test, removed afterwards.
struct SnapshotFixture {
    let root: URL
    static let sandbox = "sandbox-dev-01"
    static let created = Date(timeIntervalSince1970: 1_796_000_000)

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("snapshot-store-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    func cleanUp() { try? FileManager.default.removeItem(at: root) }

    func directory(run: String, sandbox: String = SnapshotFixture.sandbox) -> URL {
        root.appendingPathComponent(sandbox).appendingPathComponent(run)
    }

    func writer(run: String, sandbox: String = SnapshotFixture.sandbox, encryption: SnapshotEncryption = .none,
                created: Date = SnapshotFixture.created) throws -> SnapshotWriter {
        try SnapshotWriter.open(root: root, sandboxId: sandbox, runId: run, encryption: encryption, createdAt: created, toolVersion: "0.0-test")
    }

    /// A complete snapshot with a queue and a data table.
    @discardableResult
    func completeSnapshot(run: String, sandbox: String = SnapshotFixture.sandbox, created: Date = SnapshotFixture.created,
                          encryption: SnapshotEncryption = .none) async throws -> SnapshotManifest {
        let writer = try writer(run: run, sandbox: sandbox, encryption: encryption, created: created)
        try await writer.add(kind: "queue", id: "q-1", name: "Billing", content: Data(#"{"name":"Billing"}"#.utf8))
        try await writer.add(kind: "dataTable", id: "dt-1", name: "Customers", content: Self.rows)
        return try await writer.complete()
    }

    static let rows = Data(#"{"rows":[{"key":"k1","ssn":"536-22-1234"}]}"#.utf8)

    static func mode(_ url: URL) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        return try #require(attributes[.posixPermissions] as? Int) & 0o777
    }

    static func hex(_ data: Data) -> String { SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined() }
}
