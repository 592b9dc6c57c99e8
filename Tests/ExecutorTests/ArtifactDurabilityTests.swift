import Foundation
@testable import Executor
import Testing

/// The simulator writes artifacts without flushing them to disk; what lands in the file must
/// be the same either way.
@Suite("artifact durability")
struct ArtifactDurabilityTests {
    @Test(arguments: [true, false])
    func aFileHoldsExactlyTheLastContentWrittenDurableOrNot(durable: Bool) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("durability-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("run.json")
        let long = Data(String(repeating: "{\"outcome\":\"success\"}\n", count: 5000).utf8)
        let short = Data("{\"outcome\":\"timed-out\"}\n".utf8)
        try ArtifactWriter.$durable.withValue(durable) {
            try ArtifactWriter.save(long, to: file)
            #expect(try Data(contentsOf: file) == long)
            // A shorter rewrite leaves no tail of the longer one.
            try ArtifactWriter.save(short, to: file)
        }
        #expect(try Data(contentsOf: file) == short)
    }

    @Test func aWriteIntoAMissingDirectoryFailsInsteadOfPassingSilently() {
        let file = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/run.json")
        for durable in [true, false] {
            #expect(throws: (any Error).self) { try ArtifactWriter.$durable.withValue(durable) { try ArtifactWriter.save(Data("x".utf8), to: file) } }
        }
    }
}
