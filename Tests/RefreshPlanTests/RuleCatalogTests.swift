import Testing
@testable import RefreshPlan

/// A plan with every required key and no findings; each rule case changes one thing.
enum TestPlans {
    static func plan(scope: String = "[ARCHITECT, ROUTING]", refresh: String = "", top: String = "",
                     production: String = "  region: mypurecloud.com\n", sandboxSecret: String = "\"${env:DEV_SECRET}\"") -> String {
        """
        version: 1
        name: test-plan
        production:
        \(production)  credentials: {clientId: "${env:PROD_ID}", clientSecret: "${env:PROD_SECRET}"}
        sandbox:
          id: sandbox-dev-01
          credentials: {clientId: "${env:DEV_ID}", clientSecret: \(sandboxSecret)}
        refresh:
          scope: \(scope)
        \(refresh)
        \(top)
        """
    }

    static let safeCustomerData = """
    masking: {maskPii: true}
    gates: {piiScan: {sources: [externalContacts], detectors: [ssn], failOn: any}}
    """

    static let allScopeOK = "  justification: compliance-audit\n"
}

struct RuleCase: CustomTestStringConvertible, Sendable {
    var code: RuleCode
    var yaml: String
    var files: [String: String] = [:]
    var testDescription: String { "\(code.rawValue) \(code)" }

    init(_ code: RuleCode, _ yaml: String, files: [String: String] = [:]) {
        self.code = code
        self.yaml = yaml
        self.files = files
    }

    func load() -> PlanLoadResult {
        if files.isEmpty { return TestSupport.load(yaml) }
        var all = files
        all["plan.yaml"] = yaml
        return TestSupport.loader(files: all, environment: TestSupport.fullEnvironment).load(path: "plan.yaml")
    }
}

@Suite struct RuleCatalogTests {
    static let P = TestPlans.self
    static let cases: [RuleCase] = [
        RuleCase(.fileUnreadable, P.plan().replacingOccurrences(of: "version: 1\n", with: "version: 1\nextends: missing.yaml\n"), files: ["other": ""]),
        RuleCase(.yamlSyntax, "version: 1\nname: [unclosed\n"),
        RuleCase(.duplicateKey, P.plan(top: "name: again")),
        RuleCase(.unknownKey, P.plan(refresh: "  scop: [ROUTING]")),
        RuleCase(.typeMismatch, P.plan(refresh: "  preserveSandboxUsers: yes")),
        RuleCase(.missingKey, "version: 1\nname: test-plan\nrefresh: {scope: [ROUTING]}\n"),
        RuleCase(.unknownValue, P.plan(refresh: "  polling: {jitter: fulll}")),
        RuleCase(.inputLimit, "version: " + String(repeating: "[", count: 200) + String(repeating: "]", count: 200)),
        RuleCase(.unsupportedTag, P.plan(top: "artifacts: {directory: !custom x}")),
        RuleCase(.multipleDocuments, P.plan() + "\n---\nversion: 1\n"),
        RuleCase(.notAMapping, "- version: 1\n"),
        RuleCase(.extendsCycle, "version: 1\nextends: a.yaml\n", files: ["a.yaml": "extends: b.yaml\n", "b.yaml": "extends: a.yaml\n"]),
        RuleCase(.extendsInvalid, P.plan(top: "extends: /etc/passwd")),
        RuleCase(.invalidDuration, P.plan(refresh: "  maxWait: 1.5h")),
        RuleCase(.outOfRange, P.plan(top: "gates: {validateFlows: {batchSize: 0}}")),
        RuleCase(.unsupportedVersion, P.plan().replacingOccurrences(of: "version: 1", with: "version: 2")),
        RuleCase(.invalidIdentifier, P.plan().replacingOccurrences(of: "name: test-plan", with: "name: Dev_Nightly")),
        RuleCase(.invalidInterpolation, P.plan(sandboxSecret: "\"${vault:dev}\"")),
        RuleCase(.literalSecret, P.plan(sandboxSecret: "hunter2")),
        RuleCase(.unsetEnvironment, P.plan(sandboxSecret: "\"${env:NOT_SET_ANYWHERE}\"")),
        RuleCase(.unreadableSecretFile, P.plan(sandboxSecret: "\"${file:/nonexistent/secret}\"")),
        RuleCase(.interpolationOutsideSecret, P.plan(refresh: "  description: \"${env:DESCRIPTION}\"")),
        RuleCase(.unknownRegion, P.plan(production: "  region: mypurecloud.con\n")),
        RuleCase(.insecureApiBase, P.plan(production: "  apiBase: http://api.example.com\n")),
        RuleCase(.invalidURL, P.plan(production: "  apiBase: ftp://example.com\n")),
        RuleCase(.invalidCron, P.plan(top: "schedule: \"61 * * * *\"")),
        RuleCase(.invalidTimezone, P.plan(top: "schedule: {cron: \"0 2 * * *\", timezone: Mars/Olympus_Mons}")),
        RuleCase(.invalidRegex, P.plan(top: "gates: {piiScan: {patterns: [{name: broken, regex: \"([a-z\"}]}}")),
        RuleCase(.unknownDetector, P.plan(top: "gates: {piiScan: {detectors: [creditCrad]}}")),
        RuleCase(.allNotAlone, P.plan(scope: "[ALL, ROUTING]", refresh: P.allScopeOK, top: P.safeCustomerData)),
        RuleCase(.allNeedsJustification, P.plan(scope: "ALL", top: P.safeCustomerData)),
        RuleCase(.allNeedsSessionPreClear, P.plan(scope: "ALL", refresh: P.allScopeOK + "  preserveSandboxUsers: false", top: P.safeCustomerData)),
        RuleCase(.allCopiesTrunks, P.plan(scope: "ALL", refresh: P.allScopeOK, top: P.safeCustomerData)),
        RuleCase(.adminWithoutRouting, P.plan(scope: "[ADMIN, ARCHITECT]", top: P.safeCustomerData)),
        RuleCase(.customerDataNeedsMasking, P.plan(scope: "[ROUTING, ICM]", top: "gates: {piiScan: {}}")),
        RuleCase(.customerDataNeedsPiiScan, P.plan(scope: "[ROUTING, ICM]", top: "masking: {maskPii: true}")),
        RuleCase(.pollingTooFast, P.plan(refresh: "  polling: {initialInterval: 5s}")),
        RuleCase(.multiplierBelowOne, P.plan(refresh: "  polling: {multiplier: 0.5}")),
        RuleCase(.maxWaitTooLong, P.plan(refresh: "  maxWait: 5h")),
        RuleCase(.maxIntervalBelowInitial, P.plan(refresh: "  polling: {initialInterval: 1m, maxInterval: 30s}")),
        RuleCase(.nonRetryableStatus, P.plan(refresh: "  retry: {on: [429, 401]}")),
        RuleCase(.duplicateScopeEntry, P.plan(scope: "[ROUTING, ARCHITECT, ROUTING]")),
        RuleCase(.emptyScope, P.plan(scope: "[]")),
        RuleCase(.expansionAlreadyInScope, P.plan(top: "gates: {validateFlows: {}}\nscopeExpansion: [{when: missing-routing-reference, add: [ROUTING]}]")),
        RuleCase(.driftExpansionRedundant, P.plan(top: "dependencyScan: {onDrift: expand-scope}")),
        RuleCase(.lockWaitExceedsMaxWait, P.plan(refresh: "  maxWait: 1h", top: "lock: {waitTimeout: 2h}")),
        RuleCase(.architectWithoutRouting, P.plan(scope: "[ARCHITECT]")),
        RuleCase(.expansionNeverTriggers, P.plan(scope: "[ARCHITECT]", top: "scopeExpansion: [{when: missing-routing-reference, add: [ROUTING]}]")),
        RuleCase(.sharedCredentials, P.plan(sandboxSecret: "\"${env:PROD_SECRET}\"").replacingOccurrences(of: "${env:DEV_ID}", with: "${env:PROD_ID}")),
        RuleCase(.maskingRulesIgnored, P.plan(top: "masking: {rules: [{match: {field: ssn}, action: redact}]}")),
        RuleCase(.hashWithoutKey, P.plan(top: "masking: {maskPii: true, rules: [{match: {field: \"*Email\"}, action: hash}]}")),
        RuleCase(.emptyMaskingRule, P.plan(top: "masking: {maskPii: true, rules: [{match: {field: phone}, action: {partial: {keepFirst: 0}}}]}")),
        RuleCase(.preClearIneffective, P.plan(refresh: "  preClearSessions: true")),
        RuleCase(.justificationUnused, P.plan(refresh: "  justification: disaster-recovery")),
        RuleCase(.trunkIsolationDisabled, P.plan(scope: "ALL", refresh: P.allScopeOK, top: "masking: {maskPii: true}\ngates: {piiScan: {}, trunkIsolation: false}")),
        RuleCase(.duplicateExpansionTrigger, P.plan(scope: "[ARCHITECT]", top: "gates: {validateFlows: {}}\nscopeExpansion: [{when: missing-routing-reference, add: [ROUTING]}, {when: missing-routing-reference, add: [ROUTING]}]")),
        RuleCase(.duplicateEntry, P.plan(refresh: "  retry: {on: [429, 503, 429]}")),
        RuleCase(.abstractPlan, "version: 1\nname: base\nabstract: true\nrefresh: {maxWait: 2h}\n"),
        RuleCase(.missingEndpoint, P.plan(production: "")),
        RuleCase(.settingHasNoEffect, P.plan(top: "gates: {validateFlows: {jobTimeout: 5m}}")),
        RuleCase(.retryWithout429, P.plan(refresh: "  retry: {on: [503, network]}")),
        RuleCase(.driftExpansionRepeats, P.plan(scope: "[ARCHITECT]", top: "dependencyScan: {onDrift: expand-scope}\nscopeExpansion: [{when: drift, add: [ROUTING], maxTimes: 2}]")),
        RuleCase(.notifyTargetChannel, P.plan(top: "notify: {targets: [{slack: \"${env:HOOK}\", teams: \"${env:HOOK}\"}]}")),
        RuleCase(.preserveWithoutSnapshot, P.plan(top: "protection: {onRisk: allow}\npreserve: [\"flow:DEV-*\"]")),
    ]

    @Test(arguments: cases)
    func ruleFires(_ ruleCase: RuleCase) throws {
        let result = ruleCase.load()
        let matching = result.diagnostics.filter { $0.code == ruleCase.code.rawValue }
        let rendered = DiagnosticRenderer.render(result.diagnostics, sources: result.sources, color: false)
        let diagnostic = try #require(matching.first, "expected \(ruleCase.code.rawValue), got:\n\(rendered)")
        #expect(diagnostic.severity == ruleCase.code.severity)
        #expect(diagnostic.mark != nil)
        #expect(!diagnostic.message.isEmpty)
        if ruleCase.code.severity == .error {
            #expect(result.plan == nil && result.hasErrors)
        }
    }

    @Test func everyRuleCodeHasACase() {
        let covered = Set(Self.cases.map(\.code))
        let missing = RuleCode.allCases.filter { !covered.contains($0) }
        #expect(missing.isEmpty, "rule codes without a test case: \(missing.map(\.rawValue))")
    }

    @Test func baselinePlanIsClean() {
        let result = TestSupport.load(TestPlans.plan())
        #expect(result.diagnostics.isEmpty, "\(DiagnosticRenderer.render(result.diagnostics, sources: result.sources, color: false))")
        #expect(result.plan?.refresh.scope == .domains([.ROUTING, .ARCHITECT]))
    }

    @Test func codesAreUniqueAndSequential() {
        let numbers = RuleCode.allCases.map { Int($0.rawValue.dropFirst(2))! }
        #expect(numbers == Array(1...numbers.count))
        #expect(RuleCode.allCases.allSatisfy { !$0.meaning.isEmpty })
    }

    @Test func oneBadPlanReportsEveryProblemInOnePass() {
        let yaml = TestPlans.plan(scope: "[ADMIN, ICM]", refresh: "  preserveSandboxUsers: yes\n  scop: x\n  polling: {initialInterval: 5s, multiplier: 0.5}\n  maxWait: 5h",
                                  top: "lock: {onForeignRefresh: abort_if_stale}")
        let codes = Set(TestSupport.codes(TestSupport.load(yaml)))
        for code in ["SR005", "SR004", "SR037", "SR038", "SR039", "SR007", "SR034", "SR035", "SR036"] {
            #expect(codes.contains(code), "missing \(code) in \(codes.sorted())")
        }
    }
}
