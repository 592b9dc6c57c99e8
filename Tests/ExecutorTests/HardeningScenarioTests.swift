import EmulatorCore
import Foundation
import GenesysClient
import GenesysWire
@testable import Executor
import PlanGraph
import Synchronization
import Testing

/// `harden` and the isolation gate end to end: a full refresh of the emulator's production,
/// whose integrations name production hosts, whose campaigns run and whose triggers fire.
@Suite("hardening and the isolation gate against the emulator")
struct HardeningScenarioTests {
    static let full = """
        refresh: {scope: ALL, justification: compliance-audit, preserveSandboxUsers: true}
        masking: {maskPii: true}
        gates:
          piiScan: {sources: [externalContacts]}
          isolation: {allowedHosts: ["*.sandbox.example.com"]}
        """

    static let harden = """
        harden:
          campaigns: {stop: true}
          triggers: {disable: true, allow: ["Post-call survey"]}
          integrations:
            - name: Billing REST
              set: [{property: baseUrl, value: "https://billing.sandbox.example.com"}]
            - name: CRM*
              set:
                - {property: host, value: crm.sandbox.example.com}
                - {property: baseUrl, value: "https://crm.sandbox.example.com/api"}
          credentials:
            - name: "* credential"
              fields:
                - {field: userName, value: "${env:SANDBOX_SVC_USER}"}
                - {field: password, value: "${env:SANDBOX_SVC_PASSWORD}"}
          trunks: {set: "sip:registrar.sandbox.example.com"}
        """

    /// Records every request, so a test can count the writes per object.
    final class Recorder: Sendable {
        let storage = Mutex<[String]>([])
        func append(_ request: WireRequest) { storage.withLock { $0.append("\(request.method.rawValue) \(request.url.path)") } }
        var writes: [String] { storage.withLock { $0 }.filter { !$0.hasPrefix("GET ") && !$0.contains("/oauth/") } }
        func reset() { storage.withLock { $0 = [] } }
    }

    final class Entries: RunJournaling {
        let storage = Mutex<[JournalEntry]>([])
        func record(_ entry: JournalEntry, runId: String, at: Date) async throws { storage.withLock { $0.append(entry) } }
        var all: [JournalEntry] { storage.withLock { $0 } }
    }

    static func strings(_ value: JSONValue?) -> [String] {
        switch value {
        case .string(let text)?: return [text]
        case .object(let members)?: return members.values.flatMap { strings($0) }
        case .array(let items)?: return items.flatMap { strings($0) }
        default: return []
        }
    }

    @Test func aHardenedFullRehearsalEndsZeroWithNothingReachingProduction() async throws {
        let h = Harness()
        let journal = Entries()
        let recorder = Recorder()
        let transport = HookTransport(inner: InProcessTransport(emulator: h.emulator)) { recorder.append($0) }
        let graph = try h.graph(Self.full + "\n" + Self.harden)
        let order = graph.nodes.map(\.id)
        #expect(try #require(order.firstIndex(of: "harden.primary")) == (try #require(order.firstIndex(of: "poll.primary"))) + 1)
        #expect(try #require(order.firstIndex(of: "isolation")) > (try #require(order.firstIndex(of: "harden.primary"))))
        let report = try await h.run(graph: graph, transport: transport, journal: journal)
        #expect(report.outcome == .success, "\(report.state.failureMessage ?? "")")
        #expect(report.outcome.exitCode == 0)
        let sandbox = try #require(h.emulator.world.sandbox(Harness.sandboxId))
        #expect(!sandbox.campaigns.isEmpty && sandbox.campaigns.allSatisfy { $0.campaignStatus != "on" })
        #expect(sandbox.triggers.filter { $0.enabled == true }.map(\.name) == ["Post-call survey"])
        let configStrings = sandbox.integrationConfigs.values.flatMap { Self.strings($0.properties) }
        #expect(!configStrings.isEmpty && !configStrings.contains { $0.contains("prod.example.com") }, "\(configStrings)")
        #expect(sandbox.credentials.allSatisfy { $0.credentialFields?["password"] == Harness.sandboxServicePassword })
        #expect(h.emulator.productionWrites().isEmpty, "production received no write")
        let isolation = try #require(report.state.gateVerdicts.first { $0.gate == "isolation" })
        #expect(isolation.passed)
        #expect(isolation.detail.contains("no campaign runs"), "the gate says why it passed: \(isolation.detail)")
        #expect(report.state.gateVerdicts.first { $0.gate == "trunk-isolation" }?.passed == true)
        #expect(h.events.contains { $0.step == "isolation" && $0.message.contains("no campaign runs") })
        // Each object written once.
        let writes = recorder.writes.filter { $0.hasPrefix("PUT ") }
        #expect(Set(writes).count == writes.count, "\(writes)")
        // 2 running campaigns, 1 trigger not allowed, 2 configs, 2 credentials, 3 trunk bases.
        let expectedWrites = 2 + 1 + 2 + 2 + 3
        #expect(writes.count == expectedWrites, "\(writes)")
        #expect(report.state.hardening.filter { $0.action == .changed }.count == expectedWrites)
        // hardening.json: before and after, secrets as ***.
        let file = report.artifactsDirectory.appendingPathComponent("hardening.json")
        let text = try String(contentsOf: file, encoding: .utf8)
        let objects = try WireCoding.decode([HardenedObject].self, from: Data(text.utf8))
        #expect(objects.contains { $0.kind == "campaign" && $0.name == "Renewals Q4" && $0.action == .changed })
        #expect(objects.contains { $0.kind == "trigger" && $0.name == "Post-call survey" && $0.action == .allowed })
        let credentialAfter = objects.first { $0.kind == "credential" }?.after
        #expect(credentialAfter?["password"] == .string("***"))
        let html = try String(contentsOf: report.artifactsDirectory.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("id=\"hardening\"") && html.contains("Renewals Q4"))
        // The secrets appear nowhere the run wrote.
        let secrets = [Harness.sandboxServicePassword, Harness.sandboxServiceUser]
        var written = ""
        for name in report.artifacts { written += (try? String(contentsOf: report.artifactsDirectory.appendingPathComponent(name), encoding: .utf8)) ?? "" }
        written += h.events.map { "\($0.message) \($0.fields)" }.joined(separator: "\n")
        written += journal.all.map { String(decoding: WireCoding.encode($0), as: UTF8.self) }.joined(separator: "\n")
        for secret in secrets { #expect(!written.contains(secret), "a sandbox secret leaked") }
        #expect(journal.all.contains { $0 == .aboutToSend(step: "harden.primary", effect: .harden(kind: "credential", name: "Billing REST credential")) })
        #expect(journal.all.contains { $0 == .aboutToSend(step: "harden.primary", effect: .hardened(kind: "credential", name: "Billing REST credential")) })

        // A resumed run finds everything in place: only a credential whose write was
        // interrupted (intent journaled, completion not) is written again.
        recorder.reset()
        let node = try #require(graph.node("harden.primary"))
        var resume = ResumePoint(attempt: 2, originallyStartedAt: Date())
        resume.hardenedCredentials = ["harden.primary/Billing REST credential"]
        var state = RunState(scope: .all)
        let result = await Executor.handle(node, try h.context(graph: graph, runId: "run-1", transport: transport, resume: resume), &state)
        #expect(result == .success)
        let again = recorder.writes
        #expect(again.count == 1 && again[0].hasPrefix("PUT /api/v2/integrations/credentials/"), "\(again)")
        #expect(state.hardening.contains { $0.name == "Billing REST credential" && $0.action == .alreadyWritten })
        #expect(state.hardening.filter { $0.kind != "credential" }.allSatisfy { $0.action != .changed })
        #expect(h.emulator.productionWrites().isEmpty)
    }

    @Test func withoutHardeningTheIsolationGateListsEveryObjectThatReachesProduction() async throws {
        let h = Harness()
        let report = try await h.run(Self.full)
        #expect(report.outcome == .validationGateFailed)
        #expect(report.outcome.exitCode == 7)
        let verdict = try #require(report.state.gateVerdicts.first { $0.gate == "isolation" })
        #expect(!verdict.passed)
        for name in ["Renewals Q4", "Win-back", "Post-call survey", "Escalation to CRM", "Billing REST", "CRM Connector"] {
            #expect(verdict.detail.contains("\"\(name)\""), "\(name) is listed: \(verdict.detail)")
        }
        #expect(!verdict.detail.contains("Survey Callbacks") && !verdict.detail.contains("Legacy archive"), "stopped and disabled objects pass")
        #expect(verdict.detail.contains("api.prod.example.com") && verdict.detail.contains("crm.prod.example.com"))
        // A data action taking its host from its integration's config is judged by that config.
        #expect(!verdict.detail.contains("dataAction"))
        #expect(h.emulator.productionWrites().isEmpty)
    }

    @Test func aDataActionNamingAProductionHostLiterallyFailsTheGate() async throws {
        let h = Harness(spec: WorldSpec(seed: 7, sandboxes: [Harness.sandboxId], literalHostActions: 1))
        let report = try await h.run(Self.full + "\n" + Self.harden)
        #expect(report.outcome == .validationGateFailed)
        let verdict = try #require(report.state.gateVerdicts.first { $0.gate == "isolation" })
        #expect(!verdict.passed)
        #expect(verdict.detail.contains("dataAction \"Legacy lookup 1\"") && verdict.detail.contains("api.prod.example.com"), "\(verdict.detail)")
        #expect(verdict.detail.components(separatedBy: "; ").count == 1, "only the data action: \(verdict.detail)")
    }

    @Test func checkListsTheObjectsEachActionWouldChangeAndSendsOnlyReads() async throws {
        let h = Harness()
        let graph = try h.graph(Self.full + "\n" + Self.harden)
        let report = await LiveCheck.run(graph: graph, production: try h.client(.production), sandbox: try h.client(.sandbox), now: Date())
        let hardening = try #require(report.hardening, "check previews the hardening")
        let changing = Set(hardening.filter { $0.action == .changed }.map { "\($0.kind):\($0.name)" })
        for expected in ["campaign:Renewals Q4", "campaign:Win-back", "trigger:Escalation to CRM", "integration:Billing REST", "integration:CRM Connector",
                         "credential:Billing REST credential"] {
            #expect(changing.contains(expected), "\(expected) in \(changing)")
        }
        #expect(hardening.contains { $0.name == "Post-call survey" && $0.action == .allowed })
        #expect(!changing.contains("campaign:Survey Callbacks"))
        #expect(report.readOnly, "check sent only reads: \(report.requestsSent.filter { !$0.hasPrefix("GET ") })")
        #expect(h.emulator.productionWrites().isEmpty)
    }

    @Test func thePlanShowsEachActionAndItsTemplatedRequest() throws {
        let h = Harness()
        let graph = try h.graph(Self.full + "\n" + Self.harden)
        let node = try #require(graph.node("harden.primary"))
        let paths = node.requests.map { "\($0.request.method.rawValue) \($0.request.path)" }
        #expect(paths.contains("PUT /api/v2/outbound/campaigns/{campaignId}"))
        #expect(paths.contains("PUT /api/v2/processautomation/triggers/{triggerId}"))
        #expect(paths.contains("PUT /api/v2/integrations/{integrationId}/config/current"))
        #expect(paths.contains("PUT /api/v2/integrations/credentials/{credentialId}"))
        #expect(paths.contains("PUT /api/v2/telephony/providers/edges/trunkbasesettings/{trunkBaseId}"))
        let text = node.summary.joined(separator: "\n") + node.requests.compactMap { $0.request.body.map { String(decoding: $0, as: UTF8.self) } }.joined()
        #expect(text.contains("${env:SANDBOX_SVC_PASSWORD}") && !text.contains(Harness.sandboxServicePassword))
        #expect(text.contains("https://crm.sandbox.example.com/api"))
    }
}
