import EmulatorCore
import Foundation
import GenesysWire
import HummingbirdTesting
import Testing
import Timekeeping

@Suite struct RefreshLifecycleTests {
    static let body = RefreshRequest(scope: "ARCHITECT,ROUTING", description: "Pipeline-Run-1001", preserveSandboxUsers: true)

    @Test func jobGoesQueuedInProgressCompletedWithNonLinearProgress() async throws {
        let harness = Harness()
        try await harness.test { client in
            let token = try await client.login(harness.sandbox)
            let submit = try await client.call(.post, refreshesPath(), token: token, json: Self.body)
            #expect(submit.status == .ok)
            let job = try decode(Refresh.self, submit)
            #expect(job.status == .queued)
            #expect(job.progress == 0)
            #expect(job.scope == "ARCHITECT,ROUTING")
            #expect(job.description == "Pipeline-Run-1001")
            #expect(job.createdDate == harness.clock.epoch)
            #expect(job.createdText.hasSuffix(".000Z"))
            #expect(job.completedDate == nil)

            var samples: [(elapsed: Double, refresh: Refresh)] = []
            while samples.last?.refresh.status.isTerminal != true, samples.count < 200 {
                harness.clock.advance(by: .seconds(15))
                let polled = try decode(Refresh.self, try await client.get("\(refreshesPath())/\(job.id)", token: token))
                samples.append((harness.clock.now.sinceEpoch.seconds, polled))
            }
            let statuses = samples.map(\.refresh.status)
            #expect(statuses.first == .inProgress)
            #expect(statuses.last == .completed)
            #expect(samples.last?.refresh.progress == 100)
            #expect(samples.last?.refresh.completedDate != nil)
            let progress = samples.map(\.refresh.progress)
            #expect(zip(progress, progress.dropFirst()).allSatisfy { $0 <= $1 })
            // A few minutes for a development-sized ARCHITECT,ROUTING.
            let total = try #require(samples.last?.elapsed)
            #expect(total > 120 && total < 600)
            // Not linear: early progress runs far ahead of elapsed time, finalisation crawls.
            let lead = samples.map { Double($0.refresh.progress) - 100 * $0.elapsed / total }.max() ?? 0
            #expect(lead > 20)
            let listed = try decode(RefreshListing.self, try await client.get(refreshesPath(), token: token))
            #expect(listed.entities.map(\.status) == [.completed])
        }
        #expect(harness.emulator.submissions(sandboxId: "sandbox-dev-01").count == 1)
    }

    @Test func domainsApplyInDependencyOrderRoutingFirst() async throws {
        let harness = Harness()
        let before = harness.emulator.world
        try await harness.test { client in
            let token = try await client.login(harness.sandbox)
            _ = try await client.call(.post, refreshesPath(), token: token, json: Self.body)
        }
        harness.clock.advance(by: .seconds(80))
        let midway = try #require(harness.emulator.world.sandbox("sandbox-dev-01"))
        #expect(midway.queues.count == before.production.queues.count)
        #expect(midway.flows.count == before.sandbox("sandbox-dev-01")!.flows.count)
        harness.clock.advance(by: .seconds(3600))
        #expect(harness.emulator.world.sandbox("sandbox-dev-01")!.flows.count == before.production.flows.count)
    }

    @Test func allTakesLongerThanArchitectRouting() async throws {
        let harness = Harness(spec: WorldSpec(seed: 2, sandboxes: ["sandbox-dev-01", "sandbox-qa-01"]))
        try await harness.test { client in
            let token = try await client.login(harness.production)
            _ = try await client.call(.post, refreshesPath("sandbox-dev-01"), token: token, json: Self.body)
            _ = try await client.call(.post, refreshesPath("sandbox-qa-01"), token: token,
                                      json: RefreshRequest(scope: "ALL", description: "audit", preserveSandboxUsers: true))
        }
        var finished: [String: Double] = [:]
        while finished.count < 2, harness.clock.now.sinceEpoch < .seconds(6 * 3600) {
            harness.clock.advance(by: .seconds(10))
            for sandbox in ["sandbox-dev-01", "sandbox-qa-01"] where finished[sandbox] == nil {
                if harness.emulator.refreshes(sandboxId: sandbox).last?.status == .completed {
                    finished[sandbox] = harness.clock.now.sinceEpoch.seconds
                }
            }
        }
        let small = try #require(finished["sandbox-dev-01"])
        let all = try #require(finished["sandbox-qa-01"])
        #expect(all > small * 1.5)
    }

    @Test func oneLockPerSandbox409() async throws {
        let harness = Harness()
        try await harness.test { client in
            let token = try await client.login(harness.sandbox)
            let first = try decode(Refresh.self, try await client.call(.post, refreshesPath(), token: token, json: Self.body))
            harness.clock.advance(by: .seconds(30))
            let second = try await client.call(.post, refreshesPath(), token: token, json: Self.body)
            #expect(second.status == .conflict)
            let body = try decode(ErrorBody.self, second)
            #expect(body.code == "conflict")
            #expect(body.status == 409)
            #expect(body.details?.first?.entityId == first.id)
            #expect(body.contextId == second.headers[.correlationId])
            // The production org manages the same lock.
            let productionToken = try await client.login(harness.production)
            #expect(try await client.call(.post, refreshesPath(), token: productionToken, json: Self.body).status == .conflict)
        }
        #expect(harness.emulator.submissions(sandboxId: "sandbox-dev-01").count == 1)
    }

    @Test func deleteAbortsAnActiveJobOnly() async throws {
        let harness = Harness()
        try await harness.test { client in
            let token = try await client.login(harness.sandbox)
            let job = try decode(Refresh.self, try await client.call(.post, refreshesPath(), token: token, json: Self.body))
            harness.clock.advance(by: .seconds(40))
            let aborted = try await client.call(.delete, "\(refreshesPath())/\(job.id)", token: token)
            #expect(aborted.status == .ok)
            let refresh = try decode(Refresh.self, aborted)
            #expect(refresh.status == .failed)
            #expect(refresh.errorMessage == "Refresh aborted by sandbox-refresh (sandbox-dev-01)")
            #expect(refresh.completedDate != nil)
            harness.clock.advance(by: .seconds(3600))
            let later = try decode(Refresh.self, try await client.get("\(refreshesPath())/\(job.id)", token: token))
            #expect(later.status == .failed)

            let again = try await client.call(.delete, "\(refreshesPath())/\(job.id)", token: token)
            #expect(again.status == .conflict)
            #expect(try await client.call(.delete, "\(refreshesPath())/no-such-refresh", token: token).status == .notFound)
            // The lock is free again.
            #expect(try await client.call(.post, refreshesPath(), token: token, json: Self.body).status == .ok)
        }
    }

    @Test func adminWithoutRoutingAndUnknownScopesAreBadRequests() async throws {
        let harness = Harness()
        try await harness.test { client in
            let token = try await client.login(harness.sandbox)
            let admin = try await client.call(.post, refreshesPath(), token: token,
                                              json: RefreshRequest(scope: "ARCHITECT,ADMIN", description: "x", preserveSandboxUsers: true))
            #expect(admin.status == .badRequest)
            let body = try decode(ErrorBody.self, admin)
            #expect(body.code == "bad.request")
            #expect(body.message.contains("ROUTING"))
            let unknown = try await client.call(.post, refreshesPath(), token: token,
                                                json: RefreshRequest(scope: "ROUTING,EVERYTHING", description: "x", preserveSandboxUsers: true))
            #expect(unknown.status == .badRequest)
            #expect(try await client.call(.post, refreshesPath(), token: token,
                                          json: RefreshRequest(scope: "ADMIN,ROUTING", description: "x", preserveSandboxUsers: true)).status == .ok)
        }
    }

    @Test func listingShowsDescriptionCreatedDateAndStatusNewestFirst() async throws {
        let harness = Harness()
        try await harness.test { client in
            let token = try await client.login(harness.sandbox)
            _ = try await client.call(.post, refreshesPath(), token: token, json: Self.body)
            harness.clock.advance(by: .seconds(3600))
            _ = try await client.call(.post, refreshesPath(), token: token, json: RefreshRequest(scope: "ROUTING", description: "Pipeline-Run-1002", preserveSandboxUsers: true))
            let list = try decode(RefreshListing.self, try await client.get(refreshesPath(), token: token))
            #expect(list.entities.map(\.description) == ["Pipeline-Run-1002", "Pipeline-Run-1001"])
            #expect(list.entities.map(\.status) == [.queued, .completed])
            #expect(list.entities[0].createdDate == harness.clock.epoch.addingTimeInterval(3600))
        }
    }

    @Test func sandboxesAreInvisibleToOtherSandboxesTokens() async throws {
        let harness = Harness(spec: WorldSpec(seed: 4, sandboxes: ["sandbox-dev-01", "sandbox-qa-01"]))
        let qa = try #require(harness.emulator.organization("sandbox-qa-01"))
        try await harness.test { client in
            let token = try await client.login(qa)
            #expect(try await client.get(refreshesPath("sandbox-dev-01"), token: token).status == .notFound)
            #expect(try await client.get(refreshesPath("sandbox-qa-01"), token: token).status == .ok)
            #expect(try await client.get(refreshesPath("no-such-sandbox"), token: token).status == .notFound)
        }
    }

    @Test func manualRefreshIsAForeignLockAndBackdateOnlyMovesCreatedDate() async throws {
        let harness = Harness()
        let manual = harness.emulator.startManualRefresh(sandboxId: "sandbox-dev-01", description: "Refresh before demo", scope: "ALL")
        harness.emulator.backdate(refreshId: manual.id, by: .seconds(45 * 60))
        try await harness.test { client in
            let token = try await client.login(harness.sandbox)
            let list = try decode(RefreshListing.self, try await client.get(refreshesPath(), token: token))
            let listed = try #require(list.entities.first)
            #expect(listed.id == manual.id)
            #expect(listed.status == .queued)
            #expect(listed.createdDate == harness.clock.epoch.addingTimeInterval(-45 * 60))
            #expect(try await client.call(.post, refreshesPath(), token: token, json: Self.body).status == .conflict)
        }
        #expect(harness.emulator.submissions(sandboxId: "sandbox-dev-01").isEmpty)
        #expect(harness.emulator.refreshes(sandboxId: "sandbox-dev-01").count == 1)
    }
}
