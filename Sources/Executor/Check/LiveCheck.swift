import Foundation
import GenesysClient
import GenesysWire
import Impact
import PlanGraph

/// `sandbox-refresh check`: the live half of `plan`, like `terraform plan` with refresh. It logs
/// in to both organizations and reads (GET only, plus the logins): identity and scopes, the
/// sandbox's refreshes and what the lock policy would do about them, the dependency scan and the
/// scope it leads to, the flows the validation gate would send, and an estimate of the run.
/// Nothing is submitted, aborted, revoked or validated.
public enum LiveCheck {
    public static func run(graph: PlanGraph, production: GenesysClient, sandbox: GenesysClient, now: Date, runId: String? = nil) async -> CheckReport {
        let settings = graph.settings
        var report = CheckReport(plan: settings.planName, sandboxId: settings.sandboxId, scope: graph.submitScope.wireValue)
        guard await preflight(graph, production, sandbox, &report) else { return report }
        do throws(APIError) {
            let refreshes = try await sandbox.send(StepRequests.listRefreshes(sandboxId: settings.sandboxId), as: RefreshListing.self).entities
            if case .lock(let policy)? = graph.node("lock")?.step {
                report.lock = lock(policy, sandboxId: settings.sandboxId, refreshes, now: now, runId: runId, &report)
            }
            var scope = graph.submitScope
            if case .dependencyScan(let policy, _)? = graph.node("dependency-scan")?.step {
                report.dependencyScan = try await scan(policy, scope: &scope, production, sandbox, &report)
            }
            report.scopeEffective = scope.wireValue
            if case .impact(let settings)? = graph.node("impact")?.step {
                let impact = try await ImpactReader(production: production, sandbox: sandbox).read(settings, sandboxId: graph.settings.sandboxId)
                report.impact = impact
                if settings.protection.mode == .refuse, !impact.atRisk.isEmpty {
                    report.conclude(.wouldRefuse, "the refresh would \(impact.summary) and protection.onRisk is 'refuse': apply would stop with exit 9 before submitting")
                }
            }
            if case .harden(_, let hardening)? = graph.node("harden.primary")?.step {
                report.hardening = try await HardeningPreview.run(hardening, scope: scope, production: production, sandbox: sandbox)
            }
            if case .validateFlows(_, let gate)? = graph.node("validate-flows.primary")?.step {
                report.validation = try await validation(gate, scope: scope, production, sandbox, &report)
            }
            report.estimate = try await CheckEstimate.make(graph: graph, scope: scope, refreshes: refreshes, validation: report.validation,
                                                           lock: report.lock, impact: report.impact, production: production, sandbox: sandbox)
        } catch {
            report.conclude(.apiError, "\(error)")
        }
        return report
    }

    // MARK: identity and scopes

    private static func preflight(_ graph: PlanGraph, _ production: GenesysClient, _ sandbox: GenesysClient, _ report: inout CheckReport) async -> Bool {
        var identities: [Organization: IdentityGuard.Identity] = [:]
        var productionPin: OrganizationPin?
        // The preflight nodes carry what apply's preflight checks: scopes and pins.
        for node in graph.nodes {
            guard case .preflight(let settings) = node.step else { continue }
            let org = settings.organization
            let client = org == .production ? production : sandbox
            let required = settings.requiredScopes
            if org == .production { productionPin = settings.expected }
            var check = CheckReport.OrganizationCheck(role: org.rawValue, requiredScopes: required, missingScopes: [])
            defer { report.organizations.append(check) }
            let token: TokenInfo
            do {
                token = try await client.tokenInfo()
            } catch {
                let failure = IdentityGuard.classify(error, what: "\(org.rawValue) login or tokens/me")
                check.problem = failure.message
                report.conclude(failure.outcome == .preflightFailed || error.reason == .invalidClient ? .preflightProblem : .apiError, failure.message)
                continue
            }
            let granted = Set(token.authorizedScope ?? [])
            check.missingScopes = required.filter { !granted.contains($0) }
            if !check.missingScopes.isEmpty {
                let problem = "the \(org.rawValue) OAuth client lacks scope\(check.missingScopes.count == 1 ? "" : "s") \(check.missingScopes.joined(separator: ", "))"
                check.problem = problem
                report.conclude(.preflightProblem, problem)
            }
            do {
                let identity = try await IdentityGuard.identify(client, token: token)
                identities[org] = identity
                check.organizationId = identity.id
                check.organizationName = identity.name
                if let problem = IdentityGuard.pinProblem(org, identity, expected: settings.expected) {
                    check.problem = problem
                    report.conclude(.preflightProblem, problem)
                }
            } catch {
                check.problem = error.message
                report.conclude(error.outcome == .preflightFailed ? .preflightProblem : .apiError, error.message)
            }
        }
        if let production = identities[.production], let sandbox = identities[.sandbox],
           let problem = IdentityGuard.crossProblem(production: production, sandbox: sandbox, productionPin: productionPin) {
            report.conclude(.preflightProblem, problem)
        }
        return report.verdict == .ready
    }

    // MARK: the lock

    static func owner(_ refresh: Refresh, runId: String?) -> String {
        if let tag = RunTag.runId(in: refresh.description) { return tag == runId ? "this run" : "run \(tag)" }
        return RunTag.carriesPipelineIdentifier(refresh.description) ? "a pipeline" : "a manual refresh"
    }

    private static func lock(_ policy: LockSettings, sandboxId: String, _ refreshes: [Refresh], now: Date, runId: String?, _ report: inout CheckReport) -> CheckReport.LockCheck {
        let active = refreshes.filter { $0.status.isActive }.map {
            CheckReport.ActiveRefresh(id: $0.id, status: $0.status.wireValue, progress: $0.progress, description: $0.description,
                                      createdDate: $0.createdText, owner: owner($0, runId: runId))
        }
        let decision: String, detail: String
        switch LockDecision.decide(refreshes: refreshes, runId: runId ?? "", policy: policy, now: now, waitedSoFar: .zero) {
        case .free:
            (decision, detail) = ("submit", "no active refresh on \(sandboxId): apply would submit at once")
        case .adopt(let ours):
            (decision, detail) = ("adopt", "refresh \(ours.id) already carries this run's id: apply would poll it, not submit again")
        case .wait(let foreign):
            (decision, detail) = ("wait", "refresh \(foreign.id) of \(owner(foreign, runId: runId)) (\(foreign.status.wireValue), \(foreign.progress)%) holds the sandbox: apply would wait for it, at most \(policy.waitTimeout.planNotation) (lock.waitTimeout)")
            report.conclude(.locked, detail)
        case .abort(let foreign):
            (decision, detail) = ("abort", "refresh \(foreign.id) of \(owner(foreign, runId: runId)) is older than \(policy.staleAfter.planNotation) and carries no pipeline id: apply would abort it (DELETE) and submit; check did not")
        case .fail(_, let reason):
            (decision, detail) = ("fail", "\(reason): apply would exit 4")
            report.conclude(.locked, detail)
        }
        return CheckReport.LockCheck(policy: policy.onForeignRefresh.rawValue, active: active, decision: decision, detail: detail)
    }

    // MARK: drift and scope

    private static func scan(_ policy: DependencyScanSettings, scope: inout RefreshScope, _ production: GenesysClient, _ sandbox: GenesysClient,
                             _ report: inout CheckReport) async throws(APIError) -> CheckReport.ScanCheck {
        var counts: [CheckReport.DriftCount] = []
        for kind in policy.compare {
            let listing = StepRequests.listing(for: kind)
            counts.append(CheckReport.DriftCount(kind: kind.rawValue, production: try await production.count(listing), sandbox: try await sandbox.count(listing)))
        }
        let drifted = counts.filter { $0.production != $0.sandbox }
        let routingDrift = drifted.contains { $0.kind == ScannedKind.queues.rawValue || $0.kind == ScannedKind.skills.rawValue }
        let summary = drifted.map { "\($0.kind) \($0.sandbox) in sandbox vs \($0.production) in production" }.joined(separator: "; ")
        let detail: String
        if drifted.isEmpty {
            detail = "no drift"
        } else if scope.contains(.ROUTING) || !routingDrift {
            detail = "drift (\(summary)); the scope already covers it"
        } else {
            switch policy.onDrift {
            case .expandScope:
                scope = scope.adding([.ROUTING])
                detail = "drift (\(summary)): apply would add ROUTING, scope \(scope.wireValue)"
            case .warn:
                detail = "drift (\(summary)) and ROUTING is not in scope: apply would warn and go on; flows may reference missing queues"
            case .fail:
                detail = "drift (\(summary)) and dependencyScan.onDrift is 'fail': apply would stop before submitting"
                report.conclude(.wouldFail, detail)
            }
        }
        return CheckReport.ScanCheck(onDrift: policy.onDrift.rawValue, counts: counts, drift: !drifted.isEmpty, detail: detail)
    }

    // MARK: what the validation gate would send

    private static func validation(_ gate: FlowValidationSettings, scope: RefreshScope, _ production: GenesysClient, _ sandbox: GenesysClient,
                                   _ report: inout CheckReport) async throws(APIError) -> CheckReport.ValidationCheck {
        // After the refresh, the sandbox's flows are production's when ARCHITECT is copied.
        let copied = scope.contains(.ARCHITECT)
        let client = copied ? production : sandbox
        let source = copied ? "production's flows (ARCHITECT is copied)" : "the sandbox's flows"
        var count = 0
        var missing: [String] = []
        switch gate.flows {
        case .all:
            count = try await client.count(.flows)
        case .named(let names):
            let flows = try await client.fetchAll(.flows, pageSize: 100, as: Flow.self)
            let present = Set(flows.map(\.name))
            missing = names.filter { !present.contains($0) }
            count = names.count - missing.count
            if !missing.isEmpty {
                report.conclude(.wouldFail, "flows named in gates.validateFlows do not exist in \(source): \(missing.joined(separator: ", ")); the gate would fail")
            }
        }
        let batches = count == 0 ? 0 : (count + max(gate.batchSize, 1) - 1) / max(gate.batchSize, 1)
        return CheckReport.ValidationCheck(method: gate.method.rawValue, flows: count, source: source, batches: batches, missingFlowNames: missing)
    }
}
