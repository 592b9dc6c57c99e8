import Foundation
import Testing
import TestSupport

/// Issue #18's "done when": a failing emulated run, driven through the real binary, leaves
/// junit.xml with a failure, a schema-valid gates.sarif naming the failing flows and a
/// well-formed, self-contained report.html in its run directory.
@Suite("a failing apply leaves junit.xml, gates.sarif and report.html", .timeLimit(.minutes(5)))
struct RunReportProcessTests {
    static let schemaURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/sarif-schema-2.1.0.json")

    /// specs/dev.yaml copying ARCHITECT alone: the emulated production gained queues a flow
    /// uses, so the copied flows reference queues the sandbox lacks and the flow gate fails.
    @Test func aFailedFlowGateLeavesAllThreeReportsInTheRunDirectory() async throws {
        let bench = try Bench()
        defer { bench.cleanUp() }
        let plan = try bench.variantPlan(name: "architect-only", replacing: ["scope: [ARCHITECT, ROUTING]": "scope: [ARCHITECT]"])
        let runId = bench.runId("reports")
        let apply = try Child(binary: bench.binary, arguments: ["apply", plan, "--emulate", "--yes", "--time-scale", "200", "--log-format", "json",
                                                                "--journal", bench.journal, "--run-id", runId],
                              directory: bench.directory, name: "apply-reports")
        defer { apply.kill() }
        let events = await apply.readEvents { _ in false }
        let ended = await apply.exit()
        try #require(ended.reason == .exit && ended.status == 7, "validation-gate-failed (exit 7): \(ended); events: \(events.events.map(\.event)); stderr: \(apply.stderr)")
        let directory = bench.directory.appendingPathComponent(".refresh-artifacts/\(Bench.sandboxId)/\(runId)")
        func read(_ name: String) throws -> String { try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8) }

        let validation = try #require(try JSONSerialization.jsonObject(with: Data(read("validation-report.json").utf8)) as? [String: Any])
        let flows = Set((validation["errors"] as? [[String: Any]] ?? []).compactMap { ($0["flowName"] ?? $0["flowId"]) as? String })
        try #require(!flows.isEmpty, "the gate failed on flows")

        // junit.xml: well-formed, with the gate's failure.
        let junit = XHTMLCheck.parse(try read("junit.xml"))
        #expect(junit.error == nil, "\(junit.error ?? "")")
        #expect(junit.count("failure") >= 1)

        // gates.sarif: valid against the OASIS schema, one result per failing flow's error.
        let sarif = try read("gates.sarif")
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.schemaURL)) as? [String: Any])
        let problems = JSONSchemaValidator(root: schema).validate(try JSONDecoder().decode(JSONSchemaValidator.Node.self, from: Data(sarif.utf8)))
        #expect(problems.isEmpty, "\(problems.prefix(5))")
        for flow in flows { #expect(sarif.contains("\"\(flow)\""), "\(flow) in gates.sarif") }

        // report.html: well-formed, self-contained, with the run's facts.
        let html = try read("report.html")
        let page = XHTMLCheck.parse(html)
        #expect(page.error == nil, "\(page.error ?? "")")
        #expect(page.externalResources.isEmpty, "\(page.externalResources)")
        #expect(page.text.contains(runId) && page.text.contains("validation-gate-failed"))
        for flow in flows { #expect(page.text.contains(flow)) }
        let statuses = try #require(try JSONSerialization.jsonObject(with: Data(read("statuses.json").utf8)) as? [Any])
        #expect(page.text.contains("\(statuses.count) polls"))
        #expect(page.links.contains("./gates.sarif") && page.links.contains("./junit.xml"))

        // history --html: the same style for the journal's runs, this one included.
        let file = bench.directory.appendingPathComponent("history.html")
        let history = try Child(binary: bench.binary, arguments: ["history", "--journal", bench.journal, "--html", file.path], directory: bench.directory, name: "history-html")
        history.drain()
        let historyExit = await history.exit()
        #expect(historyExit.reason == .exit && historyExit.status == 0, "\(historyExit); \(history.stderr)")
        let overview = XHTMLCheck.parse(try String(contentsOf: file, encoding: .utf8))
        #expect(overview.error == nil, "\(overview.error ?? "")")
        #expect(overview.externalResources.isEmpty)
        #expect(overview.text.contains(runId) && overview.text.contains("validation-gate-failed") && overview.count("svg") == 1)
    }
}
