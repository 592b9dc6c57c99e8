import EmulatorCore
import Foundation
import GenesysWire
import HummingbirdTesting
import Testing
import Timekeeping

@Suite struct FaultTests {
    static func plan(_ rules: FaultRule...) -> FaultPlan { FaultPlan(seed: 1, rules: rules) }
    static let queues = "/api/v2/routing/queues"

    @Test func faultPlanDecodesFromJSON() throws {
        let json = #"""
        {"seed": 9, "rules": [
          {"name": "poll-burst", "kind": {"type": "rateLimitBurst", "count": 3, "retryAfterSeconds": 7},
           "match": {"path": "/api/v2/sandboxes/*/refreshes/*", "method": "GET", "organization": "sandbox-dev-01"},
           "afterRequests": 2},
          {"kind": {"type": "serviceUnavailableRun", "count": 4}, "probability": 0.5, "times": 0},
          {"kind": {"type": "latency", "ms": 2500}, "match": {"path": "/api/v2/**"}},
          {"kind": {"type": "drop"}}, {"kind": {"type": "resetMidBody"}},
          {"kind": {"type": "jobFails", "errorMessage": "Import of flow 'Main IVR' failed"}},
          {"kind": {"type": "jobStuck", "atProgress": 42}},
          {"kind": {"type": "manualRefresh", "atSecond": 120, "description": "Admin refresh", "scope": "ALL"}},
          {"kind": {"type": "tokenExpiry", "atSecond": 600}, "match": {"organization": "production"}}
        ]}
        """#
        let plan = try FaultPlan.load(json: Data(json.utf8))
        #expect(plan.seed == 9)
        #expect(plan.rules.map(\.kind.name) == ["rateLimitBurst", "serviceUnavailableRun", "latency", "drop", "resetMidBody",
                                                "jobFails", "jobStuck", "manualRefresh", "tokenExpiry"])
        #expect(plan.rules[0].kind == .rateLimitBurst(count: 3, retryAfterSeconds: 7))
        #expect(plan.rules[0].afterRequests == 2 && plan.rules[0].times == 1 && plan.rules[0].probability == 1)
        #expect(plan.rules[1].times == 0)
        #expect(plan.rules[7].kind == .manualRefresh(atSecond: 120, sandboxId: nil, description: "Admin refresh", scope: "ALL"))
        #expect(try FaultPlan.load(json: WireCoding.encode(plan)) == plan)
    }

    @Test func rateLimitBurstAfterNRequests() async throws {
        let harness = Harness(faults: Self.plan(FaultRule(name: "burst", kind: .rateLimitBurst(count: 2, retryAfterSeconds: 7),
                                                          match: FaultMatch(path: "/api/v2/routing/*", method: "GET"), afterRequests: 1)))
        try await harness.test { client in
            let token = try await client.login(harness.production)
            let statuses = try await (0..<4).asyncMap { _ in try await client.get(Self.queues, token: token) }
            #expect(statuses.map(\.status.code) == [200, 429, 429, 200])
            #expect(statuses[1].headers[.retryAfter] == "7")
            #expect(try decode(ErrorBody.self, statuses[1]).message == "Rate limit exceeded the maximum. Retry the request in [7] seconds")
        }
        let fired = harness.emulator.firedFaults()
        #expect(fired.map(\.rule) == ["burst", "burst"])
        #expect(fired.allSatisfy { $0.path == Self.queues && $0.method == "GET" && $0.organization == "production" })
        #expect(harness.emulator.requestLog().filter { $0.fault == "burst" }.map(\.status) == [429, 429])
    }

    @Test func rateLimitBurstOnTheLoginHost() async throws {
        let harness = Harness(faults: Self.plan(FaultRule(kind: .rateLimitBurst(count: 1, retryAfterSeconds: 3), match: FaultMatch(path: "/oauth/token"))))
        try await harness.test { client in
            let limited = try await client.loginResponse(clientId: harness.production.clientId, secret: harness.production.clientSecret)
            #expect(limited.status == .badRequest)
            #expect(try decode(OAuthErrorBody.self, limited).isRateLimit)
            _ = try await client.login(harness.production)
        }
    }

    @Test func serviceUnavailableRun() async throws {
        let harness = Harness(faults: Self.plan(FaultRule(name: "storm", kind: .serviceUnavailableRun(count: 3), match: FaultMatch(path: "/api/v2/**"))))
        try await harness.test { client in
            let token = try await client.login(harness.production)
            let responses = try await (0..<4).asyncMap { _ in try await client.get(Self.queues, token: token) }
            #expect(responses.map(\.status.code) == [503, 503, 503, 200])
            let body = try decode(ErrorBody.self, responses[0])
            #expect(body.code == "service.unavailable")
            #expect(body.contextId == responses[0].headers[.correlationId])
        }
        #expect(harness.emulator.firedFaults().count == 3)
    }

    @Test func latencyWaitsOnTheInjectedClock() async throws {
        let harness = Harness(faults: Self.plan(FaultRule(kind: .latency(milliseconds: 2500), match: FaultMatch(path: Self.queues))), mode: .autoAdvance)
        try await harness.test { client in
            let token = try await client.login(harness.production)
            let before = harness.clock.now
            #expect(try await client.get(Self.queues, token: token).status == .ok)
            #expect(before.duration(to: harness.clock.now) == .milliseconds(2500))
        }
        #expect(harness.emulator.firedFaults().first?.kind == .latency(milliseconds: 2500))
    }

    @Test func latencyBeyondTheTransportTimeoutIsATimeout() async throws {
        let harness = Harness(faults: Self.plan(FaultRule(kind: .latency(milliseconds: 60_000), match: FaultMatch(method: "POST"))), mode: .autoAdvance)
        let transport = InProcessTransport(emulator: harness.emulator)
        let login = WireRequest(method: .post, url: URL(string: "http://emulator/oauth/token")!,
                                headers: ["Authorization": TokenEndpoint.basicAuthorization(clientId: harness.production.clientId, clientSecret: harness.production.clientSecret)],
                                body: Data(TokenEndpoint.formBody.utf8))
        await #expect(throws: TransportError(.timeout, "no response within 10s")) {
            _ = try await transport.send(login, timeout: .seconds(10))
        }
    }

    @Test func dropAndResetSurfaceAsTransportErrorsInProcessAfterTakingEffect() async throws {
        let harness = Harness(faults: Self.plan(
            FaultRule(name: "lost-submit", kind: .drop, match: FaultMatch(path: "/api/v2/sandboxes/*/refreshes", method: "POST")),
            FaultRule(name: "cut", kind: .resetMidBody, match: FaultMatch(path: Self.queues))))
        let transport = InProcessTransport(emulator: harness.emulator)
        let base = "http://emulator"
        let login = try await transport.send(WireRequest(method: .post, url: URL(string: "\(base)/oauth/token")!,
            headers: ["Authorization": TokenEndpoint.basicAuthorization(clientId: harness.sandbox.clientId, clientSecret: harness.sandbox.clientSecret)],
            body: Data(TokenEndpoint.formBody.utf8)), timeout: .seconds(30))
        let token = try WireCoding.decode(TokenResponse.self, from: login.body).accessToken
        let auth: WireHeaders = ["Authorization": "Bearer \(token)"]
        let submit = WireRequest(method: .post, url: URL(string: "\(base)\(refreshesPath())")!, headers: auth,
                                 body: WireCoding.encode(RefreshRequest(scope: "ROUTING", description: "x", preserveSandboxUsers: true)))
        await #expect(throws: TransportError.self) { _ = try await transport.send(submit, timeout: .seconds(30)) }
        // The POST reached the platform even though its answer was lost.
        #expect(harness.emulator.submissions(sandboxId: "sandbox-dev-01").count == 1)

        let served = await harness.emulator.serve(WireRequest(method: .get, url: URL(string: "\(base)\(Self.queues)")!, headers: auth))
        guard case .transportFailure(let error) = served.reply else { Issue.record("expected a reset"); return }
        #expect(error.kind == .connectionReset)
        #expect(served.partial?.status == 200)
        #expect(served.bytesBeforeReset == (served.partial?.body.count ?? 0) / 2)
        #expect(harness.emulator.requestLog().last?.fault == "cut")
        #expect(harness.emulator.firedFaults().map(\.rule) == ["lost-submit", "cut"])
    }

    @Test func jobFailsWithItsErrorMessage() async throws {
        let harness = Harness(faults: Self.plan(FaultRule(kind: .jobFails(errorMessage: "Import of flow 'Main IVR' failed"))))
        try await harness.test { client in
            let token = try await client.login(harness.sandbox)
            let job = try decode(Refresh.self, try await client.call(.post, refreshesPath(), token: token,
                                                                     json: RefreshRequest(scope: "ARCHITECT,ROUTING", description: "x", preserveSandboxUsers: true)))
            harness.clock.advance(by: .seconds(3600))
            let failed = try decode(Refresh.self, try await client.get("\(refreshesPath())/\(job.id)", token: token))
            #expect(failed.status == .failed)
            #expect(failed.errorMessage == "Import of flow 'Main IVR' failed")
            #expect(failed.progress > 0 && failed.progress < 100)
            // Only the first submission was doomed (times defaults to 1).
            let next = try decode(Refresh.self, try await client.call(.post, refreshesPath(), token: token,
                                                                      json: RefreshRequest(scope: "ROUTING", description: "y", preserveSandboxUsers: true)))
            harness.clock.advance(by: .seconds(3600))
            #expect(try decode(Refresh.self, try await client.get("\(refreshesPath())/\(next.id)", token: token)).status == .completed)
        }
        #expect(harness.emulator.firedFaults().first?.path == refreshesPath())
    }

    @Test func jobStuckNeverFinishes() async throws {
        let harness = Harness(faults: Self.plan(FaultRule(kind: .jobStuck(atProgress: 42))))
        try await harness.test { client in
            let token = try await client.login(harness.sandbox)
            let job = try decode(Refresh.self, try await client.call(.post, refreshesPath(), token: token,
                                                                     json: RefreshRequest(scope: "ROUTING", description: "x", preserveSandboxUsers: true)))
            harness.clock.advance(by: .seconds(5 * 3600))
            let stuck = try decode(Refresh.self, try await client.get("\(refreshesPath())/\(job.id)", token: token))
            #expect(stuck.status == .inProgress)
            #expect(stuck.progress == 42)
        }
    }

    @Test func manualRefreshFiresAtItsSecondAsAForeignLock() async throws {
        let harness = Harness(faults: Self.plan(FaultRule(name: "admin", kind: .manualRefresh(atSecond: 120, sandboxId: nil, description: "Refresh for demo", scope: "ALL"))))
        try await harness.test { client in
            let token = try await client.login(harness.sandbox)
            #expect(try decode(RefreshListing.self, try await client.get(refreshesPath(), token: token)).entities.isEmpty)
            harness.clock.advance(by: .seconds(121))
            let list = try decode(RefreshListing.self, try await client.get(refreshesPath(), token: token))
            #expect(list.entities.map(\.description) == ["Refresh for demo"])
            #expect(list.entities.first?.createdDate == harness.clock.epoch.addingTimeInterval(120))
            #expect(try await client.call(.post, refreshesPath(), token: token,
                                          json: RefreshRequest(scope: "ROUTING", description: "Pipeline-Run-7", preserveSandboxUsers: true)).status == .conflict)
        }
        let fired = try #require(harness.emulator.firedFaults().first)
        #expect(fired.rule == "admin")
        #expect(fired.moment == Moment(sinceEpoch: .seconds(120)))
        #expect(fired.path == refreshesPath())
    }

    @Test func tokenExpiryAtASecond() async throws {
        let harness = Harness(faults: Self.plan(FaultRule(kind: .tokenExpiry(atSecond: 300), match: FaultMatch(organization: "production"))))
        let productionSessions = harness.emulator.userSessions(organization: "production").count
        try await harness.test { client in
            let production = try await client.login(harness.production)
            let sandbox = try await client.login(harness.sandbox)
            harness.clock.advance(by: .seconds(299))
            #expect(try await client.get(Self.queues, token: production).status == .ok)
            harness.clock.advance(by: .seconds(1))
            let expired = try await client.get(Self.queues, token: production)
            #expect(expired.status == .unauthorized)
            #expect(try decode(ErrorBody.self, expired).message == "The access token has expired.")
            #expect(try await client.get(Self.queues, token: sandbox).status == .ok)
            #expect(try await client.get(Self.queues, token: try await client.login(harness.production)).status == .ok)
        }
        // The client token plus production's user sessions.
        #expect(productionSessions == 3)
        #expect(harness.emulator.firedFaults().first?.detail == "4 token(s) expired")
    }

    @Test func probabilisticFaultsReplayForTheSameSeed() async throws {
        func run() async throws -> [Int] {
            let harness = Harness(faults: FaultPlan(seed: 77, rules: [FaultRule(kind: .serviceUnavailableRun(count: 1), match: FaultMatch(path: Self.queues), probability: 0.3, times: 0)]),
                                  rateLimit: 0)
            return try await harness.test { client in
                let token = try await client.login(harness.production)
                return try await (0..<40).asyncMap { _ in Int(try await client.get(Self.queues, token: token).status.code) }
            }
        }
        let first = try await run()
        #expect(first == (try await run()))
        #expect(first.contains(503) && first.contains(200))
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
