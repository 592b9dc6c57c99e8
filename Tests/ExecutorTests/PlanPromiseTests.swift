import EmulatorCore
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import GenesysWire
@testable import Executor
import PlanGraph
import Synchronization
import Testing

/// Settings a reviewer approves must do what they say, in `plan` and in `apply`.
@Suite("the plan is a promise: drift, expansion and retry settings act")
struct PlanPromiseTests {
    static func world(queues: Int, skills: Int, flows: Int) -> WorldSpec {
        // The scan compares counts: the sandbox must be exactly its last refresh, or its own
        // DEV- flows would offset production's new ones.
        var spec = WorldSpec(seed: 7, sandboxes: [Harness.sandboxId], sandboxWork: 0)
        spec.driftQueues = queues
        spec.driftSkills = skills
        spec.driftFlows = flows
        return spec
    }

    @Test func aDriftRuleAddsWhatItsAddListSays() async throws {
        let h = Harness(spec: Self.world(queues: 2, skills: 0, flows: 0))
        let body = """
            refresh: {scope: [ARCHITECT]}
            dependencyScan: {compare: [queues, skills], onDrift: expand-scope}
            scopeExpansion: [{when: drift, add: [ROUTING, WFM]}]
            gates: {validateFlows: {flows: all}}
            """
        let graph = try h.graph(body)
        let preview = try #require(graph.node("dependency-scan")).summary.joined(separator: " ")
        #expect(preview.contains("add ROUTING, WFM"), "\(preview)")
        let report = try await h.run(graph: graph)
        #expect(report.outcome == .success, "\(report.state.failureMessage ?? "")")
        #expect(h.emulator.submissions(sandboxId: Harness.sandboxId).map(\.scope) == ["ROUTING,ARCHITECT,WFM"])
    }

    @Test func driftInFlowsActsWhenARCHITECTIsOutsideTheScope() async throws {
        let h = Harness(spec: Self.world(queues: 0, skills: 0, flows: 3))
        let report = try await h.run("""
            refresh: {scope: [ROUTING]}
            dependencyScan: {compare: [queues, flows], onDrift: fail}
            """)
        #expect(report.outcome == .validationGateFailed)
        #expect(report.state.failureMessage?.contains("flows") == true, "\(report.state.failureMessage ?? "")")
        #expect(h.emulator.submissions(sandboxId: Harness.sandboxId).isEmpty, "failed before submitting")
    }

    @Test func driftInFlowsThatTheScopeCopiesIsRecordedAndThePreviewSaysSo() async throws {
        let h = Harness(spec: Self.world(queues: 0, skills: 0, flows: 3))
        let body = """
            refresh: {scope: [ARCHITECT, ROUTING]}
            dependencyScan: {compare: [flows], onDrift: fail}
            """
        let graph = try h.graph(body)
        #expect(try #require(graph.node("dependency-scan")).summary.joined().contains("copied by this refresh's scope: recorded only"))
        let report = try await h.run(graph: graph)
        #expect(report.outcome == .success, "\(report.state.failureMessage ?? "")")
        #expect(report.state.drift["flows"].map { $0[0] != $0[1] } == true, "the drift was seen and recorded")
    }

    @Test func flowDriftExpandsWithARCHITECTWhenNoRuleSaysOtherwise() async throws {
        let h = Harness(spec: Self.world(queues: 0, skills: 0, flows: 2))
        let report = try await h.run("""
            refresh: {scope: [ROUTING]}
            dependencyScan: {compare: [flows], onDrift: expand-scope}
            """)
        #expect(report.outcome == .success, "\(report.state.failureMessage ?? "")")
        #expect(h.emulator.submissions(sandboxId: Harness.sandboxId).map(\.scope) == ["ROUTING,ARCHITECT"])
    }
}

@Suite("every gate reports; transitions are the graph's")
struct AllGatesReportTests {
    /// A compliance refresh whose flow gate fails still runs the PII and trunk gates: the outcome
    /// is the first failure in gate order, and every verdict is in the log and in run.json.
    @Test func aFailedFlowGateDoesNotHideThePIIAndTrunkVerdicts() async throws {
        let h = Harness()
        let emulator = h.emulator
        let removed = Mutex(false)
        let hook = HookTransport(inner: InProcessTransport(emulator: emulator)) { request in
            // Just before validation, a queue the flows reference disappears from the sandbox.
            if request.method == .post, request.url.path.hasSuffix("/architect/flows/validate"), !removed.withLock({ $0 }) {
                _ = emulator.removeSandboxQueue(sandboxId: Harness.sandboxId)
                removed.withLock { $0 = true }
            }
        }
        let graph = try h.graph("""
            refresh: {scope: ALL, justification: compliance-audit, preserveSandboxUsers: true}
            masking: {maskPii: true}
            gates:
              validateFlows: {flows: all}
              piiScan: {sources: [externalContacts]}
            """)
        let report = try await h.run(graph: graph, transport: hook)
        let verdicts = report.state.gateVerdicts
        #expect(verdicts.map(\.gate) == ["validate-flows.primary", "pii-scan", "trunk-isolation"], "\(verdicts)")
        #expect(verdicts.map(\.passed) == [false, true, false], "\(verdicts.map { "\($0.gate) \($0.detail)" })")
        #expect(report.outcome == .validationGateFailed)
        #expect(report.state.failedStep == "validate-flows.primary", "the first failure in gate order is the outcome")
        #expect(h.events.filter { $0.event == "gate.verdict" }.count == 3)
        let json = try String(contentsOf: report.artifactsDirectory.appendingPathComponent("run.json"), encoding: .utf8)
        #expect(json.contains("\"pii-scan\"") && json.contains("\"trunk-isolation\""), "run.json lists every gate")

        // junit.xml: well-formed, one case per gate, the two failures with their messages.
        let junit = try Data(contentsOf: report.artifactsDirectory.appendingPathComponent("junit.xml"))
        let cases = JUnitCases()
        let parser = XMLParser(data: junit)
        parser.delegate = cases
        #expect(parser.parse(), "junit.xml is well-formed XML: \(String(describing: parser.parserError))")
        #expect(cases.names.contains("gate validate-flows.primary") && cases.names.contains("gate pii-scan") && cases.names.contains("gate trunk-isolation"), "\(cases.names)")
        #expect(cases.failed == ["gate trunk-isolation", "gate validate-flows.primary"], "\(cases.failed)")
        #expect(cases.suiteFailures == "2")
    }

    /// `maxTimes` bounds the expansion loop: an expansion that cannot fix the references is
    /// tried exactly that many times, each with its own tag, then the gate fails.
    @Test(arguments: [1, 2, 3])
    func theExpansionLoopRunsAtMostMaxTimes(_ times: Int) async throws {
        // Production gained queues the flows reference; adding WFM cannot bring them over.
        let h = Harness(spec: PlanPromiseTests.world(queues: 3, skills: 2, flows: 1))
        let report = try await h.run("""
            refresh: {scope: [ARCHITECT]}
            gates: {validateFlows: {flows: all}}
            scopeExpansion: [{when: missing-routing-reference, add: [WFM], maxTimes: \(times)}]
            """)
        #expect(report.outcome == .validationGateFailed, "\(report.state.failureMessage ?? "")")
        let submitted = h.emulator.submissions(sandboxId: Harness.sandboxId)
        #expect(submitted.count == 1 + times, "\(submitted.map { $0.description ?? "" })")
        let tags = submitted.compactMap { RunTag.runId(in: $0.description) }
        #expect(Set(tags).count == tags.count, "each round has its own tag: \(tags)")
    }
}

/// Reads test case names and failures out of a JUnit report.
final class JUnitCases: NSObject, XMLParserDelegate, @unchecked Sendable {
    var names: [String] = []
    var failed: [String] = []
    var suiteFailures: String?
    private var current: String?

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch element {
        case "testsuite": suiteFailures = attributes["failures"]
        case "testcase":
            current = attributes["name"]
            if let name = current { names.append(name) }
        case "failure":
            if let current { failed.append(current); failed.sort() }
        default: break
        }
    }
}
