import RunAssembly
import Executor
import Foundation
@testable import SandboxRefreshCLI
import Testing

@Suite("fleet apply")
struct FleetApplyTests {
    @Test func theExitCodeIsTheMostSevereOutcome() {
        #expect(FleetPolicy.mostSevere([.success, .timedOut, .validationGateFailed]) == .validationGateFailed)
        #expect(FleetPolicy.mostSevere([.alreadyRunning, .success]) == .alreadyRunning)
        #expect(FleetPolicy.mostSevere([.refreshFailed, .apiError, .piiGateFailed]) == .apiError)
        #expect(FleetPolicy.mostSevere([.invalidPlan, .terminated]) == .terminated, "a stopped process is what its caller must hear")
        #expect(FleetPolicy.mostSevere([]) == .success)
        #expect(Set(FleetPolicy.severityOrder) == Set(RunOutcome.allCases), "every outcome has a place in the order")
    }

    @Test func aDirectoryIsItsPlansWithoutSharedBasesAndDuplicatesCountOnce() throws {
        let specs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("specs").path
        let fromDirectory = try FleetPolicy.expand([specs])
        #expect(fromDirectory.map { URL(fileURLWithPath: $0).lastPathComponent } == ["compliance-audit.yaml", "dev.yaml", "qa.yaml"])
        let listed = try FleetPolicy.expand([specs + "/dev.yaml", specs + "/dev.yaml", specs + "/qa.yaml"])
        #expect(listed.count == 2)
        #expect(try FleetPolicy.expand([specs + "/base.yaml"]).count == 1, "one file is applied as given (its own error if abstract)")
        let onlyBase = FileManager.default.temporaryDirectory.appendingPathComponent("fleet-base-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: onlyBase, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: onlyBase) }
        try FileManager.default.copyItem(atPath: specs + "/base.yaml", toPath: onlyBase.appendingPathComponent("base.yaml").path)
        #expect(throws: (any Error).self, "a directory of shared bases has nothing to apply") { try FleetPolicy.expand([onlyBase.path]) }
    }

    /// A file named several ways, or both listed and inside a directory given, is checked once,
    /// under the first name it was given.
    @Test func planFilesNamedTwiceAreCheckedOnce() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("plan-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("empty"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in ["a.yaml", "b.yml", "notes.txt", "sub/c.yaml"] {
            try Data("version: 1\n".utf8).write(to: directory.appendingPathComponent(name))
        }
        let root = directory.path
        let paths = try PlanFiles.expand([root + "/b.yml", root + "/sub/../b.yml", root + "/./b.yml", root + "//", root + "/sub/c.yaml", root + "/sub"])
        #expect(paths == [root + "/b.yml", root + "//a.yaml", root + "/sub/c.yaml"], "a directory's files are named under the directory as given")
        #expect(PlanFiles.identity("x/./y/../z.yaml", in: "/w/d") == "/w/d/x/z.yaml")
        #expect(PlanFiles.identity("/a//b/", in: "/ignored") == "/a/b")
        #expect(PlanFiles.identity("../../../z", in: "/w") == "/z")
        #expect(throws: PlanFiles.Empty.self) { try PlanFiles.expand([root + "/sub/.."] + [directory.appendingPathComponent("empty").path]) }
    }
}
