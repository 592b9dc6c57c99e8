import RefreshPlan
import Testing

/// `notify.targets` and `network`, as decoded: what the executor and the transport are given.
@Suite("notify targets and network settings")
struct NotifyAndNetworkTests {
    @Test func targetsDecodeWithTheirChannelsAndOnLists() throws {
        let result = TestSupport.load(TestPlans.plan(top: """
            notify:
              onFailure: {webhook: "${env:HOOK}"}
              targets:
                - {slack: "${env:SLACK}"}
                - {teams: "${file:/run/secrets/teams}", on: [success]}
                - {webhook: "https://alerts.example.com/refresh", on: [failure, timeout, success]}
            """), environment: TestSupport.fullEnvironment.merging(["SLACK": "https://hooks.slack.com/services/x"]) { $1 })
        #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(result.diagnostics.map(\.message))")
        let notify = try #require(result.plan?.notify)
        #expect(notify.targets == [
            NotifyTarget(.slack, url: .env("SLACK"), on: [.failure, .timeout]),
            NotifyTarget(.teams, url: .file("/run/secrets/teams"), on: [.success]),
            NotifyTarget(.webhook, url: .literal("https://alerts.example.com/refresh"), on: [.failure, .timeout, .success]),
        ])
        #expect(notify.allTargets.map(\.place) == ["notify.onFailure.webhook", "notify.targets[0] (slack)", "notify.targets[1] (teams)", "notify.targets[2] (webhook)"])
        #expect(notify.allTargets.first?.target == NotifyTarget(.webhook, url: .env("HOOK"), on: [.failure, .timeout]), "the deprecated key keeps its meaning")
    }

    @Test func aTargetNamesExactlyOneChannel() {
        for target in ["{on: [failure]}", "{slack: \"${env:HOOK}\", webhook: \"${env:HOOK}\"}"] {
            let result = TestSupport.load(TestPlans.plan(top: "notify: {targets: [\(target)]}"))
            #expect(TestSupport.codes(result) == ["SR063"], "\(target)")
        }
        let unknown = TestSupport.load(TestPlans.plan(top: "notify: {targets: [{webhook: \"${env:HOOK}\", on: [always]}]}"))
        #expect(TestSupport.codes(unknown).contains("SR007"))
    }

    @Test func literalChatURLsAreSecretsAndNeverEchoed() {
        for target in ["slack: \"https://hooks.slack.com/services/T0/B0/pw-secret\"", "teams: \"https://user:pw-secret@example.webhook.office.com/x\"",
                       "webhook: \"https://alerts.example.com/x?token=pw-secret\""] {
            let result = TestSupport.load(TestPlans.plan(top: "notify: {targets: [{\(target)}]}"))
            #expect(TestSupport.codes(result) == ["SR019"], "\(target)")
            #expect(!result.diagnostics.contains { $0.message.contains("pw-secret") })
        }
        let insecure = TestSupport.load(TestPlans.plan(top: "notify: {targets: [{webhook: \"http://alerts.example.com/x\"}]}"))
        #expect(TestSupport.codes(insecure) == ["SR025"])
    }

    @Test func networkProxyIsAURLOrNoneAndNeverCarriesCredentials() {
        let proxied = TestSupport.load(TestPlans.plan(top: "network: {proxy: \"http://proxy.internal:3128\", caBundle: /etc/ssl/corp.pem}"))
        #expect(proxied.plan?.network == NetworkSettings(proxy: .url("http://proxy.internal:3128"), caBundle: "/etc/ssl/corp.pem"))
        let direct = TestSupport.load(TestPlans.plan(top: "network: {proxy: none}"))
        #expect(direct.plan?.network?.proxy == .direct)
        #expect(TestSupport.load(TestPlans.plan()).plan?.network == nil, "no section: the environment decides")
        let withPassword = TestSupport.load(TestPlans.plan(top: "network: {proxy: \"http://me:pw-secret@proxy.internal:3128\"}"))
        #expect(TestSupport.codes(withPassword).contains("SR019"))
        #expect(!withPassword.diagnostics.contains { $0.message.contains("pw-secret") })
        let notAURL = TestSupport.load(TestPlans.plan(top: "network: {proxy: \"socks5://proxy:1080\"}"))
        #expect(!TestSupport.codes(notAURL).isEmpty)
    }
}
