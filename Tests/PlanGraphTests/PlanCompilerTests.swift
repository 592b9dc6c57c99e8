import Foundation
import GenesysWire
@testable import PlanGraph
import RefreshPlan
import Testing

@Suite("plan graph compiler")
struct PlanCompilerTests {
    @Test func devRunsTheStepsInTheGuidesOrder() throws {
        let graph = try Fixture.compile("specs/dev.yaml")
        #expect(graph.mainPath.map(\.id) == [
            "preflight.production", "preflight.sandbox", "lock", "dependency-scan", "impact", "snapshot", "submit.primary", "poll.primary", "harden.primary",
            "validate-flows.primary", "artifacts", "release",
        ])
        #expect(graph.expansionBranch.isEmpty, "ROUTING is already in dev's scope, so no expansion branch")
        #expect(graph.submitScope.wireValue == "ROUTING,ARCHITECT", "scope is sent in dependency order")
    }

    @Test func fullScopeAddsPreClearAndTrunkGate() throws {
        let graph = try Fixture.compile("specs/compliance-audit.yaml")
        let ids = graph.mainPath.map(\.id)
        #expect(ids.contains("session-pre-clear"))
        #expect(ids.firstIndex(of: "session-pre-clear")! < ids.firstIndex(of: "submit.primary")!)
        #expect(ids.contains("trunk-isolation"))
        #expect(ids.contains("pii-scan"))
        #expect(graph.submitScope == .all)
    }

    @Test func trunkGateFollowsTheFlag() throws {
        let body = """
            sandbox: {id: sb-1, credentials: {clientId: a, clientSecret: "${env:S}"}}
            refresh: {scope: ALL, justification: compliance-audit, preserveSandboxUsers: true}
            masking: {maskPii: true}
            gates: {piiScan: {sources: [externalContacts]}, trunkIsolation: TRUNKS}
            """
        #expect(try Fixture.plan(body.replacingOccurrences(of: "TRUNKS", with: "true")).contains("trunk-isolation"))
        #expect(try !Fixture.plan(body.replacingOccurrences(of: "TRUNKS", with: "false")).contains("trunk-isolation"))
        #expect(try !Fixture.plan(body.replacingOccurrences(of: "TRUNKS", with: "true")).contains("session-pre-clear"), "users preserved")
    }

    /// Failure, retry and tail transitions are edges: every gate goes on to the next when it
    /// fails, a 409 goes back through the lock, and the expansion loops at most `maxTimes`.
    @Test func failurePathsAndLoopsAreEdgesOfTheGraph() throws {
        let graph = try Fixture.compile("specs/compliance-audit.yaml")
        let gates = graph.nodes.filter { $0.step.isGate && !$0.id.hasSuffix(".expansion") }.map(\.id)
        #expect(gates.count >= 2, "\(gates)")
        for (gate, next) in zip(gates, gates.dropFirst() + ["artifacts"]) {
            #expect(graph.successors(of: gate).contains { $0.to == next && $0.condition == .gateFailed }, "\(gate) -> \(next)")
        }
        #expect(graph.successors(of: "submit.primary").contains { $0.to == "lock" && $0.condition == .rule(TransitionRules.conflict) && $0.limit == TransitionRules.conflictRounds })
        #expect(graph.successors(of: "artifacts").map(\.to).sorted() == ["notify", "release"])

        let text = try String(contentsOfFile: Repo.path("specs/qa.yaml"), encoding: .utf8)
        for times in 1...3 {
            let variant = text.replacingOccurrences(of: "maxTimes: 2", with: "maxTimes: \(times)")
            let compiled = try Fixture.compile(text: variant)
            let loop = compiled.edges.first { $0.from == "validate-flows.expansion" && $0.to == "submit.expansion" }
            #expect(loop?.limit == (times == 1 ? nil : times - 1), "maxTimes \(times): \(String(describing: loop))")
            #expect((loop == nil) == (times == 1))
        }
    }

    @Test func preservedUsersNeedNoPreClear() throws {
        let graph = try Fixture.compile("specs/dev.yaml")
        #expect(!graph.contains("session-pre-clear"))
        #expect(!graph.contains("trunk-isolation"))
    }

    @Test func expansionIsReachableOnlyThroughItsRule() throws {
        let graph = try Fixture.compile("specs/qa.yaml")
        // Entered only through its rule; the one other way in is the bounded return from the lock
        // after a 409 on this very submission.
        let incoming = graph.edges.filter { $0.to == "submit.expansion" && $0.limit == nil }
        #expect(incoming.count == 1)
        #expect(incoming.first?.from == "validate-flows.primary")
        #expect(incoming.first?.condition == .rule("missing-routing-reference"))
        #expect(Set(graph.edges.filter { $0.to == "submit.expansion" && $0.limit != nil }.map(\.from)) == ["lock", "validate-flows.expansion"],
                "qa.yaml's maxTimes 2 loops once more")
        #expect(graph.expandedScope == .of([.ROUTING, .ARCHITECT]))
        // The branch rejoins the main path after validation: no cycle back into it.
        #expect(graph.successors(of: "validate-flows.expansion").contains { $0.to == "artifacts" && $0.condition == .success })
    }

    @Test func everyStepFailsIntoArtifacts() throws {
        let graph = try Fixture.compile("specs/qa.yaml")
        for node in graph.nodes where !["artifacts", "notify", "release"].contains(node.id) {
            #expect(graph.successors(of: node.id).contains { $0.to == "artifacts" && $0.condition == .failure }, "\(node.id)")
        }
    }

    @Test func verifierRejectsCyclesAndUnreachableSteps() throws {
        let graph = try Fixture.compile("specs/dev.yaml")
        var cyclic = graph
        cyclic.edges.append(PlanEdge("poll.primary", "submit.primary"))
        #expect(throws: PlanGraphError.self) { try PlanCompiler.verify(cyclic) }
        var orphaned = graph
        // Every step keeps its exits (the dead-end check passes); only the way into the lock is gone.
        orphaned.edges.removeAll { $0.to == "lock" && $0.from != "preflight.sandbox" }
        for index in orphaned.edges.indices where orphaned.edges[index].to == "lock" { orphaned.edges[index].to = "dependency-scan" }
        do {
            try PlanCompiler.verify(orphaned)
            Issue.record("an unreachable lock step was accepted")
        } catch {
            #expect("\(error)".contains("lock"))
        }
    }

    @Test func previewRequestsAreTheExecutorsRequests() throws {
        let (plan, _) = try Fixture.load("specs/dev.yaml")
        let graph = try PlanCompiler.compile(plan)
        let submit = try #require(graph.node("submit.primary")?.requests.first?.request)
        guard case .submit(_, let settings)? = graph.node("submit.primary")?.step else { Issue.record("no submit step"); return }
        #expect(submit == StepRequests.submit(sandboxId: graph.settings.sandboxId, settings, runId: "{run-id}"))
        #expect(submit.method == .post)
        #expect(submit.path == "/api/v2/sandboxes/sandbox-dev-01/refreshes")
        let body = try WireCoding.decode(RefreshRequest.self, from: try #require(submit.body))
        #expect(body.scope == "ROUTING,ARCHITECT")
        #expect(body.preserveSandboxUsers)
        #expect(body.description.hasSuffix("[sandbox-refresh run={run-id}]"), "the preview shows where the run id goes")
        #expect(RunTag.runId(in: body.description) == nil, "a placeholder is not a run id")
        let scan = try #require(graph.node("dependency-scan")?.requests)
        #expect(scan.allSatisfy { $0.request.query.contains(.init("pageSize", "1")) })
        #expect(Set(scan.map(\.target)) == [.production, .sandbox])
    }

    @Test func secretsNeverAppearInPreviewOrJSON() throws {
        let yaml = "sandbox: {id: sb-1, credentials: {clientId: a, clientSecret: \"${env:S}\"}}\nrefresh: {scope: [ARCHITECT, ROUTING]}\n"
        let graph = try Fixture.plan(yaml)
        let text = PlanPreview.render(graph, source: "x", color: false)
        #expect(text.contains("Authorization: Basic (sensitive)"))
        let json = PlanDocument(graph: graph, sources: []).json()
        #expect(!json.contains("Basic ") || json.contains("Basic (sensitive)"))
    }

    @Test func notifyTargetsShowRedactedWithTheirOnLists() throws {
        let yaml = """
            sandbox: {id: sb-1, credentials: {clientId: a, clientSecret: "${env:S}"}}
            refresh: {scope: [ARCHITECT, ROUTING]}
            notify:
              onFailure: {webhook: "${env:LEGACY_HOOK}"}
              targets:
                - {slack: "${env:SLACK_WEBHOOK_URL}"}
                - {teams: "https://example.webhook.office.com/webhookb2/abc", on: [failure]}
                - {webhook: "${file:/run/secrets/hook}", on: [failure, timeout, success]}
            """
        let graph = try Fixture.plan(yaml)
        let text = PlanPreview.render(graph, source: "x", color: false)
        #expect(text.contains("→ POST ${env:SLACK_WEBHOOK_URL}  [slack on failure, timeout]"), "\(text)")
        #expect(text.contains("→ POST (sensitive)  [teams on failure]"), "a literal URL is redacted")
        #expect(text.contains("→ POST ${file:/run/secrets/hook}  [webhook on failure, timeout, success]"))
        #expect(text.contains("→ POST ${env:LEGACY_HOOK}  [webhook on failure, timeout]"), "the deprecated key is a generic webhook")
        #expect(!text.contains("office.com") && !PlanDocument(graph: graph, sources: []).json().contains("office.com"))
        #expect(graph.successors(of: "artifacts").map(\.to).sorted() == ["notify", "notify"], "a success listener puts notify on both paths")
        let quiet = try Fixture.plan("sandbox: {id: sb-1, credentials: {clientId: a, clientSecret: \"${env:S}\"}}\nrefresh: {scope: [ARCHITECT, ROUTING]}\nnotify: {targets: [{slack: \"${env:X}\"}]}")
        #expect(quiet.successors(of: "artifacts").map(\.to).sorted() == ["notify", "release"])
    }

    @Test func requiredScopesFollowWhatThePlanDoes() throws {
        let dev = try Fixture.compile("specs/dev.yaml")
        guard case .preflight(let sandbox)? = dev.node("preflight.sandbox")?.step else { Issue.record("no preflight"); return }
        #expect(sandbox.requiredScopes == ["sandbox:refresh", "sandbox:view", "architect:flow:view", "routing:queue:view"])
        let audit = try Fixture.compile("specs/compliance-audit.yaml")
        guard case .preflight(let auditPreflight)? = audit.node("preflight.sandbox")?.step else { Issue.record("no preflight"); return }
        #expect(auditPreflight.requiredScopes.contains("admin"))
    }

    @Test func colourOnlyWhenAsked() throws {
        let graph = try Fixture.compile("specs/dev.yaml")
        #expect(!PlanPreview.render(graph, source: "x", color: false).contains("\u{1B}["))
        #expect(PlanPreview.render(graph, source: "x", color: true).contains("\u{1B}["))
    }
}
