import Foundation
@testable import Simulation
import Testing

@Suite("scratch directories")
struct ScratchDirectoryTests {
    @Test func aSeedsTreeIsRemovedWholeWithoutFollowingLinksOutOfIt() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("scratch-\(UUID().uuidString)")
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("scratch-outside-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: outside) }
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try "keep".write(to: outside.appendingPathComponent("keep.txt"), atomically: true, encoding: .utf8)
        let deep = root.appendingPathComponent("p1/sandbox-sim-01/" + "Sim_1.p1." + String(repeating: "x", count: 90))
        try FileManager.default.createDirectory(at: deep, withIntermediateDirectories: true)
        for name in ["run.json", "report.html", ".hidden"] { try "{}".write(to: deep.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        try "db".write(to: root.appendingPathComponent("journal-p1.sqlite"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("link"), withDestinationURL: outside)

        ScratchDirectories.remove(root)

        #expect(!FileManager.default.fileExists(atPath: root.path))
        #expect(FileManager.default.fileExists(atPath: outside.appendingPathComponent("keep.txt").path), "a link is removed, not what it points to")
        ScratchDirectories.remove(root)  // already gone: nothing to do
    }

    /// A killed `simulate` (SIGKILL, SIGTERM) leaves its in-flight seeds' directories; the next
    /// run removes those of processes that are gone, and only those.
    @Test func leftoversOfAGoneProcessAreRemovedAndALiveOnesKept() throws {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        let gone = ScratchDirectories.root.appendingPathComponent("\(ScratchDirectories.prefix)p\(child.processIdentifier)-7-\(UUID().uuidString)")
        let ours = ScratchDirectories.make(seed: 7)
        defer { ScratchDirectories.remove(gone); ScratchDirectories.remove(ours) }
        for directory in [gone, ours] {
            try FileManager.default.createDirectory(at: directory.appendingPathComponent("p1"), withIntermediateDirectories: true)
            try "{}".write(to: directory.appendingPathComponent("p1/run.json"), atomically: false, encoding: .utf8)
        }

        ScratchDirectories.removeLeftovers()

        #expect(!FileManager.default.fileExists(atPath: gone.path), "a gone process's seed directory is removed")
        #expect(FileManager.default.fileExists(atPath: ours.appendingPathComponent("p1/run.json").path), "a live process's is kept")
    }
}
