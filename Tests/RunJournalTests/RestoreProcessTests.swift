import Foundation
import Testing

/// `apply` leaves a snapshot naming every sandbox-only object; `restore`, a process of its own,
/// previews and then puts them back, and a second restore writes nothing twice.
@Suite("restore as its own process, from an earlier run's snapshot")
struct RestoreProcessTests {
    /// Every line of a child's stdout, once it has exited.
    static func finish(_ child: Child) async -> (lines: [String], status: Int32) {
        let lines = await child.readLines { _ in false }
        let ended = await child.exit()
        return (lines, ended.status)
    }

    @Test func aSnapshotFromApplyIsPreviewedThenRestoredOnceByARestoreProcess() async throws {
        let bench = try Bench()
        defer { bench.cleanUp() }
        let emulator = try await bench.startEmulator(scale: 400)
        defer { emulator.kill() }
        let runId = bench.runId("snap")
        let apply = try bench.startApply(emulator: emulator.url, runId: runId)
        let applied = await Self.finish(apply)
        #expect(applied.status == 0, "apply: \(apply.stderr)")
        let snapshot = bench.directory.appendingPathComponent(".sandbox-refresh/snapshots/\(Bench.sandboxId)/\(runId)")
        let manifestData = try Data(contentsOf: snapshot.appendingPathComponent("manifest.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: manifestData) as? [String: Any])
        let objects = try #require(manifest["objects"] as? [[String: Any]])
        let names = Set(objects.compactMap { $0["name"] as? String })
        #expect(names.contains("DEV Test Queue 1") && names.contains("DEV-Inboundcall Flow 1"), "\(names)")
        #expect(manifest["complete"] as? Bool == true)
        let attributes = try FileManager.default.attributesOfItem(atPath: snapshot.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o700)

        // A preview writes nothing and says what each object needs.
        let previewChild = try Child(binary: bench.binary, arguments: ["restore", snapshot.path, "--plan", Bench.plan, "--emulator", emulator.url],
                                     directory: bench.directory, name: "restore-preview")
        let preview = await Self.finish(previewChild)
        #expect(preview.status == 0, "\(previewChild.stderr)")
        #expect(preview.lines.contains { $0.contains("would-create: queue \"DEV Test Queue 1\"") }, "\(preview.lines)")
        #expect(preview.lines.contains { $0.contains("would-import: flow \"DEV-Inboundcall Flow 1\"") }, "\(preview.lines)")

        let writeChild = try Child(binary: bench.binary, arguments: ["restore", snapshot.path, "--plan", Bench.plan, "--emulator", emulator.url, "--yes"],
                                   directory: bench.directory, name: "restore-write")
        let written = await Self.finish(writeChild)
        #expect(written.status == 0, "\(written.lines) \(writeChild.stderr)")
        #expect(written.lines.contains { $0.contains("created: queue \"DEV Test Queue 1\"") }, "\(written.lines)")
        #expect(written.lines.contains { $0.contains("imported: flow \"DEV-Inboundcall Flow 1\"") }, "\(written.lines)")

        // Run again: every object is in place (flows are imported by name: updated, never duplicated).
        let againChild = try Child(binary: bench.binary, arguments: ["restore", snapshot.path, "--plan", Bench.plan, "--emulator", emulator.url, "--yes",
                                                                     "--only", "queue:DEV*", "--only", "wrapupCode:*"],
                                   directory: bench.directory, name: "restore-again")
        let again = await Self.finish(againChild)
        #expect(again.status == 0, "\(againChild.stderr)")
        let touched = again.lines.filter { $0.contains(": queue ") || $0.contains(": wrapupCode ") }
        #expect(!touched.isEmpty && touched.allSatisfy { $0.contains("in-place:") }, "\(again.lines)")
        #expect(!again.lines.contains { $0.contains(": flow ") }, "--only selected no flow")
    }

    @Test func aSnapshotOfAnotherSandboxIsRefusedAndNothingIsSent() async throws {
        let bench = try Bench()
        defer { bench.cleanUp() }
        let foreign = bench.directory.appendingPathComponent("snapshots/other-sandbox/run-1")
        try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
        let manifest = #"{"complete":true,"createdAt":"2026-12-07T00:00:00Z","encrypted":false,"format":1,"objects":[],"runId":"run-1","sandboxId":"other-sandbox"}"#
        try Data(manifest.utf8).write(to: foreign.appendingPathComponent("manifest.json"))
        let child = try Child(binary: bench.binary, arguments: ["restore", foreign.path, "--plan", Bench.plan, "--emulate", "--yes"],
                              directory: bench.directory, name: "restore-foreign")
        let ended = await Self.finish(child)
        #expect(ended.status == 2)
        #expect(child.stderr.contains("other-sandbox") && child.stderr.contains("nothing was sent"), "\(child.stderr)")
    }
}
