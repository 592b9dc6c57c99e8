import Testing
@testable import RefreshPlan

/// The wording users see, and the YAML 1.2 behaviours as they surface through the loader.
@Suite struct MessageTests {
    private func first(_ code: String, in yaml: String) throws -> Diagnostic {
        let result = TestSupport.load(yaml)
        return try #require(result.diagnostics.first { $0.code == code }, "\(result.diagnostics)")
    }

    @Test func unknownKeySuggestsTheClosestKey() throws {
        let d = try first("SR004", in: TestPlans.plan(refresh: "  scop: [ROUTING]"))
        #expect(d.message == "unknown key 'scop' in 'refresh'; did you mean 'scope'?")
        #expect(d.suggestion == "scope")
        #expect(d.mark?.line == 11 && d.mark?.column == 3 && d.length == 4)
    }

    @Test func transposedLettersAreSuggested() throws {
        let d = try first("SR004", in: TestPlans.plan(refresh: "  perserveSandboxUsers: true"))
        #expect(d.suggestion == "preserveSandboxUsers")
    }

    @Test func farOffKeyListsValidKeysInstead() throws {
        let d = try first("SR004", in: TestPlans.plan(top: "frobnicate: 1"))
        #expect(d.message == "unknown key 'frobnicate' at the top level")
        #expect(d.help?.contains("valid keys: version, name") == true)
    }

    @Test func yesIsAStringAndTheMessageSaysSo() throws {
        let d = try first("SR005", in: TestPlans.plan(refresh: "  preserveSandboxUsers: yes"))
        #expect(d.message == "'refresh.preserveSandboxUsers': expected a boolean (true or false), found the string 'yes'; YAML 1.2 reads yes/no/on/off as strings")
        #expect(d.help == "write true")
    }

    @Test func unknownEnumValueSuggests() throws {
        let d = try first("SR007", in: TestPlans.plan(top: "lock: {onForeignRefresh: abort_if_stale}"))
        #expect(d.message == "'lock.onForeignRefresh': unknown value 'abort_if_stale'; did you mean 'abort-if-stale'?")
        let scope = try first("SR007", in: TestPlans.plan(scope: "[routing]"))
        #expect(scope.suggestion == "ROUTING")
    }

    @Test func leadingZeroIsDecimalNotOctal() throws {
        let plan = try #require(TestSupport.load(TestPlans.plan(top: "gates: {validateFlows: {batchSize: 012}}")).plan)
        #expect(plan.gates.validateFlows?.batchSize == 12)
    }

    @Test func sexagesimalIsAString() throws {
        let d = try first("SR005", in: TestPlans.plan(refresh: "  retry: {maxAttempts: 1:30}"))
        #expect(d.message.contains("found the string '1:30'"))
    }

    @Test func bareNumberDurationAsksForAUnit() throws {
        let d = try first("SR005", in: TestPlans.plan(refresh: "  maxWait: 15"))
        #expect(d.message.contains("expected a duration such as 15s, 2m or 1h30m, found the integer 15"))
        #expect(d.help == "add a unit, e.g. 15s or 15m")
    }

    @Test func duplicateKeyNamesBothLines() throws {
        let result = PlanLoader(environment: [:]).load(path: TestSupport.fixture("duplicate-key.yaml"))
        let d = try #require(result.diagnostics.first)
        #expect(d.code == "SR003")
        #expect(d.message.contains("line 2") && d.message.contains("line 5"))
        #expect(d.mark?.line == 5)
        #expect(d.notes.first?.hasSuffix(":2:1") == true)
    }

    @Test func unknownTagIsRejected() throws {
        let result = PlanLoader(environment: [:]).load(path: TestSupport.fixture("unknown-tag.yaml"))
        #expect(result.diagnostics.map(\.code) == ["SR009"])
        #expect(result.diagnostics.first?.mark == .init(line: 2, column: 7))
    }

    @Test func multipleDocumentsAreRejected() {
        let result = PlanLoader(environment: [:]).load(path: TestSupport.fixture("multi-doc.yaml"))
        #expect(result.diagnostics.map(\.code) == ["SR010"])
        #expect(result.diagnostics.first?.mark?.line == 3)
    }

    @Test func syntaxErrorCarriesLibyamlPosition() {
        let result = PlanLoader(environment: [:]).load(path: TestSupport.fixture("syntax-error.yaml"))
        #expect(result.diagnostics.map(\.code) == ["SR002"])
        #expect((result.diagnostics.first?.mark?.line ?? 0) >= 2)
    }

    @Test func rangeErrorsExplainWhy() throws {
        let d = try first("SR037", in: TestPlans.plan(refresh: "  polling: {initialInterval: 5s}"))
        #expect(d.message == "'refresh.polling.initialInterval' must be at least 15s (polling faster triggers 429 Too Many Requests); found 5s")
        let zero = try first("SR015", in: TestPlans.plan(refresh: "  circuitBreaker: {pause: 0s}"))
        #expect(zero.message.contains("must be longer than zero"))
    }

    @Test func invalidDurationsAreRejected() {
        for text in ["1.5h", "-5m", "5m1h", "15 s", "m", "15S", "1d"] {
            let result = TestSupport.load(TestPlans.plan(refresh: "  maxWait: \"\(text)\""))
            #expect(TestSupport.codes(result).contains("SR014"), "\(text)")
        }
    }

    @Test func regionNamesAndDomainsAreAccepted() throws {
        let byName = try #require(TestSupport.load(TestPlans.plan(production: "  region: eu-west-1\n")).plan)
        #expect(byName.production.region == "mypurecloud.ie")
        let apiHost = try first("SR023", in: TestPlans.plan(production: "  region: api.mypurecloud.de\n"))
        #expect(apiHost.suggestion == "mypurecloud.de")
    }

    @Test func loopbackHttpIsAllowed() throws {
        for base in ["http://127.0.0.1:9080", "http://localhost:9080", "http://[::1]:9080", "http://127.8.9.10", "https://api.example.com"] {
            let result = TestSupport.load(TestPlans.plan(production: "  apiBase: \"\(base)\"\n"))
            #expect(result.diagnostics.isEmpty, "\(base): \(result.diagnostics.map(\.message))")
        }
        for base in ["http://127.0.0.1.evil.com", "http://10.0.0.1", "http://localhost.example.com"] {
            #expect(TestSupport.codes(TestSupport.load(TestPlans.plan(production: "  apiBase: \"\(base)\"\n"))).contains("SR024"), "\(base)")
        }
    }

    @Test func customerDataThroughExpansionNeedsMasking() {
        let yaml = TestPlans.plan(top: "gates: {validateFlows: {}}\nscopeExpansion: [{when: missing-routing-reference, add: [ICM]}]")
        let codes = TestSupport.codes(TestSupport.load(yaml))
        #expect(codes.contains("SR035") && codes.contains("SR036"))
    }

    @Test func diagnosticsAreOrderedByPosition() {
        let result = TestSupport.load(TestPlans.plan(refresh: "  maxWait: 5h\n  scop: x", top: "lock: {staleAfter: 1s}"))
        let marks = result.diagnostics.compactMap(\.mark)
        #expect(marks == marks.sorted())
        #expect(marks.count >= 3)
    }
}
