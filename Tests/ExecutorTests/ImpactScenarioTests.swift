import EmulatorCore
import Foundation
import GenesysWire
@testable import Executor
import Impact
import PlanGraph
import SnapshotStore
import Testing

/// What the refresh destroys, kept, refused and put back, end to end against the emulator.
@Suite("impact, snapshot and restore against the emulator")
struct ImpactScenarioTests {
    static let body = """
        refresh: {scope: [ARCHITECT, ROUTING], description: nightly}
        gates: {validateFlows: {flows: all}}
        """

    /// The emulator's own world: what only the sandbox has, and what it changed, by name.
    static func expected(_ world: World) -> (removed: Set<String>, changed: Set<String>) {
        let production = world.production, sandbox = world.sandboxes[0]
        var removed = Set<String>(), changed = Set<String>()
        func compare<T>(_ kind: String, _ prod: [T], _ sbx: [T], id: (T) -> String?, name: (T) -> String, same: (T, T) -> Bool) {
            let byId = Dictionary(prod.compactMap { item in id(item).map { ($0, item) } }, uniquingKeysWith: { a, _ in a })
            let names = Set(prod.map { name($0).lowercased() })
            for item in sbx {
                if let key = id(item), let original = byId[key] {
                    if !same(original, item) { changed.insert("\(kind):\(name(item))") }
                } else if !names.contains(name(item).lowercased()) {
                    removed.insert("\(kind):\(name(item))")
                }
            }
        }
        compare("queue", production.queues, sandbox.queues, id: { $0.id }, name: { $0.name }, same: { $0.description == $1.description && $0.name == $1.name })
        compare("skill", production.skills, sandbox.skills, id: { $0.id }, name: { $0.name }, same: { $0.name == $1.name })
        compare("wrapupCode", production.wrapupCodes, sandbox.wrapupCodes, id: { $0.id }, name: { $0.name ?? "" }, same: { $0.name == $1.name && $0.description == $1.description })
        compare("schedule", production.schedules, sandbox.schedules, id: { $0.id }, name: { $0.name ?? "" }, same: { $0.start == $1.start && $0.end == $1.end && $0.rrule == $1.rrule && $0.name == $1.name })
        compare("flow", production.flows, sandbox.flows, id: { $0.flow.id }, name: { $0.flow.name }, same: { $0 == $1 })
        compare("dataTable", production.dataTables, sandbox.dataTables, id: { $0.id }, name: { $0.name }, same: { _, _ in true })
        return (removed, changed)
    }

    @Test func checkListsWhatOnlyTheSandboxHasAndWhatItChangedAsTheEmulatorHoldsThem() async throws {
        let h = Harness()
        let graph = try h.graph(Self.body)
        let report = await LiveCheck.run(graph: graph, production: try h.client(.production), sandbox: try h.client(.sandbox), now: Date())
        let impact = try #require(report.impact, "check reads the impact")
        let expected = Self.expected(h.emulator.world)
        #expect(!expected.removed.isEmpty && !expected.changed.isEmpty, "the emulator's sandbox holds work of its own")
        let removed = Set(impact.entries.filter { $0.change == .removed }.map { "\($0.kind.rawValue):\($0.name)" })
        let changed = Set(impact.entries.filter { $0.change == .changed }.map { "\($0.kind.rawValue):\($0.name)" })
        #expect(removed == expected.removed)
        #expect(changed == expected.changed)
        #expect(impact.summary.hasPrefix("removes "))
        #expect(report.readOnly, "check sent only reads: \(report.requestsSent.filter { !$0.hasPrefix("GET ") })")
        // Only the flows whose version records differ cost a configuration read (two each).
        #expect(impact.objectReads == 2 * impact.entries.filter { $0.kind == .flow && $0.matchedBy == "configuration" }.count)
        #expect(impact.entries.filter { $0.kind == .flow && $0.matchedBy == "version" }.count > 10)
    }

    @Test func refuseStopsBeforeTheSubmissionWithExit9() async throws {
        let h = Harness()
        let report = try await h.run(Self.body + "\nprotection: {onRisk: refuse}")
        #expect(report.outcome == .impactRefused)
        #expect(report.outcome.exitCode == 9)
        #expect(h.emulator.submissions(sandboxId: Harness.sandboxId).isEmpty, "nothing was submitted")
        #expect(report.state.failureMessage?.contains("DEV") == true, "\(report.state.failureMessage ?? "")")
        #expect(FileManager.default.fileExists(atPath: report.artifactsDirectory.appendingPathComponent("impact.json").path))
    }

    @Test func exemptingEverythingAtRiskLetsARefusingPlanRun() async throws {
        let h = Harness()
        let report = try await h.run(Self.body + "\nprotection: {onRisk: refuse, exempt: [\"DEV*\", \"*\"]}")
        #expect(report.outcome == .success, "\(report.state.failureMessage ?? "")")
        #expect(report.state.impact?.atRisk.isEmpty == true)
        #expect(report.state.impact?.destructive.isEmpty == false)
    }

    @Test func theDefaultKeepsEverySandboxOnlyObjectBeforeTheSubmission() async throws {
        let h = Harness()
        let report = try await h.run(Self.body)
        #expect(report.outcome == .success, "\(report.state.failureMessage ?? "")")
        let record = try #require(report.state.snapshot)
        let reader = try SnapshotReader.open(URL(fileURLWithPath: record.directory))
        #expect(reader.isComplete)
        let kept = Set(reader.objects.map { "\($0.kind):\($0.name)" })
        let expected = Self.expected(h.emulator.world)
        #expect(expected.removed.isSubset(of: kept), "missing: \(expected.removed.subtracting(kept))")
        #expect(expected.changed.isSubset(of: kept), "missing: \(expected.changed.subtracting(kept))")
        // The submission came after the snapshot was complete.
        let events = h.events.map(\.event)
        #expect(try #require(events.firstIndex(of: "snapshot.complete")) < (try #require(events.firstIndex(of: "submitted"))))
        // Flows are kept as export files that name references by name.
        let flow = try #require(reader.objects.first { $0.kind == "flow" })
        let text = String(decoding: try reader.content(of: flow), as: UTF8.self)
        #expect(text.contains("name: \"\(flow.name)\""))
        // The artifacts name the objects, never their content.
        let manifest = try String(contentsOf: report.artifactsDirectory.appendingPathComponent("snapshot-manifest.json"), encoding: .utf8)
        #expect(manifest.contains(flow.name) && !manifest.contains("greeting"))
        // report.html has a section of its own naming what the sandbox lost.
        let html = try String(contentsOf: report.artifactsDirectory.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("<section id=\"impact\">"))
        #expect(expected.removed.allSatisfy { html.contains($0.split(separator: ":", maxSplits: 1).last.map(String.init) ?? "") })
        #expect(html.contains("Snapshot: \(record.objects.count) object(s) kept"))
    }

    @Test func preservedObjectsAreBackAfterTheRefreshWithTheirContentAndReferences() async throws {
        let h = Harness()
        let report = try await h.run(Self.body + "\npreserve: [\"flow:DEV-*\", \"queue:DEV*\", \"wrapupCode:DEV*\", \"dataTable:DEV*\", \"schedule:DEV*\"]")
        #expect(report.outcome == .success, "\(report.state.failureMessage ?? "") \(report.state.restoreProblems)")
        let world = h.emulator.world
        let sandbox = world.sandboxes[0]
        let expected = Self.expected(world)
        #expect(!report.state.restored.isEmpty)
        for name in expected.removed where name.hasPrefix("flow:DEV") {
            let flowName = String(name.dropFirst("flow:".count))
            let flow = try #require(sandbox.flows.first { $0.flow.name == flowName }, "\(flowName) is back")
            // Its references point at the refreshed sandbox's objects, by name.
            let ids = Set(sandbox.queues.map(\.id) + sandbox.skills.map(\.id) + sandbox.dataTables.map(\.id) + sandbox.flows.map(\.flow.id) + sandbox.scheduleGroups.compactMap(\.id))
            #expect(flow.references.allSatisfy { ids.contains($0.id) }, "\(flowName): \(flow.references)")
        }
        #expect(sandbox.queues.contains { $0.name.hasPrefix("DEV") })
        #expect(sandbox.wrapupCodes.contains { ($0.name ?? "").hasPrefix("DEV") })
        #expect(sandbox.dataTables.contains { $0.name.hasPrefix("DEV") })
        #expect(h.emulator.productionWrites().isEmpty, "production received no write")
    }
}

/// The snapshot's request cost: flows go in export jobs of `flowBatchSize`, and nothing the run
/// sends earns a 429 from the platform's rate limit.
@Suite("snapshot request cost")
struct SnapshotCostTests {
    @Test func fiveHundredFlowsAtRiskTakeOneExportJobPerBatch() async throws {
        let h = Harness(spec: WorldSpec(seed: 7, sandboxes: [Harness.sandboxId], sandboxWork: 500))
        let report = try await h.run(ImpactScenarioTests.body + "\nsnapshot: {directory: \"\(h.artifacts.path)/snapshots\", flowBatchSize: 50}")
        #expect(report.outcome == .success, "\(report.state.failureMessage ?? "")")
        let atRiskFlows = try #require(report.state.impact).atRisk.filter { $0.kind == .flow }.count
        #expect(atRiskFlows >= 500)
        let log = h.emulator.requestLog()
        let exportJobs = log.filter { $0.method == "POST" && $0.path == "/api/v2/flows/export/jobs" }.count
        #expect(exportJobs == (atRiskFlows + 49) / 50, "\(exportJobs) export jobs for \(atRiskFlows) flows")
        #expect(report.state.snapshot?.objects.filter { $0.kind == "flow" }.count == atRiskFlows)
        #expect(log.filter { $0.status == 429 }.isEmpty, "no self-inflicted 429")
    }
}
