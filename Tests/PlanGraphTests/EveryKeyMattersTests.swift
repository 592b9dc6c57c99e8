import Foundation
import GenesysWire
import PlanGraph
import RefreshPlan
import Testing

/// No dead keys: every leaf key the plan schema accepts either changes what `plan --json` shows
/// (nodes, requests, edges, scope, polling; warnings do not count, a note that a key "has no
/// effect" is not an effect) or is covered by a named runtime test. A new key in the schema
/// without an entry here fails `everyLeafKeyOfTheSchemaHasAnEntry`; an entry whose change no
/// longer shows fails `everyPlanKeyChangesThePreview`.
@Suite("every declared setting acts")
struct EveryKeyMattersTests {
    enum Proof: Sendable {
        /// Overrides applied to the base plan through `extends` (maps merge, lists replace):
        /// compiling with `before` and with `after` must give different previews.
        case preview(before: String = "", after: String)
        /// Acts at run time only; the named test (a function in Tests/) proves it.
        case runtime(String)
    }

    static let base = """
        version: 1
        name: every-key
        production:
          region: mypurecloud.com
          credentials: {clientId: "${env:P_ID}", clientSecret: "${env:P_SECRET}"}
          organization: {id: prod-org-1, name: Production}
        sandbox:
          id: sandbox-every-01
          credentials: {clientId: "${env:S_ID}", clientSecret: "${env:S_SECRET}"}
          organization: {id: sandbox-org-1, name: Sandbox}
        refresh:
          scope: [ARCHITECT]
          preserveSandboxUsers: true
          description: Every key
          maxWait: 2h
          polling: {initialInterval: 15s, multiplier: 2, maxInterval: 2m, jitter: full}
          circuitBreaker: {consecutive503: 3, pause: 30s}
          retry: {maxAttempts: 5, on: [429, 503, network]}
        lock: {staleAfter: 30m, onForeignRefresh: abort-if-stale, waitTimeout: 1h}
        dependencyScan: {compare: [queues, skills], onDrift: expand-scope}
        gates:
          validateFlows: {flows: all, validateReferences: true, failOn: ERROR, batchSize: 100, method: validate-jobs, jobTimeout: 10m}
          piiScan: {sources: [externalContacts], detectors: [creditCard, ssn, badge], failOn: any, patterns: [{name: badge, regex: "B-[0-9]{6}"}]}
        masking:
          maskPii: true
          hashKey: "${env:HASH_KEY}"
          rules:
            - {match: {object: externalContact, field: cellPhone}, action: {partial: {keepFirst: 0, keepLast: 4}}}
            - {match: {dataTable: "Customer*", column: ssn}, action: redact}
        scopeExpansion:
          - {when: missing-routing-reference, add: [ROUTING], maxTimes: 2}
        artifacts: {directory: .refresh-artifacts}
        notify: {onFailure: {webhook: "${env:HOOK}"}}
        schedule: {cron: "0 2 * * *", timezone: UTC}
        """

    static let all = "refresh: {scope: ALL, justification: compliance-audit}\ngates: {trunkIsolation: true}"
    static let masked = "masking: {rules: [{match: {object: externalContact, field: cellPhone}, action: {partial: {keepFirst: 0, keepLast: 4}}}]}"

    static let proofs: [String: Proof] = [
        "version": .runtime("unsupportedVersion"),  // only 1 exists: RuleCatalogTests' SR016 case refuses the rest
        "name": .preview(after: "name: other-name"),
        "extends": .runtime("mapsMergeListsAndScalarsReplace"),
        "abstract": .runtime("abstractIsNotInherited"),
        "production.region": .preview(after: "production: {region: mypurecloud.de}"),
        "production.apiBase": .preview(after: "production: {apiBase: \"https://api.example.test\"}"),
        "production.credentials.clientId": .preview(after: "production: {credentials: {clientId: \"${env:OTHER_ID}\"}}"),
        "production.credentials.clientSecret": .runtime("refusedCredentialsAreStillAPreflightFailure"),
        "production.organization.id": .preview(after: "production: {organization: {id: prod-org-2}}"),
        "production.organization.name": .preview(after: "production: {organization: {name: Prod Two}}"),
        "sandbox.id": .preview(after: "sandbox: {id: sandbox-every-02}"),
        "sandbox.region": .preview(after: "sandbox: {region: mypurecloud.ie}"),
        "sandbox.apiBase": .preview(after: "sandbox: {apiBase: \"https://api.example.test\"}"),
        "sandbox.credentials.clientId": .preview(after: "sandbox: {credentials: {clientId: \"${env:OTHER_ID}\"}}"),
        "sandbox.credentials.clientSecret": .runtime("refusedCredentialsAreStillAPreflightFailure"),
        "sandbox.organization.id": .preview(after: "sandbox: {organization: {id: sandbox-org-2}}"),
        "sandbox.organization.name": .preview(after: "sandbox: {organization: {name: Sandbox Two}}"),
        "refresh.scope": .preview(after: "refresh: {scope: [ARCHITECT, ROUTING]}"),
        "refresh.preserveSandboxUsers": .preview(before: all, after: all.replacingOccurrences(of: "justification: compliance-audit}", with: "justification: compliance-audit, preserveSandboxUsers: false, preClearSessions: true}")),
        "refresh.preClearSessions": .runtime("fullRefreshWithoutPreservedUsersClearsSessionsFirst"),  // required with ALL overwriting users (SR032)
        "refresh.description": .preview(after: "refresh: {description: Another text}"),
        "refresh.justification": .runtime("allNeedsJustification"),  // required for ALL (SR031); recorded, changes nothing sent
        "refresh.maxWait": .preview(after: "refresh: {maxWait: 3h}"),
        "refresh.polling.initialInterval": .preview(after: "refresh: {polling: {initialInterval: 20s}}"),
        "refresh.polling.multiplier": .preview(after: "refresh: {polling: {multiplier: 3}}"),
        "refresh.polling.maxInterval": .preview(after: "refresh: {polling: {maxInterval: 3m}}"),
        "refresh.polling.jitter": .preview(after: "refresh: {polling: {jitter: none}}"),
        "refresh.circuitBreaker.consecutive503": .preview(after: "refresh: {circuitBreaker: {consecutive503: 5}}"),
        "refresh.circuitBreaker.pause": .preview(after: "refresh: {circuitBreaker: {pause: 45s}}"),
        "refresh.retry.maxAttempts": .runtime("serviceUnavailableStormOpensTheBreakerAndTheRunSurvives"),
        "refresh.retry.on": .runtime("retryWithout429"),
        "protection.onRisk": .preview(after: "protection: {onRisk: refuse}"),
        "protection.exempt": .preview(after: "protection: {exempt: [\"flow:SCRATCH-*\"]}"),
        "preserve": .preview(after: "preserve: [\"flow:DEV-*\"]"),
        "snapshot.directory": .preview(after: "snapshot: {directory: /mnt/refresh-snapshots}"),
        "snapshot.contents": .preview(after: "snapshot: {contents: all}"),
        "snapshot.keep": .preview(after: "snapshot: {keep: 3}"),
        "snapshot.encryptionKey": .preview(after: "snapshot: {encryptionKey: \"${env:SNAPSHOT_KEY}\"}"),
        "snapshot.flowBatchSize": .preview(after: "snapshot: {flowBatchSize: 20}"),
        "lock.staleAfter": .preview(after: "lock: {staleAfter: 45m}"),
        "lock.onForeignRefresh": .preview(after: "lock: {onForeignRefresh: fail}"),
        "lock.waitTimeout": .preview(after: "lock: {waitTimeout: 30m}"),
        "dependencyScan.compare": .preview(after: "dependencyScan: {compare: [queues]}"),
        "dependencyScan.onDrift": .preview(after: "dependencyScan: {onDrift: fail}"),
        "gates.validateFlows.flows": .preview(after: "gates: {validateFlows: {flows: [Main IVR]}}"),
        "gates.validateFlows.validateReferences": .preview(after: "gates: {validateFlows: {validateReferences: false}}"),
        "gates.validateFlows.failOn": .preview(after: "gates: {validateFlows: {failOn: WARNING}}"),
        "gates.validateFlows.batchSize": .preview(before: "gates: {validateFlows: {method: architect-validate}}", after: "gates: {validateFlows: {method: architect-validate, batchSize: 50}}"),
        "gates.validateFlows.method": .preview(after: "gates: {validateFlows: {method: architect-validate}}"),
        "gates.validateFlows.jobTimeout": .preview(after: "gates: {validateFlows: {jobTimeout: 20m}}"),
        "gates.validateFlows.sourceRepository": .runtime("failingFlowsNameTheCommitThatLastTouchedThem"),
        "gates.piiScan.sources": .preview(after: "gates: {piiScan: {sources: [externalContacts, dataTables]}}"),
        "gates.piiScan.detectors": .preview(after: "gates: {piiScan: {detectors: [ssn]}}"),
        "gates.piiScan.failOn": .preview(after: "gates: {piiScan: {failOn: 5}}"),
        "gates.piiScan.patterns[].name": .preview(after: "gates: {piiScan: {detectors: [creditCard, ssn, staff], patterns: [{name: staff, regex: \"B-[0-9]{6}\"}]}}"),
        "gates.piiScan.patterns[].regex": .runtime("customPatternsRunPerLineAndOverlapsAreReportedOnceAsTheMostSpecificKind"),
        "gates.trunkIsolation (scalar form)": .preview(before: all, after: all.replacingOccurrences(of: "trunkIsolation: true", with: "trunkIsolation: false")),
        "gates.trunkIsolation.registrationProperties": .preview(before: all, after: all.replacingOccurrences(of: "trunkIsolation: true", with: "trunkIsolation: {registrationProperties: [sip_registrar]}")),
        "masking.maskPii": .preview(after: "masking: {maskPii: false, rules: []}"),
        "masking.hashKey": .runtime("sameInputAndKeyGiveTheSameOutputAndJoinsSurvive"),
        "masking.rules[].action (scalar form)": .preview(after: "masking: {rules: [{match: {object: externalContact, field: cellPhone}, action: redact}]}"),
        "masking.rules[].action.partial.keepFirst": .preview(after: masked.replacingOccurrences(of: "keepFirst: 0", with: "keepFirst: 2")),
        "masking.rules[].action.partial.keepLast": .preview(after: masked.replacingOccurrences(of: "keepLast: 4", with: "keepLast: 2")),
        "masking.rules[].match.object": .preview(after: masked.replacingOccurrences(of: "object: externalContact", with: "object: user")),
        "masking.rules[].match.field": .preview(after: masked.replacingOccurrences(of: "field: cellPhone", with: "field: workPhone")),
        "masking.rules[].match.dataTable": .preview(after: "masking: {rules: [{match: {dataTable: \"Orders*\", column: ssn}, action: redact}]}"),
        "masking.rules[].match.column": .preview(after: "masking: {rules: [{match: {dataTable: \"Customer*\", column: card}, action: redact}]}"),
        "scopeExpansion[].when": .preview(after: "scopeExpansion: [{when: drift, add: [ROUTING]}]"),
        "scopeExpansion[].add": .preview(after: "scopeExpansion: [{when: missing-routing-reference, add: [ROUTING, WFM], maxTimes: 2}]"),
        "scopeExpansion[].maxTimes": .preview(after: "scopeExpansion: [{when: missing-routing-reference, add: [ROUTING], maxTimes: 3}]"),
        "artifacts.directory": .preview(after: "artifacts: {directory: out/artifacts}"),
        "notify.onFailure.webhook": .runtime("anUnsetWebhookSecretIsExit2BeforeAnythingIsSent"),
        "notify.targets[].webhook": .preview(after: "notify: {targets: [{webhook: \"${env:HOOK}\"}]}"),
        "notify.targets[].slack": .preview(before: "notify: {targets: [{webhook: \"${env:HOOK}\"}]}", after: "notify: {targets: [{slack: \"${env:HOOK}\"}]}"),
        "notify.targets[].teams": .preview(before: "notify: {targets: [{webhook: \"${env:HOOK}\"}]}", after: "notify: {targets: [{teams: \"${env:HOOK}\"}]}"),
        "notify.targets[].on": .preview(before: "notify: {targets: [{webhook: \"${env:HOOK}\"}]}", after: "notify: {targets: [{webhook: \"${env:HOOK}\", on: [failure, success]}]}"),
        "network.proxy": .runtime("applyAgainstTheEmulatorGoesThroughThePlansProxy"),
        "network.caBundle": .runtime("anUnreadableCABundleIsAnInvalidPlanNamingThePath"),
        "harden.campaigns.stop": .preview(before: "harden: {campaigns: {stop: false}}", after: "harden: {campaigns: {stop: true}}"),
        "harden.campaigns.allow": .preview(before: "harden: {campaigns: {}}", after: "harden: {campaigns: {allow: [\"Survey*\"]}}"),
        "harden.triggers.disable": .preview(before: "harden: {triggers: {disable: false}}", after: "harden: {triggers: {disable: true}}"),
        "harden.triggers.allow": .preview(before: "harden: {triggers: {}}", after: "harden: {triggers: {allow: [\"Post-call*\"]}}"),
        "harden.integrations[].name": .preview(before: "harden: {integrations: [{name: \"CRM*\", set: [{property: baseUrl, value: \"https://crm.sandbox.example.com\"}]}]}", after: "harden: {integrations: [{name: \"CRM*\", set: [{property: baseUrl, value: \"https://crm.sandbox.example.com\"}]}]}".replacingOccurrences(of: "CRM*", with: "Billing*")),
        "harden.integrations[].set[].property": .preview(before: "harden: {integrations: [{name: \"CRM*\", set: [{property: baseUrl, value: \"https://crm.sandbox.example.com\"}]}]}", after: "harden: {integrations: [{name: \"CRM*\", set: [{property: baseUrl, value: \"https://crm.sandbox.example.com\"}]}]}".replacingOccurrences(of: "baseUrl", with: "host")),
        "harden.integrations[].set[].value": .preview(before: "harden: {integrations: [{name: \"CRM*\", set: [{property: baseUrl, value: \"https://crm.sandbox.example.com\"}]}]}", after: "harden: {integrations: [{name: \"CRM*\", set: [{property: baseUrl, value: \"https://crm.sandbox.example.com\"}]}]}".replacingOccurrences(of: "crm.sandbox", with: "crm2.sandbox")),
        "harden.credentials[].name": .preview(before: "harden: {credentials: [{name: \"CRM*\", fields: [{field: password, value: \"${env:CRM_PASSWORD}\"}]}]}", after: "harden: {credentials: [{name: \"CRM*\", fields: [{field: password, value: \"${env:CRM_PASSWORD}\"}]}]}".replacingOccurrences(of: "CRM*", with: "Billing*")),
        "harden.credentials[].fields[].field": .preview(before: "harden: {credentials: [{name: \"CRM*\", fields: [{field: password, value: \"${env:CRM_PASSWORD}\"}]}]}", after: "harden: {credentials: [{name: \"CRM*\", fields: [{field: password, value: \"${env:CRM_PASSWORD}\"}]}]}".replacingOccurrences(of: "field: password", with: "field: clientSecret")),
        "harden.credentials[].fields[].value": .preview(before: "harden: {credentials: [{name: \"CRM*\", fields: [{field: password, value: \"${env:CRM_PASSWORD}\"}]}]}", after: "harden: {credentials: [{name: \"CRM*\", fields: [{field: password, value: \"${env:CRM_PASSWORD}\"}]}]}".replacingOccurrences(of: "CRM_PASSWORD", with: "OTHER_ID")),
        "harden.trunks.set": .preview(before: "harden: {trunks: {set: \"sip:a.sandbox.example.com\"}}", after: "harden: {trunks: {set: \"sip:b.sandbox.example.com\"}}"),
        "gates.isolation.allowedHosts": .preview(before: "gates: {isolation: {}}", after: "gates: {isolation: {allowedHosts: [\"*.sandbox.example.com\"]}}"),
        "schedule (scalar form)": .runtime("cronLinesFollowEachPlansSchedule"),
        "schedule.cron": .runtime("cronLinesFollowEachPlansSchedule"),
        "schedule.timezone": .runtime("cronLinesFollowEachPlansSchedule"),
    ]

    static let environment = ["P_ID": "p", "P_SECRET": "ps", "S_ID": "s", "S_SECRET": "ss", "OTHER_ID": "o", "HASH_KEY": "k", "HOOK": "https://hooks.example.test/x", "CRM_PASSWORD": "c"]

    /// The preview a plan gives, without the parts that do not prove an effect.
    static func preview(_ override: String) throws -> String {
        let files = ["plans/base.yaml": base, "plans/plan.yaml": "version: 1\nextends: base.yaml\n" + override]
        let loader = PlanLoader(environment: environment, readFile: { path in
            guard let text = files.first(where: { path.hasSuffix($0.key) })?.value else { throw CocoaError(.fileNoSuchFile) }
            return Array(text.utf8)
        })
        let result = loader.load(path: "plans/plan.yaml")
        let errors = result.diagnostics.filter { $0.severity == .error }
        try #require(errors.isEmpty, "\(override): \(errors.map { "\($0.code) \($0.message)" })")
        var document = PlanDocument(graph: try PlanCompiler.compile(try #require(result.plan)), sources: [])
        document.warnings = []
        return String(decoding: WireCoding.encode(document), as: UTF8.self)
    }

    /// Every leaf key of the generated schema, as dotted paths (`list[].key`; a key that also
    /// takes a scalar form is listed with " (scalar form)").
    static func schemaLeafKeys() throws -> [String] {
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(PlanSchema.jsonSchema().utf8)) as? [String: Any])
        let definitions = (schema["$defs"] ?? schema["definitions"]) as? [String: Any] ?? [:]
        var keys: [String] = []
        func resolve(_ node: [String: Any]) -> [String: Any] {
            guard let ref = node["$ref"] as? String, let name = ref.split(separator: "/").last else { return node }
            return definitions[String(name)] as? [String: Any] ?? node
        }
        func walk(_ raw: [String: Any], _ path: [String]) {
            let node = resolve(raw)
            if let properties = node["properties"] as? [String: Any] {
                for (key, value) in properties { walk(value as? [String: Any] ?? [:], path + [key]) }
                return
            }
            if node["type"] as? String == "array", let items = (node["items"] as? [String: Any]).map(resolve), let properties = items["properties"] as? [String: Any] {
                for (key, value) in properties { walk(value as? [String: Any] ?? [:], Array(path.dropLast()) + [path.last! + "[]", key]) }
                return
            }
            if let alternatives = (node["oneOf"] ?? node["anyOf"]) as? [[String: Any]] {
                let objects = alternatives.map(resolve).filter { $0["properties"] != nil }
                if !objects.isEmpty {
                    keys.append(path.joined(separator: ".") + " (scalar form)")
                    for object in objects { walk(object, path) }
                    return
                }
            }
            keys.append(path.joined(separator: "."))
        }
        walk(schema, [])
        return Array(Set(keys)).sorted()
    }

    @Test func everyLeafKeyOfTheSchemaHasAnEntry() throws {
        let keys = try Self.schemaLeafKeys()
        #expect(keys.count > 50, "the walk found the schema's keys: \(keys.count)")
        let missing = keys.filter { Self.proofs[$0] == nil }
        #expect(missing.isEmpty, "keys with no proof that they act (add an entry to EveryKeyMattersTests.proofs): \(missing)")
        let stale = Self.proofs.keys.filter { !keys.contains($0) }.sorted()
        #expect(stale.isEmpty, "entries for keys the schema no longer has: \(stale)")
    }

    @Test func everyPlanKeyChangesThePreview() throws {
        for (key, proof) in Self.proofs.sorted(by: { $0.key < $1.key }) {
            guard case .preview(let before, let after) = proof else { continue }
            #expect(try Self.preview(before) != Self.preview(after), "changing \(key) changes nothing `plan --json` shows")
        }
    }

    @Test func everyRuntimeKeyNamesATestThatExists() throws {
        let tests = Repo.root.appendingPathComponent("Tests")
        let files = FileManager.default.enumerator(at: tests, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        let source = try files.map { try String(contentsOf: $0, encoding: .utf8) }.joined(separator: "\n")
        for (key, proof) in Self.proofs {
            guard case .runtime(let test) = proof else { continue }
            #expect(source.contains("func \(test)(") || source.contains(".\(test),") || source.contains("(.\(test)"), "\(key): no test named \(test)")
        }
    }
}
