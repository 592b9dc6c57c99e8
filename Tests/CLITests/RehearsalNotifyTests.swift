import RunAssembly
import Foundation
import Logging
import RefreshPlan
@testable import SandboxRefreshCLI
import Testing

/// A rehearsal never alerts the team: every notify target, whatever its channel, posts to the
/// emulator's inbox instead, keeping its format and `on` list.
@Suite("rehearsal notifications")
struct RehearsalNotifyTests {
    @Test func everyTargetIsRedirectedToTheEmulatorsInbox() async throws {
        let result = PlanLoader(environment: [:]).load(text: """
            version: 1
            name: rehearsal
            production: {region: mypurecloud.com, credentials: {clientId: "${env:P}", clientSecret: "${env:PS}"}}
            sandbox: {id: sandbox-dev-01, credentials: {clientId: "${env:S}", clientSecret: "${env:SS}"}}
            refresh: {scope: [ARCHITECT, ROUTING]}
            notify:
              onFailure: {webhook: "${env:TEAM_HOOK}"}
              targets:
                - {slack: "${env:TEAM_SLACK}", on: [success]}
                - {teams: "${env:TEAM_TEAMS}"}
            """, path: "rehearsal.yaml")
        let plan = try #require(result.plan)
        let session = try await EmulatorSession.start(for: plan, seed: 1, faultsFile: nil, timeScale: 30, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        let pointed = session.pointing(plan)
        let inbox = session.secretEnvironment["SANDBOX_REFRESH_EMULATOR_WEBHOOK"]
        await session.stop()
        #expect(inbox?.hasSuffix("/emulator/webhooks") == true)
        let targets = try #require(pointed.notify?.allTargets.map(\.target))
        #expect(targets.map(\.url) == Array(repeating: .env("SANDBOX_REFRESH_EMULATOR_WEBHOOK"), count: 3))
        #expect(targets.map(\.channel) == [.webhook, .slack, .teams])
        #expect(targets.map(\.on) == [[.failure, .timeout], [.success], [.failure, .timeout]])
    }
}
