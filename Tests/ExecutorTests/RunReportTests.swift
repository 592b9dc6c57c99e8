import EmulatorCore
import Foundation
import GenesysWire
@testable import Executor
import PIIScanner
import PlanGraph
import RefreshPlan
@testable import RunReports
import Testing
import TestSupport

/// gates.sarif and report.html (issue #18): schema-valid SARIF that names what the gates
/// found without a value, and a self-contained, well-formed page that holds the run's facts
/// and escapes everything a plan, the platform or git could put in it.
@Suite("gates.sarif and report.html")
struct RunReportTests {
    /// Production gained queues that a flow uses; copying ARCHITECT alone leaves the flow
    /// pointing at queues the sandbox lacks, and the flow gate fails.
    static let failingFlows = """
        refresh: {scope: [ARCHITECT]}
        gates: {validateFlows: {flows: all}}
        """

    static let schemaURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/sarif-schema-2.1.0.json")

    static func schemaErrors(_ sarif: String) throws -> [String] {
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: schemaURL)) as? [String: Any])
        return JSONSchemaValidator(root: schema).validate(try JSONDecoder().decode(JSONSchemaValidator.Node.self, from: Data(sarif.utf8)))
    }

    static func runs(_ sarif: String) throws -> [[String: Any]] {
        let root = try #require(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
        return try #require(root["runs"] as? [[String: Any]])
    }

    static func results(_ run: [String: Any]) -> [[String: Any]] { run["results"] as? [[String: Any]] ?? [] }

    static func read(_ report: RunReport, _ name: String) throws -> String {
        try String(contentsOf: report.artifactsDirectory.appendingPathComponent(name), encoding: .utf8)
    }

    @Test func aFailedFlowGateLeavesSchemaValidSARIFNamingEveryFailingFlow() async throws {
        let h = Harness()
        let report = try await h.run(Self.failingFlows)
        #expect(report.outcome == .validationGateFailed, "\(report.state.failureMessage ?? "")")
        let errors = report.state.validationErrors
        try #require(!errors.isEmpty)
        #expect(report.artifacts.contains("gates.sarif"), "\(report.artifacts)")
        let sarif = try Self.read(report, "gates.sarif")
        let problems = try Self.schemaErrors(sarif)
        #expect(problems.isEmpty, "\(problems.prefix(5))")

        let runs = try Self.runs(sarif)
        #expect(runs.count == 1, "only the gate that found something has a run")
        let driver = try #require((runs[0]["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == GatesSARIF.validationTool)
        let results = Self.results(runs[0])
        #expect(results.count == errors.count)
        let named = Set(results.compactMap { (($0["locations"] as? [[String: Any]])?.first?["logicalLocations"] as? [[String: Any]])?.first?["name"] as? String })
        #expect(named == Set(errors.map { $0.flowName ?? $0.flowId }), "\(named)")
        #expect(results.allSatisfy { ($0["locations"] as? [[String: Any]])?.first?["physicalLocation"] == nil }, "no sourceRepository: logical locations only")
        // Given the plan's (relative) path, every result without a file of its own is placed in the
        // plan, so that code scanning keeps it.
        let placed = GatesSARIF.render(summary: report.summary, state: report.state, flowCommits: [], planPath: "specs/dev.yaml")
        #expect(try Self.schemaErrors(placed).isEmpty)
        let uris = Self.results(try Self.runs(placed)[0]).map {
            (((($0["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any])?["uri"] as? String) ?? "none"
        }
        #expect(!uris.isEmpty && uris.allSatisfy { $0 == "specs/dev.yaml" }, "\(uris)")
        // Fingerprints: one per distinct error, the same when rendered again.
        let prints = results.compactMap { ($0["partialFingerprints"] as? [String: String])?[GatesSARIF.validationFingerprint] }
        #expect(prints.count == results.count)
        #expect(GatesSARIF.render(summary: report.summary, state: report.state, flowCommits: []) == sarif)
        withExtendedLifetime(h) {}
    }

    @Test func aFlowMappedBySourceRepositoryIsLocatedInItsFileWithItsCommit() async throws {
        let h = Harness()
        let report = try await h.run(Self.failingFlows)
        let flow = try #require(report.state.validationErrors.first.map { $0.flowName ?? $0.flowId })
        let commit = FlowCommit(flowName: flow, file: "flows/main ivr.yaml", commit: String(repeating: "ab", count: 20), author: "A. Dev", date: "2025-01-02T03:04:05Z", subject: "route to the new queue")
        let sarif = GatesSARIF.render(summary: report.summary, state: report.state, flowCommits: [commit])
        #expect(try Self.schemaErrors(sarif).isEmpty)
        let located = Self.results(try Self.runs(sarif)[0]).filter { result in
            let location = (result["locations"] as? [[String: Any]])?.first
            return ((location?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any])?["uri"] as? String == "flows/main%20ivr.yaml"
        }
        #expect(!located.isEmpty)
        #expect(located.allSatisfy { ($0["properties"] as? [String: String])?["lastCommit"] == commit.commit })
    }

    /// The unmasked ICM refresh of ApplyScenarioTests, with a fingerprint key: findings sit at
    /// their record and key path, carry the scanner's keyed fingerprints (the same in a second
    /// run), and no planted value reaches gates.sarif or report.html.
    @Test func piiFindingsAreLocatedAtTheirRecordWithStableFingerprintsAndNoValue() async throws {
        func run() async throws -> (Harness, RunReport) {
            let h = Harness()
            var plan = try h.plan("""
                refresh: {scope: [ROUTING, ICM]}
                masking: {maskPii: true}
                gates: {piiScan: {sources: [externalContacts, dataTables], detectors: [creditCard, ssn]}}
                """)
            plan.masking.maskPii = false
            plan.masking.hashKey = SecretValue(.literal("report-test-fingerprint-key"))
            let graph = try PlanCompiler.compile(plan)
            return (h, try await h.run(graph: graph))
        }
        let (h, report) = try await run()
        #expect(report.outcome == .piiGateFailed)
        let sarif = try Self.read(report, "gates.sarif")
        #expect(try Self.schemaErrors(sarif).isEmpty)
        let piiRun = try #require(try Self.runs(sarif).first)
        let results = Self.results(piiRun)
        #expect(results.count == report.state.piiFindings.count && !results.isEmpty)
        for result in results {
            #expect(["creditCard", "ssn"].contains(result["ruleId"] as? String))
            let logical = try #require(((result["locations"] as? [[String: Any]])?.first?["logicalLocations"] as? [[String: Any]])?.first)
            let path = try #require(logical["fullyQualifiedName"] as? String)
            #expect(path.hasPrefix("externalContacts/") || path.hasPrefix("dataTable:"), "\(path)")
            #expect((result["properties"] as? [String: String])?["keyPath"] != nil)
        }
        func prints(_ sarif: String) throws -> Set<String> {
            Set(Self.results(try Self.runs(sarif)[0]).compactMap { ($0["partialFingerprints"] as? [String: String])?[SARIFRenderer.fingerprintName] })
        }
        let (h2, again) = try await run()
        #expect(try prints(sarif) == prints(try Self.read(again, "gates.sarif")), "keyed with masking.hashKey: stable run to run")
        _ = h2

        let html = try Self.read(report, "report.html")
        for value in PIIPlanted.values(in: h.emulator.world.production) {
            #expect(!sarif.contains(value) && !html.contains(value))
        }
        // Not even the PCI-permitted masked rendering: a SARIF result is located, not shown.
        // (report.html quotes the gate's failure message, masked samples and all, as run.json does.)
        for masked in Set(report.state.piiFindings.map(\.masked)) where masked.count > 12 { #expect(!sarif.contains(masked)) }
    }

    @Test func reportHTMLIsWellFormedSelfContainedAndHoldsTheRunsFacts() async throws {
        let h = Harness()
        let report = try await h.run(Self.failingFlows)
        let html = try Self.read(report, "report.html")
        let page = XHTMLCheck.parse(html)
        #expect(page.error == nil, "\(page.error ?? "")")
        #expect(page.externalResources.isEmpty, "\(page.externalResources)")
        #expect(!html.contains("http://") && !html.contains("https://"))
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("name=\"viewport\""))

        let summary = report.summary
        #expect(page.text.contains(summary.runId))
        for id in summary.refreshIds { #expect(page.text.contains(id)) }
        #expect(page.text.contains("validation-gate-failed"))
        for error in report.state.validationErrors { #expect(page.text.contains(error.flowName ?? error.flowId)) }
        let polls = report.state.statuses.count
        #expect(polls > 0 && page.text.contains("\(polls) polls"))
        #expect(page.count("circle") == polls, "every poll is marked")
        #expect(page.count("svg") >= 1)
        // Every table scrolls inside its own box on a narrow screen.
        #expect(html.components(separatedBy: "<table>").count == html.components(separatedBy: "<div class=\"scroll\"><table>").count)
        // Links are the run directory's own files, relative.
        #expect(!page.links.isEmpty)
        for link in page.links {
            #expect(FileManager.default.fileExists(atPath: report.artifactsDirectory.appendingPathComponent(link).path), "\(link)")
        }
        #expect(page.links.contains("./gates.sarif") && page.links.contains("./junit.xml"))
        // The step timeline: every step this run started, the failed gate marked.
        let spans = RunReportHTML.stepSpans(h.events, end: summary.durationSeconds)
        #expect(spans.contains { $0.step == summary.failedStep && $0.failed })
        #expect(spans.allSatisfy { $0.end >= $0.start })
        for span in spans { #expect(page.text.contains(span.step)) }
        withExtendedLifetime(h) {}
    }

    /// The faults of ReliabilityScenarioTests: 429s and a 503 storm on the status endpoint. The
    /// clients' events reach the run's log as `apply` wires them, and report.html lists them.
    @Test func retriesRateLimitsAndBreakerChangesAreListed() async throws {
        let limited = FaultRule(kind: .rateLimitBurst(count: 2, retryAfterSeconds: 3), match: FaultMatch(path: "/api/v2/sandboxes/*/refreshes/*", method: "GET"))
        let storm = FaultRule(kind: .serviceUnavailableRun(count: 4), match: FaultMatch(path: "/api/v2/sandboxes/*/refreshes/*", method: "GET"))
        let h = Harness(faults: FaultPlan(rules: [limited, storm]))
        let log = RunEventLog()
        let clock = h.clock
        let report = try await h.run(graph: try h.graph("refresh: {scope: [ARCHITECT, ROUTING]}"), observer: { event in
            log.record(.resilience(event, organization: "sandbox", timestamp: clock.nowDate, elapsed: 0))
        }, eventLog: log)
        #expect(report.outcome == .success, "\(report.state.failureMessage ?? "")")
        let page = XHTMLCheck.parse(try Self.read(report, "report.html"))
        #expect(page.error == nil, "\(page.error ?? "")")
        for name in ["api.rate-limited", "api.retry", "api.circuit-breaker"] { #expect(page.text.contains(name), "\(name)") }
        #expect(page.text.contains("429 Too Many Requests") && page.text.contains("circuit breaker for"))
        withExtendedLifetime(h) {}
    }

    @Test func hostileTextFromThePlatformGitAndThePlanIsEscaped() async throws {
        let h = Harness()
        let report = try await h.run(Self.failingFlows)
        let hostile = "<script>alert('x')</script> & \"Main\" IVR"
        var state = report.state
        state.validationErrors[0].flowName = hostile + "\u{1}"
        state.validationErrors[0].message = "<img src=\"https://evil.example/x.png\" onerror=\"alert(1)\"/>"
        var summary = report.summary
        summary.message = hostile
        summary.plan = "</title><script>x</script>"
        summary.gates = summary.gates.map { var gate = $0; gate.detail = hostile; return gate }
        let commit = FlowCommit(flowName: hostile + "\u{1}", file: "flows/<b>.yaml", commit: "abc", author: "<i>me</i>", date: "d", subject: "</td></tr></table>")
        let html = RunReportHTML.render(.init(summary: summary, state: state, flowCommits: [commit], events: h.events,
                                              artifacts: ["run.json", "<x>\".json", "javascript:alert(1)"]))
        let page = XHTMLCheck.parse(html)
        #expect(page.error == nil, "\(page.error ?? "")")
        #expect(page.externalResources.isEmpty, "\(page.externalResources)")
        for element in ["script", "img", "b", "i"] { #expect(page.count(element) == 0, "\(element)") }
        #expect(!html.contains("<script"))
        #expect(page.text.contains(hostile))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Main&quot; IVR"))

        let sarif = GatesSARIF.render(summary: summary, state: state, flowCommits: [commit])
        #expect(try Self.schemaErrors(sarif).isEmpty)
    }

    @Test func historyHTMLChartsEachSandboxsRunsOverTime() throws {
        let start = Date(timeIntervalSince1970: 1_750_000_000)
        func run(_ index: Int, _ sandbox: String, _ outcome: String, _ duration: Double?) -> HistoryReportHTML.Run {
            HistoryReportHTML.Run(runId: "run-\(index)", plan: "dev-nightly", sandboxId: sandbox, outcome: outcome, exitCode: outcome == "success" ? 0 : 7,
                                  scope: "ARCHITECT", startedAt: start.addingTimeInterval(Double(index) * 86_400), durationSeconds: duration,
                                  refreshIds: ["refresh-\(index)"], emulated: index % 2 == 0)
        }
        let runs = [run(1, "sandbox-a", "success", 600), run(2, "sandbox-a", "validation-gate-failed", 900), run(3, "sandbox-a", "success", 1200),
                    run(4, "<sandbox&b>", "interrupted", nil), run(5, "<sandbox&b>", "success", 300)]
        let html = HistoryReportHTML.render(runs, generatedAt: start)
        let page = XHTMLCheck.parse(html)
        #expect(page.error == nil, "\(page.error ?? "")")
        #expect(page.externalResources.isEmpty)
        #expect(html.contains("name=\"viewport\""))
        #expect(page.count("svg") == 2, "one chart per sandbox")
        #expect(page.count("rect") == runs.count, "one bar per run")
        #expect(page.count("table") == 2)
        #expect(page.text.contains("<sandbox&b>") && html.contains("&lt;sandbox&amp;b&gt;"))
        for run in runs { #expect(page.text.contains(run.runId) && page.text.contains(run.refreshIds[0])) }
        #expect(page.text.contains("2 of 3 succeeded"))
    }
}
