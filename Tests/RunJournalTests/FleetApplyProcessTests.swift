import Foundation
import Testing

/// `apply` with several plans, as a scheduled CI job runs it: one process, a plan that fails its
/// gate beside one that succeeds, JSON lines tagged by plan, the summary last, and the most
/// severe outcome as the exit code.
@Suite("fleet apply, from outside", .timeLimit(.minutes(3)))
struct FleetApplyProcessTests {
    @Test func aFleetWithOneFailingGateExitsWithThatOutcomeAndSummarizesEveryPlan() async throws {
        let bench = try Bench()
        defer { bench.cleanUp() }
        let emulator = try await bench.startEmulator(scale: 100, sandboxes: ["sandbox-dev-01", "sandbox-fleet-b"])
        defer { emulator.kill() }
        let good = try bench.variantPlan(name: "good", replacing: ["name: dev-nightly": "name: fleet-good"])
        // ARCHITECT alone: the flows then reference queues the sandbox lacks, and the gate fails (exit 7).
        let failing = try bench.variantPlan(name: "failing", replacing: [
            "name: dev-nightly": "name: fleet-failing", "id: sandbox-dev-01": "id: sandbox-fleet-b", "scope: [ARCHITECT, ROUTING]": "scope: [ARCHITECT]",
        ])
        let apply = try Child(binary: bench.binary, arguments: ["apply", good, failing, "--parallel", "2", "--emulator", emulator.url, "--yes",
                                                                "--log-format", "json", "--journal", bench.journal],
                              directory: bench.directory, name: "fleet")
        let lines = await apply.readLines { _ in false }
        let ended = await apply.exit()
        #expect(ended.reason == .exit && ended.status == 7, "\(ended); \(apply.stderr.suffix(2000))")
        let objects = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        let tags = Set(objects.compactMap { $0["plan"] as? String })
        #expect(tags == ["fleet-good", "fleet-failing"], "every event names its plan: \(tags)")
        let summary = try #require(objects.last, "no output")
        #expect(summary["event"] as? String == "fleet.summary" && summary["exitCode"] as? Int == 7, "\(summary)")
        let plans = (summary["plans"] as? [[String: Any]] ?? []).reduce(into: [String: String]()) { $0[$1["plan"] as? String ?? "?"] = $1["outcome"] as? String }
        #expect(plans == ["fleet-good": "success", "fleet-failing": "validation-gate-failed"], "\(plans)")
        #expect(apply.stderr.contains("exit 7 (validation-gate-failed): the most severe outcome"), "\(apply.stderr.suffix(1500))")

        // Several plans need --yes, and a directory of plans skips its shared base.
        let unconfirmed = try Child(binary: bench.binary, arguments: ["apply", good, failing, "--emulator", emulator.url, "--journal", bench.journal],
                                    directory: bench.directory, name: "fleet-no-yes")
        _ = await unconfirmed.readLines { _ in false }
        #expect(await unconfirmed.exit().status == 2)
        #expect(unconfirmed.stderr.contains("needs --yes"), "\(unconfirmed.stderr)")
    }
}
