import Crypto
import Foundation
import SnapshotStore
import Testing

/// `sandbox-refresh snapshots` as an operator runs it: the built binary over snapshots the
/// library wrote, never printing content.
@Suite("snapshots command, as a process")
struct SnapshotsCommandProcessTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The built executable, as `swift build` places it beside the test bundle.
    static func binary() throws -> URL {
        let candidates = [Bundle.main.bundleURL.appendingPathComponent("sandbox-refresh"),
                          Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("sandbox-refresh"),
                          repository.appendingPathComponent(".build/debug/sandbox-refresh")]
        return try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }, "run `swift build` first")
    }

    static func run(_ arguments: [String], in directory: URL) throws -> Run {
        let process = Process()
        process.executableURL = try binary()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let stdout = Pipe()
        let stderrURL = directory.appendingPathComponent("stderr-\(UUID().uuidString.prefix(6)).txt")
        FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        process.standardOutput = stdout
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        defer { try? FileManager.default.removeItem(at: stderrURL) }
        return Run(status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self),
                   stderr: (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "")
    }

    @Test func listsWhatTheLibraryWroteAsJSONAndAsATable() async throws {
        let fixture = try SnapshotFixture()
        defer { fixture.cleanUp() }
        let root = fixture.root.appendingPathComponent("snaps")
        let key = SymmetricKey(size: .bits256)
        let writer = try SnapshotWriter.open(root: root, sandboxId: "sandbox-dev-01", runId: "nightly-42", encryption: .aesGCM(key),
                                             createdAt: SnapshotFixture.created)
        try await writer.add(kind: "dataTable", id: "dt-1", name: "Customers", content: SnapshotFixture.rows)
        try await writer.add(kind: "queue", id: "q-1", name: "Billing", content: Data("{}".utf8))
        try await writer.complete()
        let unfinished = try SnapshotWriter.open(root: root, sandboxId: "sandbox-qa", runId: "crashed", createdAt: SnapshotFixture.created)
        try await unfinished.add(kind: "flow", id: "f-1", name: "Main", content: Data("flow".utf8))

        let json = try Self.run(["snapshots", "--dir", root.path, "--json"], in: fixture.root)
        #expect(json.status == 0, "\(json.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]], "\(json.stdout)")
        #expect(rows.count == 2)
        let dev = try #require(rows.first { $0["sandboxId"] as? String == "sandbox-dev-01" })
        #expect(dev["runId"] as? String == "nightly-42")
        #expect(dev["objectCount"] as? Int == 2)
        #expect(dev["totalBytes"] as? Int == SnapshotFixture.rows.count + 2)
        #expect(dev["complete"] as? Bool == true)
        #expect(dev["encrypted"] as? Bool == true)
        #expect(dev["createdAt"] as? String == "2026-11-30T00:53:20Z")
        let qa = try #require(rows.first { $0["sandboxId"] as? String == "sandbox-qa" })
        #expect(qa["complete"] as? Bool == false && qa["objectCount"] as? Int == 1)
        #expect(!json.stdout.contains("536-22-1234"))

        let only = try Self.run(["snapshots", "--dir", root.path, "--sandbox", "sandbox-qa", "--json"], in: fixture.root)
        #expect((try JSONSerialization.jsonObject(with: Data(only.stdout.utf8)) as? [Any])?.count == 1, "\(only.stdout)")

        let table = try Self.run(["snapshots", "--dir", root.path], in: fixture.root)
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("nightly-42") && table.stdout.contains("complete") && table.stdout.contains("incomplete"))
        #expect(table.stdout.contains("2 snapshots under \(root.path); 1 incomplete"))

        // The default directory, relative to the working directory, and nothing there yet.
        let empty = try Self.run(["snapshots"], in: fixture.root)
        #expect(empty.status == 0 && empty.stdout == "no snapshots under .sandbox-refresh/snapshots\n", "\(empty.stdout)\(empty.stderr)")
    }

    @Test func keepPrunesTheOlderCompleteSnapshotsFirst() async throws {
        let fixture = try SnapshotFixture()
        defer { fixture.cleanUp() }
        let root = fixture.root.appendingPathComponent(".sandbox-refresh/snapshots")
        for n in 0..<3 {
            let writer = try SnapshotWriter.open(root: root, sandboxId: "sandbox-dev-01", runId: "run-\(n)",
                                                 createdAt: SnapshotFixture.created.addingTimeInterval(Double(n) * 3600))
            try await writer.add(kind: "queue", id: "q-1", name: "Billing", content: Data("\(n)".utf8))
            try await writer.complete()
        }
        let run = try Self.run(["snapshots", "--keep", "1", "--json"], in: fixture.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("pruned 2 snapshots"), "\(run.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["runId"] as? String } == ["run-2"])
        let bad = try Self.run(["snapshots", "--older-than", "soon"], in: fixture.root)
        #expect(bad.status == 64 && bad.stderr.contains("--older-than"), "\(bad.status) \(bad.stderr)")
    }
}
