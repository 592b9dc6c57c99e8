import YAMLDocument

/// Rules that relate several keys. Each rule skips values that already failed to decode, so a
/// wrong value is reported once, by the decoder, not again by every rule that reads it.
struct PolicyRules {
    let plan: Plan
    /// The merged document the plan was decoded from; rules point into it.
    let root: PlanNode
    let state: DecodeState
    let rootFile: String

    func check() {
        checkEndpoints()
        checkFullScope()
        checkDomains()
        checkCustomerData()
        checkPolling()
        checkExpansion()
        checkMasking()
        checkLock()
        checkIneffectiveSettings()
        checkRetry()
    }

    // MARK: - helpers

    private func ok(_ paths: String...) -> Bool {
        !paths.contains { path in state.failed.contains { $0 == path || $0.hasPrefix(path + ".") || $0.hasPrefix(path + "[") } }
    }

    /// The node a rule is about, or the nearest enclosing section, or the start of the file.
    private func node(_ path: String) -> PlanNode {
        var current = Substring(path)
        while !current.isEmpty {
            if let node = lookup(current, key: false) { return node }
            if let dot = current.lastIndex(where: { $0 == "." || $0 == "[" }) { current = current[..<dot] } else { break }
        }
        return PlanNode(.mapping([]), mark: .start, file: rootFile)
    }

    private func keyNode(_ path: String) -> PlanNode { lookup(Substring(path), key: true) ?? node(path) }

    /// Whether the plan writes out the key at `keys` (a rule that runs on every plan: no path parsing).
    private func isPresent(_ keys: String...) -> Bool {
        var node: PlanNode? = root
        for key in keys { node = node?[key] }
        return node != nil
    }

    /// Walks the merged document along a rule's path (`gates.validateFlows.jobTimeout`,
    /// `scopeExpansion[1].when`). Paths are resolved only when a rule needs one: recording every
    /// decoded key's path was a tenth of the cost of validating a fleet.
    private func lookup(_ path: Substring, key: Bool) -> PlanNode? {
        var current = root
        var keyNode: PlanNode?
        var rest = path
        while !rest.isEmpty {
            if rest.first == "[" {
                guard let close = rest.firstIndex(of: "]"), let index = Int(rest[rest.index(after: rest.startIndex)..<close]),
                      let items = current.sequence, items.indices.contains(index) else { return nil }
                current = items[index]
                keyNode = nil
                rest = rest[rest.index(after: close)...]
            } else {
                if rest.first == "." { rest = rest.dropFirst() }
                let end = rest.firstIndex(where: { $0 == "." || $0 == "[" }) ?? rest.endIndex
                let name = String(rest[..<end])
                guard let pairs = current.mapping, let pair = pairs.first(where: { $0.name == name }) else { return nil }
                current = pair.value
                keyNode = pair.key
                rest = rest[end...]
            }
        }
        return key ? keyNode : current
    }

    private func report(_ rule: RuleCode, _ message: String, at path: String, help: String? = nil, notes: [String] = []) {
        state.sink.add(rule, message, at: node(path), help: help, notes: notes)
    }

    private var scope: Scope { plan.refresh.scope }

    // MARK: - rules

    /// Settings written out that the plan as a whole never uses.
    private func checkIneffectiveSettings() {
        if !plan.preserve.isEmpty, plan.protection.onRisk != .snapshot, ok("preserve", "protection.onRisk") {
            report(.preserveWithoutSnapshot, "'preserve' needs the run's snapshot, but 'protection.onRisk' is '\(plan.protection.onRisk.rawValue)'; set it to 'snapshot' or remove 'preserve'",
                   at: isPresent("protection", "onRisk") ? "protection.onRisk" : "preserve")
        }
        if let gate = plan.gates.validateFlows, gate.method != .validateJobs, isPresent("gates", "validateFlows", "jobTimeout"),
           ok("gates.validateFlows.jobTimeout", "gates.validateFlows.method") {
            report(.settingHasNoEffect, "'gates.validateFlows.jobTimeout' only applies with 'method: validate-jobs'", at: "gates.validateFlows.jobTimeout")
        }
        if !scope.isAll, isPresent("gates", "trunkIsolation", "registrationProperties"), ok("refresh.scope", "gates.trunkIsolation") {
            report(.settingHasNoEffect, "'gates.trunkIsolation' runs after an ALL refresh only; its registrationProperties are not used with scope \(scope.wireValue)",
                   at: "gates.trunkIsolation.registrationProperties")
        }
    }

    private func checkEndpoints() {
        let production = plan.production
        if production.region == nil, production.apiBase == nil, ok("production.region", "production.apiBase", "production") {
            state.sink.add(.missingEndpoint, "'production' needs 'region' (e.g. mypurecloud.com) or 'apiBase'", at: keyNode("production"))
        }
        if plan.production.credentials == plan.sandbox.credentials, ok("production.credentials", "sandbox.credentials") {
            report(.sharedCredentials, "production and sandbox use the same OAuth client (\(plan.sandbox.credentials.clientId)); each client belongs to one organization",
                   at: "sandbox.credentials", help: "create an OAuth client in the sandbox organization")
        }
    }

    private func checkFullScope() {
        guard ok("refresh.scope") else { return }
        let refresh = plan.refresh
        guard scope.isAll else {
            if refresh.justification != nil, ok("refresh.justification") {
                report(.justificationUnused, "'refresh.justification' only matters for scope ALL", at: "refresh.justification")
            }
            if refresh.preClearSessions, ok("refresh.preClearSessions") {
                report(.preClearIneffective, "'refresh.preClearSessions' only applies to scope ALL without preserved users; sessions would be revoked for nothing",
                       at: "refresh.preClearSessions")
            }
            return
        }
        if refresh.justification == nil, ok("refresh.justification") {
            report(.allNeedsJustification, "scope ALL needs 'refresh.justification' (compliance-audit, disaster-recovery or pre-release-validation)",
                   at: "refresh.scope", help: "use [ARCHITECT, ROUTING] for routine development cycles; reserve ALL for audits, DR and pre-release validation")
        }
        if !refresh.preserveSandboxUsers, !refresh.preClearSessions, ok("refresh.preserveSandboxUsers", "refresh.preClearSessions") {
            report(.allNeedsSessionPreClear, "scope ALL with 'preserveSandboxUsers: false' overwrites sandbox users; set 'refresh.preClearSessions: true'",
                   at: "refresh.scope", help: "or set 'preserveSandboxUsers: true' to merge users instead",
                   notes: ["every active developer loses authentication and in-flight OAuth tokens fail with 401 Unauthorized"])
        } else if refresh.preClearSessions, refresh.preserveSandboxUsers, ok("refresh.preClearSessions") {
            report(.preClearIneffective, "'refresh.preClearSessions' has no effect while 'preserveSandboxUsers' is true", at: "refresh.preClearSessions")
        }
        report(.allCopiesTrunks, "scope ALL copies production trunks and carrier registrations into the sandbox", at: "refresh.scope",
               notes: ["a sandbox that shares carrier credentials or lacks network isolation can register unauthorized SIP trunks"])
        if !plan.gates.trunkIsolation, ok("gates.trunkIsolation") {
            report(.trunkIsolationDisabled, "'gates.trunkIsolation' is false for an ALL refresh; copied trunks will not be checked", at: "gates.trunkIsolation")
        }
    }

    private func checkDomains() {
        guard ok("refresh.scope"), case .domains(let domains) = scope else { return }
        if domains.contains(.ADMIN), !domains.contains(.ROUTING) {
            report(.adminWithoutRouting, "scope has ADMIN without ROUTING; the platform rejects it because admin configuration references queue and skill ids",
                   at: "refresh.scope", help: "add ROUTING to the scope")
        }
        if domains.contains(.ARCHITECT), !domains.contains(.ROUTING), !plan.reachableDomains.contains(.ROUTING) {
            report(.architectWithoutRouting, "scope has ARCHITECT without ROUTING and nothing adds ROUTING; flows may reference queues or skills the sandbox lacks",
                   at: "refresh.scope", help: "add ROUTING, a 'dependencyScan' with 'onDrift: expand-scope', or a 'scopeExpansion' rule that adds ROUTING")
        }
        if let scan = plan.dependencyScan, scan.onDrift == .expandScope, ok("dependencyScan", "scopeExpansion") {
            let added = scan.expansion(forDriftIn: scan.compare, rules: plan.scopeExpansion)
            if !added.isEmpty, added.allSatisfy({ domains.contains($0) }) {
                report(.driftExpansionRedundant, "'dependencyScan.onDrift: expand-scope' would add \(added.map(\.rawValue).joined(separator: ", ")), already in scope; drift is only recorded", at: "dependencyScan.onDrift")
            }
        }
    }

    private func checkCustomerData() {
        guard ok("refresh.scope", "scopeExpansion") else { return }
        let reachable = plan.reachableDomains.filter(\.carriesCustomerData)
        guard !reachable.isEmpty else { return }
        let fromScope = scope.effectiveDomains.contains { $0.carriesCustomerData }
        let anchor = fromScope ? "refresh.scope" : "scopeExpansion"
        let names = reachable.map(\.rawValue).joined(separator: " and ")
        let why = fromScope ? "scope copies \(names)" : "a scope expansion can add \(names)"
        if !plan.masking.maskPii, ok("masking.maskPii") {
            report(.customerDataNeedsMasking, "\(why), which carry customer data; set 'masking.maskPii: true'", at: anchor,
                   notes: ["the platform does not mask PII during a refresh unless asked"])
        }
        if plan.gates.piiScan == nil, ok("gates.piiScan") {
            report(.customerDataNeedsPiiScan, "\(why), which carry customer data; add a 'gates.piiScan' gate", at: anchor,
                   help: "gates: {piiScan: {sources: [externalContacts, dataTables], detectors: [creditCard, ssn], failOn: any}}")
        }
    }

    private func checkPolling() {
        let polling = plan.refresh.polling
        if polling.maxInterval < polling.initialInterval, ok("refresh.polling.maxInterval", "refresh.polling.initialInterval") {
            report(.maxIntervalBelowInitial, "'refresh.polling.maxInterval' (\(DurationText.format(polling.maxInterval))) is shorter than 'initialInterval' (\(DurationText.format(polling.initialInterval)))",
                   at: "refresh.polling.maxInterval")
        }
    }

    private func checkExpansion() {
        var seen: [ExpansionTrigger: Int] = [:]
        for (index, rule) in plan.scopeExpansion.enumerated() {
            let path = "scopeExpansion[\(index)]"
            if let first = seen[rule.when] {
                report(.duplicateExpansionTrigger, "two scope expansion rules for '\(rule.when.rawValue)' (the first is scopeExpansion[\(first)])", at: "\(path).when")
            } else {
                seen[rule.when] = index
            }
            if ok("refresh.scope", "\(path).add") {
                let present = rule.add.filter { scope.contains($0) }
                if !present.isEmpty {
                    report(.expansionAlreadyInScope, "'\(path).add' adds \(present.map(\.rawValue).joined(separator: ", ")), already in scope", at: "\(path).add")
                }
            }
            if rule.when == .drift, rule.maxTimes > 1, ok("\(path).maxTimes") {
                report(.driftExpansionRepeats, "'\(path).maxTimes' is \(rule.maxTimes), but drift is checked once, before submitting: the scope can be expanded for drift only once",
                       at: "\(path).maxTimes", help: "remove maxTimes (or set it to 1)")
            }
            switch rule.when {
            case .missingRoutingReference:
                let gate = plan.gates.validateFlows
                if gate == nil || gate?.validateReferences == false, ok("gates.validateFlows") {
                    report(.expansionNeverTriggers, "'\(path)' waits for missing routing references, but flow validation with 'validateReferences: true' is not configured",
                           at: "\(path).when", help: "add gates.validateFlows with validateReferences: true")
                }
            case .drift:
                if plan.dependencyScan?.onDrift != .expandScope, ok("dependencyScan") {
                    report(.expansionNeverTriggers, "'\(path)' waits for drift, but no 'dependencyScan' with 'onDrift: expand-scope' is configured",
                           at: "\(path).when", help: "add dependencyScan: {compare: [queues, skills], onDrift: expand-scope}")
                }
            }
        }
    }

    /// What happens to masking rules (SR050) and which rules need the key (SR051), as the
    /// tool does it: `sandbox-refresh mask` and the refresh payload apply the rules whatever
    /// `maskPii` says; `hash` and `tokenize` are keyed with `hashKey`, which never leaves the tool.
    private func checkMasking() {
        let masking = plan.masking
        if !masking.maskPii, !masking.rules.isEmpty, ok("masking.maskPii") {
            report(.maskingRulesIgnored, "'masking.rules' are applied, but with 'masking.maskPii' false every field no rule matches is copied as it is, card numbers and SSNs included",
                   at: "masking.rules", help: "set maskPii: true to also redact card numbers and SSNs everywhere else (in `sandbox-refresh mask` and in the refresh)")
        }
        if masking.hashKey == nil, ok("masking.hashKey") {
            for (index, rule) in masking.rules.enumerated() where rule.action == .hash || rule.action == .tokenize {
                let verb = rule.action == .hash ? "hashes" : "tokenizes"
                report(.hashWithoutKey, "masking rule \(index) \(verb) values but 'masking.hashKey' is not set: `sandbox-refresh mask` keys HMAC-SHA-256 with it and refuses to run without it",
                       at: "masking.rules[\(index)].action",
                       help: "hashKey: \"${env:MASKING_HASH_KEY}\" (the same key keeps masked values joinable across files and runs; it is never sent to the platform)")
            }
        }
    }

    private func checkLock() {
        let lock = plan.lock
        if lock.onForeignRefresh == .wait, lock.waitTimeout > plan.refresh.maxWait, ok("lock.waitTimeout", "refresh.maxWait") {
            report(.lockWaitExceedsMaxWait, "'lock.waitTimeout' (\(DurationText.format(lock.waitTimeout))) is longer than 'refresh.maxWait' (\(DurationText.format(plan.refresh.maxWait)))",
                   at: "lock.waitTimeout", help: "the run could wait for someone else's refresh longer than it waits for its own")
        }
    }

    private func checkRetry() {
        guard ok("refresh.retry.on") else { return }
        if !plan.refresh.retry.on.contains(.status(429)) {
            report(.retryWithout429, "'refresh.retry.on' leaves out 429, but a 429 is always waited out and retried (Retry-After is honoured, guide section 2); the plan would promise something the run cannot do",
                   at: "refresh.retry.on", help: "add 429 to 'retry.on'")
        }
    }
}
