import RunAssembly
import EmulatorCore
import Foundation
@testable import SandboxRefreshCLI
import Testing

@Suite("world and fault files in YAML")
struct YAMLToJSONTests {
    func write(_ text: String, _ suffix: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("emu-\(UUID().uuidString).\(suffix)")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func aYAMLFaultFileReadsLikeItsJSONTwin() throws {
        let yaml = try write("""
            seed: 9
            rules:
              - kind: {type: rateLimitBurst, count: 3, retryAfterSeconds: 7}
                match: {path: "/api/v2/sandboxes/*/refreshes/*", method: GET}
                afterRequests: 2
              - kind: {type: jobFails, errorMessage: "Import of flow 'Main IVR' failed"}
            """, "yaml")
        defer { try? FileManager.default.removeItem(atPath: yaml) }
        let plan = try FaultPlan.load(json: YAMLToJSON.data(contentsOf: yaml))
        #expect(plan.seed == 9)
        #expect(plan.rules.map(\.kind) == [.rateLimitBurst(count: 3, retryAfterSeconds: 7), .jobFails(errorMessage: "Import of flow 'Main IVR' failed")])
        #expect(plan.rules.first?.afterRequests == 2)
    }

    @Test func aYAMLWorldSpecGeneratesTheSameWorld() throws {
        let yaml = try write("seed: 9\nqueues: 12\nsandboxes: [sandbox-qa-01]\n", "yml")
        defer { try? FileManager.default.removeItem(atPath: yaml) }
        var spec = WorldSpec.dev
        spec.seed = 9
        spec.queues = 12
        spec.sandboxes = ["sandbox-qa-01"]
        #expect(try World.load(json: YAMLToJSON.data(contentsOf: yaml)) == World.generate(spec))
    }

    @Test func aBrokenYAMLFileNamesItsPosition() throws {
        let yaml = try write("seed: 9\nrules: [\n", "yaml")
        defer { try? FileManager.default.removeItem(atPath: yaml) }
        #expect {
            _ = try YAMLToJSON.data(contentsOf: yaml)
        } throws: { error in
            "\(error)".hasPrefix("\(yaml):")
        }
    }
}
