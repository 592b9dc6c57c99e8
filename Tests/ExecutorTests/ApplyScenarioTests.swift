import EmulatorCore
import Foundation
import GenesysWire
@testable import Executor
import PlanGraph
import Synchronization
import Testing
import Timekeeping

/// Each edge case of the guide, run end to end against the emulator on a virtual clock.
@Suite("apply against the emulator")
struct ApplyScenarioTests {
    static let devBody = """
        refresh: {scope: [ARCHITECT, ROUTING], description: nightly}
        gates: {validateFlows: {flows: all}}
        """

    @Test func happyPathSubmitsOncePollsToCompletionAndWritesArtifacts() async throws {
        let h = Harness()
        let report = try await h.run(Self.devBody)
        #expect(report.outcome == .success, "\(report.state.failureMessage ?? "")")
        #expect(h.emulator.submissions(sandboxId: Harness.sandboxId).count == 1)
        let statuses = report.state.statuses.map(\.status)
        #expect(statuses.last == "COMPLETED")
        #expect(statuses.dropLast().allSatisfy { $0 == "QUEUED" || $0 == "IN_PROGRESS" })
        // Nothing downstream before COMPLETED: validation comes after the last poll.
        let kinds = h.events.map(\.event)
        let completed = try #require(kinds.firstIndex(of: "refresh.completed"))
        let gate = try #require(kinds.firstIndex(of: "gate.passed"))
        #expect(completed < gate)
        for name in ["run.json", "payload.json", "statuses.json", "validation-report.json"] {
            #expect(FileManager.default.fileExists(atPath: report.artifactsDirectory.appendingPathComponent(name).path), "\(name)")
        }
        let run = try WireCoding.decode(RunSummary.self, from: Data(contentsOf: report.artifactsDirectory.appendingPathComponent("run.json")))
        #expect(run.outcome == "success")
        #expect(run.refreshIds.count == 1)
        #expect(run.statusRequests == report.state.statuses.count)
        let payload = try WireCoding.decode([RefreshRequest].self, from: Data(contentsOf: report.artifactsDirectory.appendingPathComponent("payload.json")))
        #expect(RunTag.runId(in: payload.first?.description) == "run-1")
    }

    @Test func pollingNeverFasterThanFifteenSeconds() async throws {
        let h = Harness()
        _ = try await h.run(Self.devBody)
        let polls = h.emulator.requestLog().filter { $0.method == "GET" && $0.path.contains("/refreshes/") }
        #expect(polls.count >= 2)
        for (a, b) in zip(polls, polls.dropFirst()) {
            #expect(a.moment.duration(to: b.moment) >= .seconds(15))
        }
    }

    @Test func staleUntaggedForeignLockIsAbortedAndRetried() async throws {
        let h = Harness()
        let manual = h.emulator.startManualRefresh(sandboxId: Harness.sandboxId, description: "Refresh started by admin", scope: "ALL")
        h.emulator.backdate(refreshId: manual.id, by: .seconds(45 * 60))
        let report = try await h.run(Self.devBody + "\nlock: {onForeignRefresh: abort-if-stale, staleAfter: 30m}")
        #expect(report.outcome == .success)
        #expect(report.state.abortedForeignRefreshes == [manual.id])
        #expect(h.emulator.refreshes(sandboxId: Harness.sandboxId).first { $0.id == manual.id }?.status == .failed)
        #expect(h.emulator.submissions(sandboxId: Harness.sandboxId).count == 1)
    }

    @Test func freshForeignLockIsWaitedForNotAborted() async throws {
        let h = Harness()
        let manual = h.emulator.startManualRefresh(sandboxId: Harness.sandboxId, description: "Refresh started by admin", scope: "ARCHITECT")
        let report = try await h.run(Self.devBody + "\nlock: {onForeignRefresh: abort-if-stale, staleAfter: 30m, waitTimeout: 2h}")
        #expect(report.outcome == .success)
        #expect(report.state.abortedForeignRefreshes.isEmpty)
        #expect(h.emulator.refreshes(sandboxId: Harness.sandboxId).first { $0.id == manual.id }?.status == .completed)
        #expect(h.events.contains { $0.event == "lock.wait" })
    }

    @Test func foreignLockWithFailPolicyEndsTheRun() async throws {
        let h = Harness()
        h.emulator.startManualRefresh(sandboxId: Harness.sandboxId, description: "Refresh started by admin", scope: "ARCHITECT")
        let report = try await h.run(Self.devBody + "\nlock: {onForeignRefresh: fail}")
        #expect(report.outcome == .lockNotAcquired)
        #expect(report.outcome.exitCode == 4)
        #expect(h.emulator.submissions(sandboxId: Harness.sandboxId).isEmpty)
    }

    @Test func ourOwnActiveJobIsAdoptedNotResubmitted() async throws {
        let h = Harness()
        let graph = try h.graph(Self.devBody)
        let first = try h.client(.sandbox)
        guard case .submit(_, let submit)? = graph.node("submit.primary")?.step else { Issue.record("no submit step"); return }
        let submitted = try await first.send(StepRequests.submit(sandboxId: graph.settings.sandboxId, submit, runId: "run-1"), as: Refresh.self)
        let report = try await h.run(Self.devBody, runId: "run-1")
        #expect(report.outcome == .success)
        #expect(report.state.adoptedRefreshId == submitted.id)
        #expect(h.emulator.submissions(sandboxId: Harness.sandboxId).count == 1)
    }

    @Test func conflictOnSubmitGoesBackThroughTheLockPolicy() async throws {
        let h = Harness()
        let emulator = h.emulator
        let fired = Mutex(false)
        // An administrator clicks "refresh" between our lock check and our submission.
        let hook = HookTransport(inner: InProcessTransport(emulator: emulator)) { request in
            guard request.method == .post, request.url.path.hasSuffix("/refreshes") else { return }
            if fired.withLock({ done in defer { done = true }; return !done }) {
                emulator.startManualRefresh(sandboxId: Harness.sandboxId, description: "Refresh started by admin", scope: "ARCHITECT")
            }
        }
        let report = try await h.run(Self.devBody + "\nlock: {onForeignRefresh: wait, waitTimeout: 2h}", transport: hook)
        #expect(report.outcome == .success)
        #expect(h.events.contains { $0.event == "submit.conflict" })
        #expect(h.emulator.submissions(sandboxId: Harness.sandboxId).count == 1)
    }

    @Test func failedJobEndsWithThePlatformsErrorMessage() async throws {
        let h = Harness(faults: FaultPlan(rules: [FaultRule(kind: .jobFails(errorMessage: "Dependency import error: queue graph"))]))
        let report = try await h.run(Self.devBody)
        #expect(report.outcome == .refreshFailed)
        #expect(report.state.failureMessage?.contains("Dependency import error: queue graph") == true)
        #expect(!h.events.contains { $0.event == "gate.passed" }, "no gate runs after FAILED")
    }

    @Test func stuckJobTimesOutAtMaxWaitAndIsLeftRunning() async throws {
        let h = Harness(faults: FaultPlan(rules: [FaultRule(kind: .jobStuck(atProgress: 57))]))
        let started = h.clock.now
        let report = try await h.run("refresh: {scope: [ARCHITECT, ROUTING], maxWait: 4h}")
        #expect(report.outcome == .timedOut)
        #expect(report.outcome.exitCode == 6)
        let elapsed = started.duration(to: h.clock.now)
        #expect(elapsed >= .seconds(4 * 3600) && elapsed < .seconds(4 * 3600 + 300))
        #expect(h.emulator.refreshes(sandboxId: Harness.sandboxId).first?.status.isActive == true, "the job is not aborted")
    }

    @Test func serviceUnavailableStormOpensTheBreakerAndTheRunSurvives() async throws {
        let storm = FaultRule(kind: .serviceUnavailableRun(count: 4), match: FaultMatch(path: "/api/v2/sandboxes/*/refreshes/*", method: "GET"))
        let h = Harness(faults: FaultPlan(rules: [storm]))
        let report = try await h.run(Self.devBody)
        #expect(report.outcome == .success)
        #expect(h.emulator.firedFaults().contains { $0.kind == .serviceUnavailableRun(count: 4) })
        let served503 = h.emulator.requestLog().filter { $0.status == 503 }.count
        #expect(served503 <= 4)
    }

    @Test func productionDriftExpandsTheScopeBeforeSubmitting() async throws {
        let h = Harness()
        let report = try await h.run("""
            refresh: {scope: [ARCHITECT]}
            dependencyScan: {compare: [queues, skills], onDrift: expand-scope}
            gates: {validateFlows: {flows: all}}
            """)
        #expect(report.outcome == .success, "\(report.state.failureMessage ?? "")")
        #expect(report.state.effectiveScope.wireValue == "ROUTING,ARCHITECT")
        #expect(report.state.expansionReasons.first?.contains("queues") == true)
        let submitted = h.emulator.submissions(sandboxId: Harness.sandboxId)
        #expect(submitted.map(\.scope) == ["ROUTING,ARCHITECT"])
    }

    @Test func missingRoutingReferencesTakeTheExpansionBranchOnce() async throws {
        let h = Harness()
        let report = try await h.run("""
            refresh: {scope: [ARCHITECT]}
            gates: {validateFlows: {flows: all}}
            scopeExpansion: [{when: missing-routing-reference, add: [ROUTING], maxTimes: 1}]
            """)
        #expect(report.outcome == .success, "\(report.state.failureMessage ?? "")")
        let submitted = h.emulator.submissions(sandboxId: Harness.sandboxId)
        #expect(submitted.map(\.scope) == ["ARCHITECT", "ROUTING,ARCHITECT"])
        #expect(report.state.expandedScope?.wireValue == "ROUTING,ARCHITECT")
        #expect(report.state.validationErrors.isEmpty)
    }

    @Test func withoutAnExpansionRuleMissingReferencesFailTheGate() async throws {
        let h = Harness()
        let report = try await h.run("""
            refresh: {scope: [ARCHITECT]}
            gates: {validateFlows: {flows: all}}
            """)
        #expect(report.outcome == .validationGateFailed)
        #expect(report.state.validationErrors.contains { $0.referenceType == "queue" })
        #expect(report.state.failureMessage?.contains("not found") == true)
    }

    @Test func piiGatePassesWhenNoCustomerDataIsCopied() async throws {
        let h = Harness()
        let report = try await h.run("""
            refresh: {scope: [ARCHITECT, ROUTING]}
            masking: {maskPii: true}
            gates: {piiScan: {sources: [externalContacts, dataTables], detectors: [creditCard, ssn]}}
            """)
        #expect(report.outcome == .success, "\(report.state.failureMessage ?? "")")
        #expect(h.events.contains { $0.event == "pii.scanned" })
    }

    /// Edge case 3: ICM copies customer data. Unmasked, the gate fails with findings that show
    /// no raw value; masked on the way in, it passes.
    @Test func unmaskedICMRefreshFailsThePiiGateWithoutLeakingValues() async throws {
        let h = Harness()
        let body = """
            refresh: {scope: [ROUTING, ICM]}
            masking: {maskPii: true}
            gates: {piiScan: {sources: [externalContacts, dataTables], detectors: [creditCard, ssn]}}
            """
        // The plan language refuses ICM without masking (SR035); build the unsafe plan by hand.
        var plan = try h.plan(body)
        plan.masking.maskPii = false
        let graph = try PlanCompiler.compile(plan)
        let report = try await h.run(graph: graph)
        #expect(report.outcome == .piiGateFailed)
        let message = try #require(report.state.failureMessage)
        #expect(message.contains("PII finding"))
        let planted = PIIPlanted.values(in: h.emulator.world.production)
        #expect(!planted.isEmpty)
        let artifacts = try FileManager.default.contentsOfDirectory(atPath: report.artifactsDirectory.path)
            .map { try String(contentsOf: report.artifactsDirectory.appendingPathComponent($0), encoding: .utf8) }
        for value in planted {
            #expect(!message.contains(value))
            #expect(!h.events.contains { $0.message.contains(value) || $0.fields.values.contains { $0.contains(value) } })
            #expect(!artifacts.contains { $0.contains(value) })
        }

        let masked = Harness()
        let maskedReport = try await masked.run(body)
        #expect(maskedReport.outcome == .success, "\(maskedReport.state.failureMessage ?? "")")
    }

    @Test func fullRefreshWithoutPreservedUsersClearsSessionsFirst() async throws {
        let h = Harness()
        let before = h.emulator.userSessions(organization: Harness.sandboxId)
        #expect(!before.isEmpty)
        let report = try await h.run("""
            refresh: {scope: ALL, justification: compliance-audit, preserveSandboxUsers: false, preClearSessions: true}
            masking: {maskPii: true}
            gates: {piiScan: {sources: [externalContacts]}}
            """)
        #expect(Set(report.state.revokedUserIds) == Set(before.map(\.userId)))
        let kinds = h.events.map(\.event)
        #expect(try #require(kinds.firstIndex(of: "sessions.cleared")) < (try #require(kinds.firstIndex(of: "submitted"))))
        // ALL copies production trunks with their trunk base settings (registration included):
        // the isolation gate stops the run, naming the trunks but not the registration's user part.
        #expect(report.outcome == .validationGateFailed)
        let message = try #require(report.state.failureMessage)
        #expect(message.contains("could register with production's carrier") && message.contains("Carrier SIP Trunk 1"), "\(message)")
        #expect(!message.contains("sip:prod-"), "\(message)")
    }

    @Test func preflightListsEveryMissingScopeAtOnce() async throws {
        let h = Harness()
        let weak = try #require(h.emulator.addClient(organization: Harness.sandboxId, scopes: ["sandbox:view"]))
        let report = try await h.run(Self.devBody, sandboxCredentials: .init(clientId: weak.clientId, clientSecret: weak.clientSecret))
        #expect(report.outcome == .preflightFailed)
        let message = try #require(report.state.failureMessage)
        #expect(message.contains("sandbox:refresh") && message.contains("architect:flow:view"))
        #expect(h.emulator.submissions(sandboxId: Harness.sandboxId).isEmpty)
    }

    @Test func cancellationStopsPollingAndLeavesTheJobRunning() async throws {
        let h = Harness()
        let emulator = h.emulator
        let polls = Mutex(0)
        let hook = HookTransport(inner: InProcessTransport(emulator: emulator)) { request in
            if request.method == .get, request.url.path.contains("/refreshes/") {
                polls.withLock { $0 += 1 }
                if polls.withLock({ $0 }) == 2 { withUnsafeCurrentTask { $0?.cancel() } }
            }
        }
        // In a task of its own, so that cancelling "the current task" cancels the run, not the test.
        let report = try await Task { try await h.run(Self.devBody, transport: hook) }.value
        #expect(report.outcome == .interrupted)
        #expect(h.emulator.refreshes(sandboxId: Harness.sandboxId).first?.status.isActive == true)
        #expect(FileManager.default.fileExists(atPath: report.artifactsDirectory.appendingPathComponent("run.json").path))
    }
}

@Suite("validation report")
struct ValidationReportScenarioTests {
    @Test func failingFlowsNameTheCommitThatLastTouchedThem() async throws {
        let h = Harness()
        let repo = FileManager.default.temporaryDirectory.appendingPathComponent("flows-repo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: repo) }
        for flow in h.emulator.world.production.flows {
            try "name: \(flow.flow.name)\n".write(to: repo.appendingPathComponent("\(FlowCommitLookup.slug(flow.flow.name, "-")).yaml"), atomically: true, encoding: .utf8)
        }
        for args in [["init", "-q"], ["add", "."], ["commit", "-q", "-m", "Export flows from production"]] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["git", "-C", repo.path, "-c", "user.name=Flow Export", "-c", "user.email=export@example.invalid"] + args
            try p.run()
            p.waitUntilExit()
            try #require(p.terminationStatus == 0)
        }
        let report = try await h.run("""
            refresh: {scope: [ARCHITECT]}
            gates: {validateFlows: {flows: all, sourceRepository: "\(repo.path)"}}
            """)
        #expect(report.outcome == .validationGateFailed)
        let json = try String(contentsOf: report.artifactsDirectory.appendingPathComponent("validation-report.json"), encoding: .utf8)
        #expect(json.contains("\"lastCommits\""))
        #expect(json.contains("Export flows from production"))
        let failing = Set(report.state.validationErrors.compactMap(\.flowName))
        #expect(!failing.isEmpty)
        for name in failing { #expect(json.contains("\"flowName\" : \"\(name)\"")) }
    }
}
