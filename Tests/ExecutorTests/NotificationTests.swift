import EmulatorCore
import Foundation
import GenesysClient
import GenesysWire
@testable import Executor
import RefreshPlan
import Testing

/// `notify.targets`: Slack, Teams and generic webhook bodies as a real HTTP receiver gets them,
/// `on` filtering, and bounded retries that never change how the run ended.
@Suite("run notifications", .serialized)
struct NotificationTests {
    static let failing = FaultPlan(rules: [FaultRule(kind: .jobFails(errorMessage: "Dependency import error: queue graph"))])
    static let scope = "refresh: {scope: [ARCHITECT, ROUTING]}"

    /// Runs `body` against the emulator with notifications going to a live receiver.
    static func run(_ h: Harness, _ receiver: WebhookReceiver, _ notify: String) async throws -> RunReport {
        let network = AHCTransport(connectTimeout: .seconds(5), readTimeout: .seconds(10))
        defer { Task { try? await network.shutdown() } }
        let transport = SplitTransport(receiverPort: receiver.port, network: network, emulator: InProcessTransport(emulator: h.emulator))
        let report = try await h.run("\(scope)\nnotify:\n\(notify)", transport: transport)
        try await network.shutdown()
        return report
    }

    @Test func slackTeamsAndWebhookEachGetTheirFormatOnFailure() async throws {
        let receiver = try await WebhookReceiver.start()
        let h = Harness(faults: Self.failing)
        let report = try await Self.run(h, receiver, """
              targets:
                - {slack: "\(receiver.url("slack"))"}
                - {teams: "\(receiver.url("teams"))"}
                - {webhook: "\(receiver.url("generic"))"}
            """)
        await receiver.stop()
        #expect(report.outcome == .refreshFailed)

        let slack = try #require(receiver.deliveries("slack").first?.json)
        #expect((slack["text"] as? String)?.contains("refresh-failed") == true)
        let blocks = try #require(slack["blocks"] as? [[String: Any]])
        #expect(blocks.first?["type"] as? String == "header")
        let fields = (blocks.first { $0["type"] as? String == "section" && $0["fields"] != nil }?["fields"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
        for title in ["*Outcome*", "*Sandbox*", "*Run id*", "*Scope*", "*Failed step*"] {
            #expect(fields.contains { $0.hasPrefix(title) }, "Slack section field \(title): \(fields)")
        }
        #expect(fields.contains { $0.contains(Harness.sandboxId) } && fields.contains { $0.contains("run-1") })
        let texts = blocks.compactMap { ($0["text"] as? [String: Any])?["text"] as? String }
        #expect(texts.contains { $0.contains("Dependency import error: queue graph") }, "the error message block")
        let context = blocks.last?["elements"] as? [[String: Any]]
        #expect((context?.first?["text"] as? String)?.contains(".refresh-artifacts/\(Harness.sandboxId)/run-1/") == true)

        let teams = try #require(receiver.deliveries("teams").first?.json)
        #expect(teams["type"] as? String == "message")
        let attachment = try #require((teams["attachments"] as? [[String: Any]])?.first)
        #expect(attachment["contentType"] as? String == "application/vnd.microsoft.card.adaptive")
        let card = try #require(attachment["content"] as? [String: Any])
        #expect(card["type"] as? String == "AdaptiveCard")
        #expect(Double(card["version"] as? String ?? "0") ?? 0 >= 1.4)
        let cardBody = try #require(card["body"] as? [[String: Any]])
        let facts = (cardBody.first { $0["type"] as? String == "FactSet" }?["facts"] as? [[String: String]]) ?? []
        #expect(facts.map { $0["title"] ?? "" } == ["Outcome", "Sandbox", "Run id", "Scope", "Failed step"])
        #expect(cardBody.contains { ($0["text"] as? String)?.contains("Dependency import error") == true })

        let generic = try #require(receiver.deliveries("generic").first)
        #expect(generic.contentType == "application/json")
        let json = generic.json
        for key in ["errorMessage", "runId", "sandboxId", "plan", "scope", "outcome", "exitCode", "failedStep", "refreshIds", "artifactLocation", "schemaVersion"] {
            #expect(json.keys.contains(key), "documented key \(key)")
        }
        #expect(json["outcome"] as? String == "refresh-failed")
        #expect(json["exitCode"] as? Int == 5)
        #expect(json["runId"] as? String == "run-1")
        #expect(json["sandboxId"] as? String == Harness.sandboxId)
        #expect(json["plan"] as? String == "executor-test")
        #expect(json["scope"] as? String == report.summary.scopeEffective)
        #expect(json["schemaVersion"] as? Int == 1)
        #expect((json["refreshIds"] as? [String])?.count == 1)
        #expect((json["errorMessage"] as? String)?.contains("queue graph") == true)
        #expect(receiver.deliveries.count == 3, "one delivery per target")
    }

    /// `on: [impact]`: the sandbox's owners hear what the refresh will destroy before the copy,
    /// by name; other targets do not.
    @Test func impactListenersHearWhatIsAtRiskBeforeTheSubmission() async throws {
        let receiver = try await WebhookReceiver.start()
        let h = Harness()
        let report = try await Self.run(h, receiver, """
              targets:
                - {webhook: "\(receiver.url("owners"))", on: [impact]}
                - {slack: "\(receiver.url("failures"))", on: [failure]}
            """)
        await receiver.stop()
        #expect(report.outcome == .success, "\(report.state.failureMessage ?? "")")
        #expect(receiver.deliveries("failures").isEmpty)
        let deliveries = receiver.deliveries("owners")
        #expect(deliveries.count == 1, "one impact notice, none at the run's end")
        let sent = try #require(deliveries.first?.json)
        #expect(sent["event"] as? String == "impact")
        let message = sent["errorMessage"] as? String ?? ""
        #expect(message.contains("removes") && message.contains("DEV"), "\(message)")
        let events = h.events.map(\.event)
        let notified = try #require(events.firstIndex(of: "notify"))
        #expect(notified < (try #require(events.firstIndex(of: "submit"))), "posted before the submission")
    }

    @Test func successIsNotSentByDefaultButIsWhenListed() async throws {
        let receiver = try await WebhookReceiver.start()
        let h = Harness()
        let report = try await Self.run(h, receiver, """
              targets:
                - {webhook: "\(receiver.url("defaults"))"}
                - {webhook: "\(receiver.url("everything"))", on: [failure, timeout, success]}
                - {slack: "\(receiver.url("failures-only"))", on: [failure]}
            """)
        await receiver.stop()
        #expect(report.outcome == .success)
        #expect(receiver.deliveries("defaults").isEmpty, "the default on list is [failure, timeout]")
        #expect(receiver.deliveries("failures-only").isEmpty)
        let sent = try #require(receiver.deliveries("everything").first?.json)
        #expect(sent["outcome"] as? String == "success")
        #expect(sent["exitCode"] as? Int == 0)
        #expect(sent["event"] as? String == "success")
    }

    @Test func aTimeoutGoesToTimeoutListenersOnly() async throws {
        let receiver = try await WebhookReceiver.start()
        let h = Harness(faults: FaultPlan(rules: [FaultRule(kind: .jobStuck(atProgress: 57))]))
        let report = try await Self.run(h, receiver, """
              targets:
                - {webhook: "\(receiver.url("timeouts"))", on: [timeout]}
                - {webhook: "\(receiver.url("failures"))", on: [failure]}
            """)
        await receiver.stop()
        #expect(report.outcome == .timedOut)
        #expect(receiver.deliveries("timeouts").first?.json["outcome"] as? String == "timed-out")
        #expect(receiver.deliveries("failures").isEmpty)
    }

    @Test func twoServerErrorsThenSuccessAreThreeDeliveriesAndTheOutcomeStands() async throws {
        let receiver = try await WebhookReceiver.start()
        receiver.script("flaky", [(500, nil), (500, nil)])
        let h = Harness(faults: Self.failing)
        let report = try await Self.run(h, receiver, "  targets: [{webhook: \"\(receiver.url("flaky"))\"}]")
        await receiver.stop()
        #expect(receiver.deliveries("flaky").count == 3)
        #expect(report.outcome == .refreshFailed)
        #expect(report.outcome.exitCode == 5)
        #expect(h.events.filter { $0.event == "notify.retry" }.count == 2)
        #expect(h.events.contains { $0.event == "notify" && $0.fields["attempts"] == "3" })
    }

    @Test func aReceiverThatAlwaysFailsChangesNothingAndIsLoggedWithoutItsURL() async throws {
        let receiver = try await WebhookReceiver.start()
        receiver.alwaysFail("down")
        receiver.alwaysFail("down-on-success")
        let failed = Harness(faults: Self.failing)
        let failedReport = try await Self.run(failed, receiver, "  targets: [{teams: \"\(receiver.url("down"))\"}]")
        let succeeded = Harness()
        let succeededReport = try await Self.run(succeeded, receiver, "  targets: [{slack: \"\(receiver.url("down-on-success"))\", on: [success]}]")
        await receiver.stop()
        #expect(failedReport.outcome == .refreshFailed && failedReport.outcome.exitCode == 5)
        #expect(succeededReport.outcome == .success && succeededReport.outcome.exitCode == 0)
        #expect(receiver.deliveries("down").count == 3, "bounded: 3 attempts")
        #expect(receiver.deliveries("down-on-success").count == 3)
        for h in [failed, succeeded] {
            let notifyEvents = h.events.filter { $0.event.hasPrefix("notify") }
            #expect(notifyEvents.contains { $0.event == "notify.error" && $0.message.contains("not delivered after 3 attempts") })
            for event in notifyEvents {
                #expect(!event.message.contains("/hooks/") && !event.message.contains("127.0.0.1:\(receiver.port)"), "no URL in \(event.message)")
                #expect(!event.fields.values.contains { $0.contains("/hooks/") })
            }
        }
    }

    @Test func tooManyRequestsWaitsForRetryAfterOnTheInjectedClock() async throws {
        let receiver = try await WebhookReceiver.start()
        receiver.script("limited", [(429, 30)])
        let h = Harness(faults: Self.failing)
        let report = try await Self.run(h, receiver, "  targets: [{webhook: \"\(receiver.url("limited"))\"}]")
        await receiver.stop()
        #expect(report.outcome == .refreshFailed)
        #expect(receiver.deliveries("limited").count == 2)
        let retry = try #require(h.events.first { $0.event == "notify.retry" })
        let delivered = try #require(h.events.first { $0.event == "notify" })
        // Elapsed seconds are doubles: their difference may fall a rounding error short of 30.
        #expect(delivered.elapsed - retry.elapsed >= 30 - 1e-6, "waited Retry-After (30 s) on the virtual clock")
    }

    @Test func theDeprecatedOnFailureWebhookStillPostsTheGenericJSON() async throws {
        let receiver = try await WebhookReceiver.start()
        let h = Harness(faults: Self.failing)
        let report = try await Self.run(h, receiver, "  onFailure: {webhook: \"\(receiver.url("legacy"))\"}")
        await receiver.stop()
        #expect(report.outcome == .refreshFailed)
        let json = try #require(receiver.deliveries("legacy").first?.json)
        #expect(json["outcome"] as? String == "refresh-failed")
        #expect(json["schemaVersion"] as? Int == 1)
    }
}
