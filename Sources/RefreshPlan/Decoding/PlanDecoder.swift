import Foundation

/// Turns the merged node tree into a `Plan`. Invalid values fall back to their defaults (their
/// paths are recorded as failed) so that one pass reports every problem.
struct PlanDecoder {
    let state: DecodeState
    var values: ValueDecoder { ValueDecoder(state: state) }

    static let placeholderCredentials = Credentials(clientId: .env("UNSET"), clientSecret: .env("UNSET"))

    func decode(_ root: PlanNode) -> Plan? {
        guard let r = SectionReader(root, section: PlanSections.root, path: "", state: state) else { return nil }
        _ = r.bool("abstract")
        _ = r.string("extends")
        let production = section(r, "production", PlanDecoder.decodeProduction)
        let sandbox = r.section("sandbox").map(decodeSandbox)
        let refresh = r.section("refresh").map(decodeRefresh)
        return Plan(
            version: r.int("version") ?? Plan.currentVersion,
            name: r.string("name") ?? "unnamed",
            production: production ?? OrganizationTarget(region: nil, credentials: Self.placeholderCredentials),
            sandbox: sandbox ?? SandboxTarget(id: "unset", credentials: Self.placeholderCredentials),
            refresh: refresh ?? RefreshSettings(scope: .domains([])),
            lock: section(r, "lock", PlanDecoder.decodeLock) ?? LockPolicy(),
            dependencyScan: section(r, "dependencyScan", PlanDecoder.decodeDependencyScan),
            masking: section(r, "masking", PlanDecoder.decodeMasking) ?? MaskingPolicy(),
            gates: r.section("gates").map { decodeGates($0, scope: refresh?.scope) } ?? Gates(),
            scopeExpansion: r.items("scopeExpansion").map { $0.compactMap(decodeExpansion) } ?? [],
            artifacts: section(r, "artifacts", PlanDecoder.decodeArtifacts) ?? ArtifactsSettings(directory: ".refresh-artifacts"),
            notify: section(r, "notify", PlanDecoder.decodeNotify),
            schedule: r.value("schedule").flatMap { decodeSchedule($0, path: "schedule") },
            network: section(r, "network", PlanDecoder.decodeNetwork),
            protection: section(r, "protection", PlanDecoder.decodeProtection) ?? Protection(),
            snapshot: section(r, "snapshot", PlanDecoder.decodeSnapshot) ?? SnapshotPolicy(),
            preserve: stringList(r, "preserve") ?? [],
            harden: section(r, "harden", PlanDecoder.decodeHarden) ?? Hardening())
    }

    func decodeSnapshot(_ r: SectionReader) -> SnapshotPolicy {
        let d = SnapshotPolicy()
        return SnapshotPolicy(directory: r.string("directory") ?? d.directory, contents: r.choice("contents", as: SnapshotContents.self) ?? d.contents,
                              keep: r.int("keep") ?? d.keep, encryptionKey: r.secret("encryptionKey"), flowBatchSize: r.int("flowBatchSize") ?? d.flowBatchSize)
    }

    func decodeProtection(_ r: SectionReader) -> Protection {
        Protection(onRisk: r.choice("onRisk", as: RiskAction.self) ?? .snapshot, exempt: stringList(r, "exempt") ?? [])
    }

    func decodeArtifacts(_ r: SectionReader) -> ArtifactsSettings {
        ArtifactsSettings(directory: r.string("directory") ?? ".refresh-artifacts")
    }

    func decodeCredentials(_ r: SectionReader) -> Credentials {
        Credentials(clientId: r.secret("clientId") ?? .env("UNSET"), clientSecret: r.secret("clientSecret") ?? .env("UNSET"))
    }

    func decodeProduction(_ r: SectionReader) -> OrganizationTarget {
        let credentials = r.section("credentials").map(decodeCredentials) ?? Self.placeholderCredentials
        return OrganizationTarget(region: region(r), apiBase: apiBase(r), credentials: credentials, organization: r.section("organization").map(decodeExpectedOrganization))
    }

    func decodeSandbox(_ r: SectionReader) -> SandboxTarget {
        let credentials = r.section("credentials").map(decodeCredentials) ?? Self.placeholderCredentials
        return SandboxTarget(id: r.string("id") ?? "unset", region: region(r), apiBase: apiBase(r), credentials: credentials,
                             organization: r.section("organization").map(decodeExpectedOrganization))
    }

    func decodeExpectedOrganization(_ r: SectionReader) -> ExpectedOrganization {
        ExpectedOrganization(id: r.string("id"), name: r.string("name"))
    }

    private func region(_ r: SectionReader) -> String? {
        guard let node = r.value("region") else { return nil }
        let path = r.qualified("region")
        guard let text = values.string(node, type: .region, path: path) else { return nil }
        if let domain = Regions.domain(for: text) { return domain }
        state.fail(path)
        var hint = Suggest.phrase(for: text, in: Regions.allNames)
        if hint.suggestion == nil, text.hasPrefix("api.") || text.hasPrefix("login."), let bare = text.split(separator: ".", maxSplits: 1).last,
           Regions.domain(for: String(bare)) != nil {
            hint = ("; did you mean '\(bare)'?", String(bare))
        }
        state.sink.add(.unknownRegion, "'\(path)': unknown region '\(text.prefix(80))'\(hint.text)", at: node, suggestion: hint.suggestion,
                       help: "use a region such as us-east-1 or a domain such as mypurecloud.com (see genesys-api-notes.md)")
        return nil
    }

    private func apiBase(_ r: SectionReader) -> String? {
        guard let node = r.value("apiBase") else { return nil }
        let path = r.qualified("apiBase")
        guard let text = values.string(node, type: .url, path: path) else { return nil }
        switch URLCheck.check(text) {
        case .ok: return text
        case .insecure(let host):
            state.fail(path)
            state.sink.add(.insecureApiBase, "'\(path)' uses http:// for '\(host)', which is not a loopback address", at: node,
                           help: "use https://, or http:// only for 127.0.0.0/8, localhost or [::1] (the emulator)")
        case .credentials:
            state.markSensitive(node)
            state.fail(path)
            state.sink.add(.literalSecret, "'\(path)' carries credentials in the URL", at: node, help: "credentials belong in 'credentials'")
        case .invalid(let why):
            state.fail(path)
            state.sink.add(.invalidURL, "'\(path)' is not a valid API base URL: \(why)", at: node)
        }
        return nil
    }

    func decodeRefresh(_ r: SectionReader) -> RefreshSettings {
        let scope = r.value("scope").flatMap { decodeScope($0, path: r.qualified("scope")) } ?? .domains([])
        let defaults = RefreshSettings(scope: scope)
        return RefreshSettings(
            scope: scope,
            preserveSandboxUsers: r.bool("preserveSandboxUsers") ?? defaults.preserveSandboxUsers,
            description: r.string("description") ?? defaults.description,
            justification: r.value("justification") == nil ? nil : r.choice("justification", as: Justification.self),
            preClearSessions: r.bool("preClearSessions") ?? defaults.preClearSessions,
            maxWait: r.duration("maxWait") ?? defaults.maxWait,
            polling: section(r, "polling", PlanDecoder.decodePolling) ?? defaults.polling,
            circuitBreaker: section(r, "circuitBreaker", PlanDecoder.decodeCircuitBreaker) ?? defaults.circuitBreaker,
            retry: section(r, "retry", PlanDecoder.decodeRetry) ?? defaults.retry)
    }

    func decodeCircuitBreaker(_ r: SectionReader) -> CircuitBreakerPolicy {
        CircuitBreakerPolicy(consecutive503: r.int("consecutive503") ?? 3, pause: r.duration("pause") ?? .seconds(30))
    }

    /// `ALL`, a single domain, or a list. Duplicates are reported here because the model's
    /// scope is a set.
    func decodeScope(_ node: PlanNode, path: String) -> Scope? {
        let type = PlanSections.refresh.field("scope")!.type
        let entries: [(PlanNode, String)]
        if node.scalar != nil {
            entries = [(node, path)]
        } else if let items = node.sequence {
            entries = items.enumerated().map { ($0.element, "\(path)[\($0.offset)]") }
        } else {
            state.typeMismatch(node, expected: type, path: path)
            return nil
        }
        var seen: [String: PlanNode] = [:]
        var domains: [Domain] = []
        var sawAll = false
        var failed = false
        for (item, itemPath) in entries {
            guard let text = values.choice(item, .choice(PlanSections.scopeValues), itemPath) else { failed = true; continue }
            if let first = seen[text] {
                state.sink.add(.duplicateScopeEntry, "'\(text)' is listed twice in '\(path)'", at: item,
                               notes: ["first listed at \(first.file):\(first.mark.line):\(first.mark.column)"])
                failed = true
                continue
            }
            seen[text] = item
            if text == "ALL" { sawAll = true } else if let domain = Domain(rawValue: text) { domains.append(domain) }
        }
        if entries.isEmpty {
            state.sink.add(.emptyScope, "'\(path)' lists no domain", at: node, help: "use [ARCHITECT, ROUTING] for routine development cycles")
            failed = true
        }
        if sawAll, !domains.isEmpty {
            state.sink.add(.allNotAlone, "'\(path)': ALL already copies every domain and cannot be combined with \(domains.map(\.rawValue).joined(separator: ", "))",
                           at: seen["ALL"] ?? node, help: "write either 'scope: ALL' or a list of domains")
            failed = true
        }
        if failed { state.fail(path) }
        if sawAll { return .all }
        return failed && domains.isEmpty ? nil : .of(domains)
    }

    func decodePolling(_ r: SectionReader) -> PollingPolicy {
        let d = PollingPolicy()
        return PollingPolicy(
            initialInterval: r.duration("initialInterval") ?? d.initialInterval, multiplier: r.number("multiplier") ?? d.multiplier,
            maxInterval: r.duration("maxInterval") ?? d.maxInterval, jitter: r.choice("jitter", as: Jitter.self) ?? d.jitter)
    }

    func decodeRetry(_ r: SectionReader) -> RetryPolicy {
        var conditions: [RetryCondition] = []
        let path = r.qualified("on")
        let items = r.items("on") ?? (r.has("on") ? [] : nil)
        if let items {
            for (node, itemPath) in items {
                if let condition = decodeRetryCondition(node, path: itemPath) {
                    if conditions.contains(condition) {
                        state.sink.add(.duplicateEntry, "'\(condition)' is listed twice in '\(path)'", at: node)
                    } else {
                        conditions.append(condition)
                    }
                }
            }
        } else {
            conditions = RetryPolicy().on
        }
        return RetryPolicy(maxAttempts: r.int("maxAttempts") ?? 5, on: conditions)
    }

    private func decodeRetryCondition(_ node: PlanNode, path: String) -> RetryCondition? {
        switch node.scalar?.value {
        case .int(let code)?:
            guard RetryCondition.retryableStatuses.contains(code) else {
                state.fail(path)
                let why: String
                switch code {
                case 400, 401, 403, 404, 409, 422: why = "a client error; repeating the request gives the same answer"
                case 501: why = "'not implemented' never changes"
                case 100..<600: why = "not a transient status; the SDKs retry only 429, 502, 503 and 504"
                default: why = "not an HTTP status code"
                }
                state.sink.add(.nonRetryableStatus, "'\(path)': \(code) is not retryable: \(why)", at: node,
                               help: "retry only 429, 502, 503, 504 and network")
                return nil
            }
            return .status(code)
        case .string("network")?:
            return .network
        case .string(let text)?:
            state.fail(path)
            let hint = Suggest.phrase(for: text, in: ["network"])
            state.sink.add(.unknownValue, "'\(path)': unknown retry condition '\(text.prefix(40))'\(hint.text)", at: node, suggestion: hint.suggestion)
            return nil
        default:
            state.typeMismatch(node, expected: .retryCondition, path: path)
            return nil
        }
    }

    func decodeLock(_ r: SectionReader) -> LockPolicy {
        let d = LockPolicy()
        return LockPolicy(
            staleAfter: r.duration("staleAfter") ?? d.staleAfter,
            onForeignRefresh: r.choice("onForeignRefresh", as: ForeignRefreshPolicy.self) ?? d.onForeignRefresh,
            waitTimeout: r.duration("waitTimeout") ?? d.waitTimeout)
    }

    func decodeDependencyScan(_ r: SectionReader) -> DependencyScanPolicy {
        let compare = choiceList(r, "compare", as: ObjectKind.self) ?? DependencyScanPolicy().compare
        return DependencyScanPolicy(compare: compare, onDrift: r.choice("onDrift", as: DriftAction.self) ?? .expandScope)
    }

    /// A list of enumeration values; duplicates are warned about and dropped.
    func choiceList<E: RawRepresentable & Equatable>(_ r: SectionReader, _ name: String, as: E.Type) -> [E]? where E.RawValue == String {
        guard case .list(let itemType, _) = r.field(name).type else { return nil }
        guard let items = r.items(name) else {
            return r.has(name) ? nil : r.field(name).defaultValue.flatMap { value -> [E]? in
                guard case .array(let list) = value else { return nil }
                return list.compactMap { if case .string(let s) = $0 { return E(rawValue: s) } else { return nil } }
            }
        }
        var result: [E] = []
        for (node, path) in items {
            guard let text = values.choice(node, itemType, path), let value = E(rawValue: text) else { continue }
            if result.contains(value) {
                state.sink.add(.duplicateEntry, "'\(text)' is listed twice in '\(r.qualified(name))'", at: node)
            } else {
                result.append(value)
            }
        }
        return result
    }
}
