import Foundation
@testable import Executor
import Testing

@Suite("failing flows mapped to commits")
struct FlowCommitLookupTests {
    @Test func findsTheCommitThatLastTouchedTheFlowsFile() async throws {
        let repo = FileManager.default.temporaryDirectory.appendingPathComponent("flows-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: repo.appendingPathComponent("flows"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: repo) }
        func git(_ args: String...) throws {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["git", "-C", repo.path, "-c", "user.name=Flow Author", "-c", "user.email=flows@example.invalid"] + args
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0, "git \(args)")
        }
        try git("init", "-q")
        try "name: Main IVR\n".write(to: repo.appendingPathComponent("flows/main-ivr.yaml"), atomically: true, encoding: .utf8)
        try "name: Billing\n".write(to: repo.appendingPathComponent("flows/billing.yaml"), atomically: true, encoding: .utf8)
        try git("add", ".")
        try git("commit", "-q", "-m", "Add flows")
        try "name: Main IVR\nqueue: queue-new\n".write(to: repo.appendingPathComponent("flows/main-ivr.yaml"), atomically: true, encoding: .utf8)
        try git("commit", "-q", "-am", "Route Main IVR to the new queue")

        let found = await FlowCommitLookup.lookup(flowNames: ["Main IVR", "Unknown Flow"], repository: repo.path)
        #expect(found.count == 1)
        #expect(found.first?.file == "flows/main-ivr.yaml")
        #expect(found.first?.subject == "Route Main IVR to the new queue")
        #expect(found.first?.author == "Flow Author")
        #expect(found.first?.commit.count == 40)
    }

    @Test func aMissingRepositoryYieldsNothing() async {
        #expect(await FlowCommitLookup.lookup(flowNames: ["Main IVR"], repository: "/nonexistent/repo").isEmpty)
    }
}
