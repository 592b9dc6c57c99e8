import Synchronization
import Testing
@testable import RefreshPlan

@Suite struct ExtendsTests {
    static let base = """
    version: 1
    name: base
    abstract: true
    production:
      region: mypurecloud.com
      credentials: {clientId: "${env:PROD_ID}", clientSecret: "${env:PROD_SECRET}"}
    refresh:
      preserveSandboxUsers: true
      polling: {initialInterval: 30s, multiplier: 3}
      retry: {on: [429, 503]}
    lock: {staleAfter: 45m, onForeignRefresh: fail}
    """

    static let child = """
    version: 1
    name: child
    extends: ../shared/base.yaml
    sandbox:
      id: sandbox-dev-01
      credentials: {clientId: "${env:DEV_ID}", clientSecret: "${env:DEV_SECRET}"}
    refresh:
      scope: [ARCHITECT, ROUTING]
      polling: {multiplier: 1.5}
      retry: {on: [429, 502]}
    """

    private func load(_ files: [String: String], _ path: String = "plans/child.yaml") -> PlanLoadResult {
        TestSupport.loader(files: files, environment: TestSupport.fullEnvironment).load(path: path)
    }

    /// Findings inside sections a plan takes unchanged from its base: a literal secret (masked
    /// in quoted lines), an unset variable, a type error, unknown keys, a bad list item, one
    /// node under two keys (a YAML alias), and in a section nested in one the plan overrides
    /// (`refresh.circuitBreaker`).
    static let baseWithFindings = """
    version: 1
    name: base
    abstract: true
    production:
      region: mypurecloud.com
      credentials: {clientId: literal-client-id, clientSecret: "s3cr3t-literal-value"}
    masking:
      hashKey: "${env:NOT_SET_ANYWHERE}"
      rules:
        - {match: {field: email}, action: hash, colour: 1}
        - 42
    lock: &lock {staleAfter: 45, onForeignRefresh: fail, stail: 1}
    dependencyScan: *lock
    notify:
      targets:
        - {webhook: "http://example.com/hook", on: [failure]}
    network: {proxy: "ftp://nope"}
    refresh:
      circuitBreaker: {consecutive503: 0, pause: 5, paws: 1}
    artifacts: {directory: ""}
    """

    /// `validate` over a fleet parses a shared base once and decodes the sections plans take
    /// from it unchanged once; what each plan gets must not change, whether the base is sound or
    /// broken, and the base file is read only once.
    @Test(arguments: [Self.base, Self.baseWithFindings, "version: 1\nname: base\nabstract: [unclosed\n", "version: 1\nname: base\nabstract: true\nlok: {}\n"])
    func aSharedBaseParsedOnceGivesEveryPlanWhatAFreshLoadGives(base: String) throws {
        let files = ["shared/base.yaml": base, "plans/child.yaml": Self.child,
                     "plans/other.yaml": Self.child.replacingOccurrences(of: "name: child", with: "name: other"),
                     // Overrides one of the base's sections: that one is this plan's own.
                     "plans/lock.yaml": Self.child.replacingOccurrences(of: "name: child", with: "name: lock") + "\nlock: {staleAfter: 2m}\n"]
        let reads = Mutex<[String]>([])
        let shared = PlanLoader(environment: TestSupport.fullEnvironment, readFile: { path in
            reads.withLock { $0.append(path) }
            guard let text = files[path] else { throw PlanLoader.ReadError("no such file") }
            return Array(text.utf8)
        }, sharingBases: true)
        let fresh = TestSupport.loader(files: files, environment: TestSupport.fullEnvironment)
        for path in ["plans/child.yaml", "plans/other.yaml", "plans/child.yaml", "plans/lock.yaml"] {
            let once = shared.load(path: path), again = fresh.load(path: path)
            #expect(once.diagnostics == again.diagnostics, "\(path)")
            #expect(once.plan == again.plan && once.sources == again.sources, "\(path)")
            #expect(DiagnosticRenderer.render(once.diagnostics, sources: once.sources, color: false)
                    == DiagnosticRenderer.render(again.diagnostics, sources: again.sources, color: false), "\(path)")
        }
        #expect(reads.withLock { $0.filter { $0 == "shared/base.yaml" }.count } == 1, "\(reads.withLock { $0 })")
        // The base validated as a file of its own, after the plans decoded its sections.
        let base = shared.load(path: "shared/base.yaml"), fresher = fresh.load(path: "shared/base.yaml")
        #expect(base.diagnostics == fresher.diagnostics && base.sources == fresher.sources)
    }

    /// `extends` (always relative: absolute paths are refused before) is resolved lexically
    /// against the extending file's directory.
    @Test(arguments: [
        ("base.yaml", "plans/dev.yaml", "plans/base.yaml"),
        ("../shared/base.yaml", "plans/dev.yaml", "shared/base.yaml"),
        ("./base.yaml", "/abs/plans/dev.yaml", "/abs/plans/base.yaml"),
        ("base.yaml", "dev.yaml", "base.yaml"),
        ("base.yaml", "/dev.yaml", "/base.yaml"),
        ("base.yaml", "a//b/dev.yaml", "a/b/base.yaml"),
        ("sub/base.yaml", "/x/y/dev.yaml", "/x/y/sub/base.yaml"),
        ("base.yaml", "../plans/dev.yaml", "../plans/base.yaml"),
        ("..base.yaml", "p/dev.yaml", "p/..base.yaml"),
        ("sub/../base.yaml", "p/q/dev.yaml", "p/q/base.yaml"),
        ("base.yaml", "p/./q/dev.yaml", "p/q/base.yaml"),
        ("sub/", "p/dev.yaml", "p/sub"),
    ])
    func extendsResolvesAgainstTheExtendingFile(relative: String, from: String, expected: String) {
        #expect(DocumentLoader.resolve(relative, from: from) == expected)
    }

    @Test func mapsMergeListsAndScalarsReplace() throws {
        let result = load(["shared/base.yaml": Self.base, "plans/child.yaml": Self.child])
        let plan = try #require(result.plan, "\(result.diagnostics)")
        #expect(plan.name == "child")
        #expect(plan.production.region == "mypurecloud.com")
        #expect(plan.refresh.polling.initialInterval == .seconds(30))
        #expect(plan.refresh.polling.multiplier == 1.5)
        #expect(plan.refresh.retry.on == [.status(429), .status(502)], "a list replaces the base's, it is not merged")
        #expect(plan.lock.onForeignRefresh == .fail && plan.lock.staleAfter == .seconds(45 * 60))
        #expect(result.sources.map(\.path) == ["plans/child.yaml", "shared/base.yaml"])
        #expect(!result.isAbstract)
    }

    @Test func diagnosticsPointIntoTheFileTheValueCameFrom() throws {
        let brokenBase = Self.base.replacingOccurrences(of: "staleAfter: 45m", with: "staleAfter: 45").replacingOccurrences(of: "  preserveSandboxUsers: true", with: "  presrveSandboxUsers: true")
        let result = load(["shared/base.yaml": brokenBase, "plans/child.yaml": Self.child.replacingOccurrences(of: "multiplier: 1.5", with: "multiplier: 0.5")])
        let typeError = try #require(result.diagnostics.first { $0.code == "SR005" })
        #expect(typeError.file == "shared/base.yaml" && typeError.mark?.line == 11)
        let unknown = try #require(result.diagnostics.first { $0.code == "SR004" })
        #expect(unknown.file == "shared/base.yaml" && unknown.mark?.line == 8)
        let multiplier = try #require(result.diagnostics.first { $0.code == "SR038" })
        #expect(multiplier.file == "plans/child.yaml" && multiplier.mark?.line == 9)
        let rendered = DiagnosticRenderer.render(result.diagnostics, sources: result.sources, color: false)
        #expect(rendered.contains("shared/base.yaml:11:") && rendered.contains("11 | lock: {staleAfter: 45"))
    }

    @Test func cyclesNameTheChain() throws {
        let files = ["a.yaml": "version: 1\nextends: b.yaml\n", "b.yaml": "extends: c.yaml\n", "c.yaml": "extends: ./a.yaml\n"]
        let result = load(files, "a.yaml")
        let d = try #require(result.diagnostics.first { $0.code == "SR012" })
        #expect(d.message == "'extends' forms a cycle: a.yaml -> b.yaml -> c.yaml -> a.yaml")
        #expect(d.file == "c.yaml" && d.mark?.line == 1)
        #expect(result.plan == nil)
    }

    @Test func selfExtensionIsACycle() {
        let result = load(["self.yaml": "version: 1\nextends: self.yaml\n"], "self.yaml")
        #expect(TestSupport.codes(result).contains("SR012"))
    }

    @Test func missingBaseIsReportedAtTheExtendsKey() throws {
        let result = load(["plans/child.yaml": Self.child])
        let d = try #require(result.diagnostics.first)
        #expect(d.code == "SR001" && d.file == "plans/child.yaml" && d.mark?.line == 3)
        #expect(d.message.contains("shared/base.yaml"))
    }

    @Test func abstractIsNotInherited() {
        let result = load(["shared/base.yaml": Self.base, "plans/child.yaml": Self.child])
        #expect(!result.isAbstract && result.plan != nil)
        let baseAlone = load(["shared/base.yaml": Self.base], "shared/base.yaml")
        #expect(baseAlone.isAbstract && baseAlone.plan == nil && !baseAlone.hasErrors)
    }

    @Test func deepChainsAreBounded() {
        var files: [String: String] = [:]
        for i in 0..<20 { files["p\(i).yaml"] = "extends: p\(i + 1).yaml\n" }
        files["p20.yaml"] = "version: 1\n"
        let result = load(files, "p0.yaml")
        #expect(TestSupport.codes(result).contains("SR013"))
    }
}
