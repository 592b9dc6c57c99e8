import Impact
import RefreshPlan

/// RefreshPlan's types → the graph's own settings. The one place the two meet: every other
/// file of the graph's public API speaks only the graph's types.
enum SettingsMapping {
    static func domain(_ domain: Domain) -> RefreshDomain {
        switch domain {
        case .ROUTING: return .ROUTING
        case .ARCHITECT: return .ARCHITECT
        case .ADMIN: return .ADMIN
        case .WFM: return .WFM
        case .ICM: return .ICM
        }
    }

    static func scope(_ scope: Scope) -> RefreshScope {
        switch scope {
        case .all: return .all
        case .domains(let list): return .domains(list.map(domain))
        }
    }

    static func polling(_ policy: PollingPolicy) -> PollingSettings {
        let jitter: PollJitter
        switch policy.jitter {
        case .none: jitter = .none
        case .full: jitter = .full
        case .equal: jitter = .equal
        }
        return PollingSettings(initialInterval: policy.initialInterval, multiplier: policy.multiplier, maxInterval: policy.maxInterval, jitter: jitter)
    }

    static func lock(_ plan: Plan) -> LockSettings {
        let action: ForeignRefreshAction
        switch plan.lock.onForeignRefresh {
        case .wait: action = .wait
        case .abortIfStale: action = .abortIfStale
        case .fail: action = .fail
        }
        return LockSettings(staleAfter: plan.lock.staleAfter, onForeignRefresh: action, waitTimeout: plan.lock.waitTimeout,
                            pollEvery: max(plan.refresh.polling.initialInterval, PollSchedule.floor))
    }

    static func kind(_ kind: ObjectKind) -> ScannedKind {
        switch kind {
        case .queues: return .queues
        case .skills: return .skills
        case .flows: return .flows
        }
    }

    static func dependencyScan(_ scan: DependencyScanPolicy, rules: [ScopeExpansionRule]) -> DependencyScanSettings {
        let onDrift: DriftResponse
        switch scan.onDrift {
        case .expandScope: onDrift = .expandScope
        case .warn: onDrift = .warn
        case .fail: onDrift = .fail
        }
        let driftRule = rules.first { $0.when == .drift }
        return DependencyScanSettings(compare: scan.compare.map(kind), onDrift: onDrift, driftRuleAdds: driftRule.map { $0.add.map(domain) })
    }

    static func submit(_ plan: Plan, scope: Scope) -> SubmitSettings {
        SubmitSettings(scope: self.scope(scope), description: plan.refresh.description, preserveSandboxUsers: plan.refresh.preserveSandboxUsers,
                       maskPii: plan.masking.maskPii, maskingRules: plan.masking.rules.map(StepRequests.wireRule))
    }

    /// `maxTimes` of the expansion loop: computed here once, read by the validate node and the
    /// loop edge alike.
    static func maxExpansions(_ plan: Plan) -> Int {
        plan.scopeExpansion.first { $0.when == .missingRoutingReference }?.maxTimes ?? 1
    }

    static func flowValidation(_ gate: FlowValidationGate, maxExpansions: Int) -> FlowValidationSettings {
        let flows: FlowsToValidate
        switch gate.flows {
        case .all: flows = .all
        case .named(let names): flows = .named(names)
        }
        let method: FlowValidationMethod
        switch gate.method {
        case .architectValidate: method = .architectValidate
        case .validateJobs: method = .validateJobs
        }
        return FlowValidationSettings(flows: flows, validateReferences: gate.validateReferences, failOn: gate.failOn == .WARNING ? .WARNING : .ERROR,
                                      batchSize: gate.batchSize, method: method, jobTimeout: gate.jobTimeout, maxExpansions: maxExpansions)
    }

    static func piiScan(_ gate: PiiScanGate, hashKey: SecretValue?) -> PiiScanSettings {
        PiiScanSettings(
            sources: gate.sources.map { $0 == .externalContacts ? .externalContacts : .dataTables },
            detectors: gate.detectors,
            patterns: gate.patterns.map { PiiPattern(name: $0.name, regex: $0.regex) },
            failThreshold: gate.failOn.threshold,
            hashKey: hashKey.map(SecretReference.init))
    }

    static func pin(_ expected: ExpectedOrganization?) -> OrganizationPin? {
        expected.map { OrganizationPin(id: $0.id, name: $0.name) }
    }

    static func notifyTargets(_ notify: NotifySettings?) -> [NotifyTargetSettings] {
        (notify?.allTargets ?? []).map { entry in
            let channel: NotificationChannel
            switch entry.target.channel {
            case .slack: channel = .slack
            case .teams: channel = .teams
            case .webhook: channel = .webhook
            }
            let on: [NotificationEvent] = entry.target.on.map {
                switch $0 {
                case .failure: return .failure
                case .timeout: return .timeout
                case .success: return .success
                case .impact: return .impact
                }
            }
            return NotifyTargetSettings(channel, url: SecretReference(entry.target.url), on: on, place: entry.place)
        }
    }

    static func client(_ plan: Plan) -> ClientPolicy {
        var statuses = Set<Int>()
        var network = false
        for condition in plan.refresh.retry.on {
            switch condition {
            case .status(let code): statuses.insert(code)
            case .network: network = true
            }
        }
        return ClientPolicy(maxAttempts: plan.refresh.retry.maxAttempts, retryStatuses: statuses.sorted(), retriesNetworkErrors: network,
                            consecutive503: plan.refresh.circuitBreaker.consecutive503, pause: plan.refresh.circuitBreaker.pause)
    }

    /// The impact covers the widest scope the run can reach, so an expansion round never
    /// destroys work that was not shown (and kept).
    static func impact(_ plan: Plan) -> ImpactSettings {
        let reachable: RefreshScope = plan.refresh.scope.isAll ? .all : .of(plan.reachableDomains.map(domain))
        let mode: ProtectionMode
        switch plan.protection.onRisk {
        case .snapshot: mode = .snapshot
        case .refuse: mode = .refuse
        case .allow: mode = .allow
        }
        return ImpactSettings(widestScope: reachable,
                              coverage: ImpactCoverage.kinds(in: reachable, preserveSandboxUsers: plan.refresh.preserveSandboxUsers),
                              protection: ProtectionPolicy(mode: mode, exempt: plan.protection.exempt.compactMap(NameGlob.init(parsing:))))
    }

    static func snapshot(_ plan: Plan) -> SnapshotSettings {
        let policy = plan.snapshot
        return SnapshotSettings(directory: policy.directory, contents: policy.contents == .all ? .all : .atRisk, keep: policy.keep,
                                encryptionKey: policy.encryptionKey.map(SecretReference.init), flowBatchSize: policy.flowBatchSize)
    }

    static func run(_ plan: Plan) -> RunSettings {
        RunSettings(planName: plan.name, sandboxId: plan.sandbox.id, scope: scope(plan.refresh.scope), artifactsDirectory: plan.artifacts.directory,
                    client: client(plan))
    }

    static func diagnostic(_ d: Diagnostic) -> GraphDiagnostic {
        let severity: DiagnosticSeverity
        switch d.severity {
        case .error: severity = .error
        case .warning: severity = .warning
        case .note: severity = .note
        }
        return GraphDiagnostic(severity: severity, code: d.code, message: d.message, file: d.file, line: d.mark?.line, column: d.mark?.column)
    }
}
