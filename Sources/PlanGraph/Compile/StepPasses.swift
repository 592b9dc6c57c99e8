import GenesysWire
import RefreshPlan

/// The compile passes, one function per step kind, in the order the steps run.
enum StepPasses {
    static let refreshIdPlaceholder = "{refreshId}"
    static let runIdPlaceholder = "{run-id}"

    static func preflight(_ b: inout GraphBuilder) {
        for org in [Organization.production, .sandbox] {
            let scopes = RequiredScopes.for(org, plan: b.plan)
            let target: RequestTarget = org == .production ? .production : .sandbox
            let pin = org == .production ? b.plan.production.organization : b.plan.sandbox.organization
            var identity = "Identity: organizations/me \(pin.map { "must be \($0.text)" } ?? "is recorded (pin it with \(org.rawValue).organization)")"
            var requests = [StepRequests.login(org == .production ? .productionLogin : .sandboxLogin), PlannedRequest(target, Endpoint.tokensMe()),
                            PlannedRequest(target, Endpoint.organizationsMe())]
            if org == .sandbox {
                identity += "; refuse to run if it is the production organization (or production's pin)"
                requests.append(PlannedRequest(.production, Endpoint.organizationsMe()))
            }
            b.add(PlanNode(
                .preflight(PreflightSettings(org, requiredScopes: scopes, expected: SettingsMapping.pin(pin),
                                             productionPin: org == .sandbox ? SettingsMapping.pin(b.plan.production.organization) : nil)),
                title: "Preflight \(org.rawValue)",
                summary: [
                    "Log in with client credentials \(org == .production ? b.plan.production.credentials.clientId : b.plan.sandbox.credentials.clientId) and read the token's scopes.",
                    "Required scopes: \(scopes.joined(separator: ", ")).",
                    identity + ".",
                ],
                requests: requests,
                onFailure: "stop before anything changes: exit 'preflight failed', listing every missing scope at once, or naming the organization the credentials resolve to"))
        }
    }

    static func lock(_ b: inout GraphBuilder) {
        let policy = b.plan.lock
        let behaviour: String
        switch policy.onForeignRefresh {
        case .wait: behaviour = "wait for it to finish, at most \(policy.waitTimeout.formatted)"
        case .abortIfStale: behaviour = "abort it with DELETE if it is older than \(policy.staleAfter.formatted) and carries no pipeline id, or carries the tag of a run the journal knows failed or died, then retry; otherwise wait at most \(policy.waitTimeout.formatted)"
        case .fail: behaviour = "fail the run"
        }
        var requests = [PlannedRequest(.sandbox, StepRequests.listRefreshes(sandboxId: b.plan.sandbox.id))]
        if policy.onForeignRefresh == .abortIfStale {
            requests.append(PlannedRequest(.sandbox, StepRequests.abort(sandboxId: b.plan.sandbox.id, refreshId: refreshIdPlaceholder), repeatNote: "only for a stale, untagged foreign refresh"))
        }
        b.add(PlanNode(
            .lock(SettingsMapping.lock(b.plan)),
            title: "Acquire the sandbox refresh lock",
            summary: [
                "List the sandbox's refreshes. An active one tagged with this run's id is adopted and polled, never resubmitted.",
                "An active refresh of anyone else (foreign-refresh policy '\(policy.onForeignRefresh.rawValue)'): \(behaviour).",
            ],
            requests: requests,
            onFailure: "exit 'lock not acquired'; a foreign refresh is never aborted unless the policy allows it"))
    }

    static func dependencyScan(_ b: inout GraphBuilder) {
        guard let scan = b.plan.dependencyScan else { return }
        let scope = b.plan.refresh.scope
        let hasRouting = scope.contains(.ROUTING)
        var requests: [PlannedRequest] = []
        for kind in scan.compare {
            let count = Endpoint.count(StepRequests.listing(for: SettingsMapping.kind(kind)))
            requests.append(PlannedRequest(.production, count))
            requests.append(PlannedRequest(.sandbox, count))
        }
        let outside = scan.compare.filter { !scope.contains($0.domain) }
        let covered = scan.compare.filter { scope.contains($0.domain) }
        var lines = ["Compare production and sandbox counts of \(scan.compare.map(\.rawValue).joined(separator: ", ")) (pageSize=1, read total)."]
        if !covered.isEmpty {
            lines.append("Drift in \(covered.map(\.rawValue).joined(separator: ", ")) is copied by this refresh's scope: recorded only.")
        }
        if !outside.isEmpty {
            let drift: String
            switch scan.onDrift {
            case .expandScope:
                let add = scan.expansion(forDriftIn: outside, rules: b.plan.scopeExpansion).filter { !scope.contains($0) }
                let source = b.plan.scopeExpansion.contains { $0.when == .drift } ? "the 'when: drift' expansion rule" : "the domains that own them"
                drift = add.isEmpty ? "nothing to add, already in scope" : "add \(add.map(\.rawValue).joined(separator: ", ")) to the scope (\(source)) and record why"
            case .warn: drift = "warn and continue with the scope as written"
            case .fail: drift = "fail the run before submitting"
            }
            lines.append("On drift in \(outside.map(\.rawValue).joined(separator: ", ")) (outside the scope; onDrift \(scan.onDrift.rawValue)): \(drift).")
        }
        b.add(PlanNode(
            .dependencyScan(SettingsMapping.dependencyScan(scan, rules: b.plan.scopeExpansion), scopeHasRouting: hasRouting),
            title: "Dependency scan",
            summary: lines,
            requests: requests,
            onFailure: scan.onDrift == .fail ? "drift outside the scope ends the run before anything is submitted" : "a failed count request ends the run before submission"))
    }

    static func sessionPreClear(_ b: inout GraphBuilder) {
        let refresh = b.plan.refresh
        guard refresh.scope.isAll, !refresh.preserveSandboxUsers else { return }
        b.add(PlanNode(
            .sessionPreClear,
            title: "Pre-clear sandbox sessions",
            summary: [
                "A full refresh without preserved users overwrites sandbox users: revoke every sandbox user's tokens first so no developer tool keeps a token that turns stale mid-refresh (guide, trap 1).",
                "The revoked user ids are recorded in the artifacts.",
            ],
            requests: [
                PlannedRequest(.sandbox, Endpoint.list(.users, pageSize: 100), repeatNote: "every page"),
                PlannedRequest(.sandbox, Endpoint.revokeTokens(userId: "{userId}"), repeatNote: "once per sandbox user"),
            ],
            onFailure: "stop before submitting"))
    }

    static func refreshChain(_ b: inout GraphBuilder) {
        addChain(&b, .primary, scope: b.plan.refresh.scope)
    }

    static func addChain(_ b: inout GraphBuilder, _ chain: Chain, scope: Scope) {
        let plan = b.plan
        let schedule = PollSchedule(policy: SettingsMapping.polling(plan.refresh.polling), maxWait: plan.refresh.maxWait)
        let label = chain == .primary ? "" : " (expanded scope)"
        b.add(PlanNode(
            .submit(chain, SettingsMapping.submit(plan, scope: scope)),
            title: "Submit the refresh\(label)",
            summary: [
                "Scope \(scope.wireValue), preserveSandboxUsers \(plan.refresh.preserveSandboxUsers), maskPii \(plan.masking.maskPii)\(plan.masking.rules.isEmpty ? "" : " with \(plan.masking.rules.count) masking rule(s)").",
                "The description carries the run id, so a crashed run adopts its own job instead of submitting twice.",
            ],
            requests: [PlannedRequest(.sandbox, StepRequests.submit(sandboxId: plan.sandbox.id, SettingsMapping.submit(plan, scope: scope), runId: runIdPlaceholder))],
            onFailure: "409 Conflict goes back through the lock policy; a request that may have reached the platform is reconciled by listing refreshes, never resent blindly"))
        let firsts = schedule.firstIntervals(5).map(\.formatted).joined(separator: ", ")
        b.add(PlanNode(
            .poll(chain, schedule: schedule),
            title: "Poll until COMPLETED or FAILED\(label)",
            summary: [
                "QUEUED → IN_PROGRESS → COMPLETED | FAILED. Waits \(firsts), … capped at \(max(plan.refresh.polling.maxInterval, PollSchedule.floor).formatted) (\(plan.refresh.polling.jitter.rawValue) jitter, never under 15s).",
                "Budget \(plan.refresh.maxWait.formatted): at most \(schedule.worstCaseStatusRequests) status requests; progress is reported, never trusted as an ETA.",
                "503 runs: after \(plan.refresh.circuitBreaker.consecutive503) in a row, pause \(plan.refresh.circuitBreaker.pause.formatted) before the next request.",
            ],
            requests: [PlannedRequest(.sandbox, StepRequests.poll(sandboxId: plan.sandbox.id, refreshId: refreshIdPlaceholder), repeatNote: "each poll")],
            onFailure: "FAILED ends the run with the platform's errorMessage; exceeding \(plan.refresh.maxWait.formatted) ends it as timed out; the job is left running"))
        restore(&b, chain)
        harden(&b, chain, scope: scope)
        if let gate = plan.gates.validateFlows {
            addValidation(&b, chain, gate: gate)
        }
    }

    static func addValidation(_ b: inout GraphBuilder, _ chain: Chain, gate: FlowValidationGate) {
        let flows: String
        switch gate.flows {
        case .all: flows = "every flow in the sandbox"
        case .named(let names): flows = "the flows \(names.joined(separator: ", "))"
        }
        var requests: [PlannedRequest] = []
        if gate.flows == .all { requests.append(PlannedRequest(.sandbox, Endpoint.list(.flows, pageSize: 100), repeatNote: "every page")) }
        let method: String
        switch gate.method {
        case .architectValidate:
            method = "Method architect-validate (gates.validateFlows.method): the guide's synchronous endpoint, one request per batch of \(gate.batchSize)."
            requests.append(PlannedRequest(.sandbox, StepRequests.validate(flowIds: ["{flowId}", "…"], validateReferences: gate.validateReferences), repeatNote: "per batch of \(gate.batchSize) flows"))
        case .validateJobs:
            method = "Method validate-jobs (gates.validateFlows.method): one platform validation job per batch of \(gate.batchSize), read every \(FlowValidationJobs.firstInterval.formatted)–\(FlowValidationJobs.maxInterval.formatted) until Success or Failure, at most \(gate.jobTimeout.formatted) per job; always checks references."
            requests.append(PlannedRequest(.sandbox, StepRequests.submitValidateJob(flowIds: ["{flowId}", "…"]), repeatNote: "per batch of \(gate.batchSize) flows"))
            requests.append(PlannedRequest(.sandbox, StepRequests.validateJobStatus(jobId: "{jobId}"), repeatNote: "until the job ends"))
        }
        b.add(PlanNode(
            .validateFlows(chain, SettingsMapping.flowValidation(gate, maxExpansions: b.maxExpansions)),
            title: "Gate: validate flows\(chain == .expansion ? " (expanded scope)" : "")",
            summary: [
                "Validate \(flows) (validateReferences \(gate.validateReferences)); fail on \(gate.failOn.rawValue)\(gate.failOn == .WARNING ? " or ERROR" : "").",
                method,
                "A COMPLETED status does not prove flows compile (guide, trap 3): this gate does.",
            ],
            requests: requests,
            onFailure: chain == .primary && b.plan.scopeExpansion.contains { $0.when == .missingRoutingReference }
                ? "missing routing references take the scope-expansion branch once; other errors exit 'validation gate failed'"
                : "exit 'validation gate failed' with the broken references in the artifacts"))
    }

    static func gates(_ b: inout GraphBuilder) {
        let plan = b.plan
        if let gate = plan.gates.piiScan {
            var requests: [PlannedRequest] = []
            if gate.sources.contains(.externalContacts) { requests.append(PlannedRequest(.sandbox, Endpoint.list(.externalContacts, pageSize: 100), repeatNote: "every page")) }
            if gate.sources.contains(.dataTables) {
                requests.append(PlannedRequest(.sandbox, Endpoint.list(.dataTables, pageSize: 100), repeatNote: "every page"))
                requests.append(PlannedRequest(.sandbox, Endpoint.dataTableRows(tableId: "{tableId}", pageSize: 100), repeatNote: "every page of every table"))
            }
            b.add(PlanNode(
                .piiScan(SettingsMapping.piiScan(gate, hashKey: plan.masking.hashKey)),
                title: "Gate: PII scan",
                summary: [
                    "Scan \(gate.sources.map(\.rawValue).joined(separator: ", ")) for \(gate.detectors.joined(separator: ", ")); fail on \(gate.failOn == .any ? "any finding" : "\(gate.failOn.threshold) or more findings").",
                    "Findings record where, never the value.",
                ],
                requests: requests,
                onFailure: "exit 'PII gate failed'; the gate fails closed when the scanner is unavailable"))
        }
        // `gates.trunkIsolation` defaults to true for ALL; turning it off is warned about (SR055).
        if plan.refresh.scope.isAll, plan.gates.trunkIsolation {
            let settings = plan.gates.trunkIsolationSettings
            b.add(PlanNode(
                .trunkIsolation(TrunkIsolationSettings(registrationProperties: settings.registrationProperties)),
                title: "Gate: trunk isolation",
                summary: [
                    "A full refresh copies production trunks with their trunk base settings: no sandbox trunk that is enabled with registersEnabledStatus ENABLED may register with an identity production uses (unauthorized SIP registrations, guide trap 1).",
                    "Registration identity read from trunk base property \(settings.registrationProperties.joined(separator: ", ")) (gates.trunkIsolation.registrationProperties); a registering trunk whose base has none of them fails the gate.",
                ],
                requests: [
                    PlannedRequest(.production, Endpoint.list(.trunks, pageSize: 100), repeatNote: "every page"),
                    PlannedRequest(.production, Endpoint.list(.trunkBaseSettings, pageSize: 100), repeatNote: "every page"),
                    PlannedRequest(.sandbox, Endpoint.list(.trunks, pageSize: 100), repeatNote: "every page"),
                    PlannedRequest(.sandbox, Endpoint.list(.trunkBaseSettings, pageSize: 100), repeatNote: "every page"),
                ],
                onFailure: "exit 'validation gate failed' naming the trunks that would register, or whose registration cannot be read"))
        }
    }

    static func isolation(_ b: inout GraphBuilder) {
        guard let gate = b.plan.gates.isolation else { return }
        let harden = b.plan.harden
        let settings = IsolationSettings(allowedHosts: gate.allowedHosts, campaignAllow: harden.campaigns?.allow ?? [], triggerAllow: harden.triggers?.allow ?? [])
        let hosts = settings.allowedHosts.isEmpty ? "no host is allowed" : "allowed hosts \(settings.allowedHosts.joined(separator: ", "))"
        var summary = [
            "Read the sandbox back after hardening (\(hosts), gates.isolation.allowedHosts): an integration config property naming another host fails; so does a data action whose requestUrlTemplate names one literally (one taking its host from its integration's config is judged by that config).",
            "A campaign that is on, or a trigger that is enabled, fails unless a harden allow glob covers it\(settings.campaignAllow.isEmpty && settings.triggerAllow.isEmpty ? "" : " (campaigns \(settings.campaignAllow.joined(separator: ", ")); triggers \(settings.triggerAllow.joined(separator: ", ")))").",
        ]
        summary.append("Trunks stay with the trunk isolation gate.")
        b.add(PlanNode(
            .isolation(settings),
            title: "Gate: isolation from production's world",
            summary: summary,
            requests: [
                PlannedRequest(.sandbox, Endpoint.list(.integrations, pageSize: 100, filters: [.init("expand", "config.current")]), repeatNote: "every page"),
                PlannedRequest(.sandbox, Endpoint.list(.dataActions, pageSize: 100, filters: [.init("includeConfig", "true")]), repeatNote: "every page"),
                PlannedRequest(.sandbox, Endpoint.list(.campaigns, pageSize: 100), repeatNote: "every page"),
                PlannedRequest(.sandbox, SandboxWriteEndpoint.listTriggers(pageSize: 100), repeatNote: "every page, following nextUri"),
            ],
            onFailure: "exit 'validation gate failed' listing each object and why"))
    }

    static func scopeExpansion(_ b: inout GraphBuilder) {
        guard b.plan.gates.validateFlows != nil else { return }
        let rules = b.plan.scopeExpansion.filter { $0.when == .missingRoutingReference }
        guard !rules.isEmpty else { return }
        let expanded = b.plan.refresh.scope.adding(rules.flatMap(\.add))
        guard expanded != b.plan.refresh.scope else {
            b.note("SR-G01", "scope expansion adds nothing: \(rules.flatMap(\.add).map(\.rawValue).joined(separator: ", ")) already in scope")
            return
        }
        addChain(&b, .expansion, scope: expanded)
    }

    static func finish(_ b: inout GraphBuilder) {
        let plan = b.plan
        b.add(PlanNode(
            .artifacts(directory: plan.artifacts.directory, sourceRepository: plan.gates.validateFlows?.sourceRepository),
            title: "Write artifacts",
            summary: ["Write the exact payload, every status observed, the validation report and run.json to \(plan.artifacts.directory)/\(plan.sandbox.id)/<run-id>/ (always, success or failure)."],
            requests: [],
            onFailure: "reported; the run's outcome stands"))
        // One request per target; the URL shows as where it comes from (`${env:NAME}`), never its value.
        let targets = plan.notify?.allTargets ?? []
        let notifyRequests = targets.map { entry in
            PlannedRequest(.webhook, APIRequest(.post, "\(entry.target.url)", operation: "notify.\(entry.target.channel.rawValue)"),
                           repeatNote: "\(entry.target.channel.rawValue) on \(entry.target.on.map(\.rawValue).joined(separator: ", "))")
        }
        b.add(PlanNode(
            .notify(targets: SettingsMapping.notifyTargets(plan.notify)),
            title: "Notify",
            summary: [targets.isEmpty
                ? "No notification target: the exit code and the log are the alert."
                : "Post how the run ended to \(targets.count) target\(targets.count == 1 ? "" : "s"), each only for the endings in its `on` list (ids, outcome and the failure message; no secrets or customer data)."],
            requests: notifyRequests,
            onFailure: "retried up to 3 times (429 Retry-After honoured), then logged; the run's outcome and exit code stand"))
        b.add(PlanNode(
            .release,
            title: "Release",
            summary: ["Release the local run lock. The platform's refresh lock frees itself when the job ends; a job still running is never aborted by us."],
            requests: [],
            onFailure: "reported"))
    }

    /// Every transition `apply` makes is an edge here, so `graph` draws what the run does:
    /// success along the run order; a failure to the artifacts step; a failed gate on to the next
    /// gate (every gate reports; the first failure is the outcome); a 409 back through the lock
    /// and on to the same submission; the scope-expansion branch, looping at most `maxTimes`; and
    /// the tail, artifacts → notify (run failed, or succeeded when a target listens) → release.
    static func edges(_ b: inout GraphBuilder) {
        let ids = b.nodes.map(\.id)
        let tail: Set = ["artifacts", "notify", "release"]
        let main = ids.filter { !$0.hasSuffix(".expansion") && !tail.contains($0) }
        for (from, to) in zip(main, main.dropFirst() + ["artifacts"]) { b.connect(from, to) }
        for id in ids where !tail.contains(id) { b.connect(id, "artifacts", .failure) }
        // The gates after a completed refresh, in order; each failed verdict goes on to the next.
        let gates = b.nodes.filter { $0.step.isGate && !$0.id.hasSuffix(".expansion") }.map(\.id)
        for (gate, next) in zip(gates, gates.dropFirst() + ["artifacts"]) { b.connect(gate, next, .gateFailed) }
        for chain in [Chain.primary, .expansion] where b.has("submit.\(chain.rawValue)") {
            b.connect("submit.\(chain.rawValue)", "lock", .rule(TransitionRules.conflict), limit: TransitionRules.conflictRounds)
            b.connect("lock", "submit.\(chain.rawValue)", .rule(TransitionRules.resubmit(chain)), limit: TransitionRules.conflictRounds)
        }
        if b.has("submit.expansion") {
            let trigger = TransitionRules.missingRoutingReference
            b.connect("validate-flows.primary", "submit.expansion", .rule(trigger))
            // submit → poll → restore? → harden? → validate-flows, in the expanded scope.
            let chain = ["submit.expansion", "poll.expansion", "restore.expansion", "harden.expansion", "validate-flows.expansion"].filter(b.has)
            for (from, to) in zip(chain, chain.dropFirst()) { b.connect(from, to) }
            let after = main.drop { $0 != "validate-flows.primary" }.dropFirst().first ?? "artifacts"
            b.connect("validate-flows.expansion", after)
            b.connect("validate-flows.expansion", after, .gateFailed)
            let times = b.maxExpansions
            if times > 1 {
                b.connect("validate-flows.expansion", "submit.expansion", .rule(trigger), limit: times - 1)
            }
        }
        b.connect("artifacts", "notify", .runFailed)
        // A successful run passes through notify only when some target wants to hear about it.
        let successHeard = b.plan.notify?.allTargets.contains { $0.target.on.contains(.success) } ?? false
        b.connect("artifacts", successHeard ? "notify" : "release", .runSucceeded)
        b.connect("notify", "release")
    }

}

extension Duration {
    /// Plan notation (`1h30m`), so the preview reads like the YAML it came from.
    var formatted: String { DurationText.format(self) }
}
