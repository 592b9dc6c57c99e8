import Foundation
import Testing
@testable import RefreshPlan

/// Secret values never reach a message, a rendered snippet, JSON output or an encoded plan.
@Suite struct SecretTests {
    private func everything(_ result: PlanLoadResult) -> String {
        DiagnosticRenderer.render(result.diagnostics, sources: result.sources, color: false)
            + DiagnosticRenderer.render(result.diagnostics, sources: result.sources, color: true)
            + DiagnosticRenderer.json(result.diagnostics)
            + result.diagnostics.map { "\($0)" }.joined()
    }

    @Test func literalClientSecretIsAnErrorAndIsMasked() throws {
        let result = TestSupport.load(TestPlans.plan(sandboxSecret: "hunter2-very-secret"))
        let d = try #require(result.diagnostics.first { $0.code == "SR019" })
        #expect(d.message == "'sandbox.credentials.clientSecret' is a literal secret; secrets must not be written in a plan")
        let output = everything(result)
        #expect(!output.contains("hunter2"))
        #expect(output.contains("clientSecret: *******************}"))
    }

    /// Found by FuzzPlanDecoding: a literal secret folded over several lines (a plain or quoted
    /// scalar has a space, or fewer line breaks, in its text where the source breaks the line)
    /// was masked only on the lines its text accounts for, so a diagnostic on a later line of
    /// it quoted the rest of the secret.
    @Test func literalSecretFoldedOverSeveralLinesIsMaskedOnEveryLine() {
        let secrets = [
            "s3cretPart1\n    s3cretPart2",
            "\"s3cretPart1\n    s3cretPart2\"",
            "'s3cretPart1\n\n    s3cretPart2\n\n    s3cretPart3'",
        ]
        for secret in secrets {
            let result = TestSupport.load(TestPlans.plan(sandboxSecret: secret + ", extra: 1"))
            #expect(TestSupport.codes(result).contains("SR019"), "\(secret)")
            #expect(TestSupport.codes(result).contains("SR004"), "\(secret)")
            let output = everything(result)
            #expect(!output.contains("s3cret"), "\(secret): \(output)")
        }
    }

    /// Found by FuzzPlanDecoding: after a NEL (U+0085), which libyaml counts as a line break,
    /// the renderer numbered lines differently from the marks, quoted the line above a
    /// diagnostic's and masked the wrong line: here the invalid sandbox id's snippet showed the
    /// literal secret on the line below it.
    @Test func literalSecretIsMaskedAfterALineBreakOnlyYAMLCounts() {
        let yaml = """
            version: 1
            name: "nightly\u{85}sync"
            production:
              region: mypurecloud.com
              credentials: {clientId: "${env:PROD_ID}", clientSecret: "${env:PROD_SECRET}"}
            sandbox:
              id: "bad id!"
              credentials: {clientId: "${env:DEV_ID}", clientSecret: hunter2-very-secret}
            refresh:
              scope: [ARCHITECT, ROUTING]
            """
        let result = TestSupport.load(yaml)
        #expect(TestSupport.codes(result).contains("SR019"))
        #expect(!everything(result).contains("hunter2"))
    }

    @Test func nonStringSecretDoesNotEchoItsValue() {
        let result = TestSupport.load(TestPlans.plan(sandboxSecret: "987654321"))
        #expect(TestSupport.codes(result).contains("SR005"))
        #expect(!everything(result).contains("987654321"))
    }

    @Test func malformedInterpolationIsNotEchoed() {
        let result = TestSupport.load(TestPlans.plan(sandboxSecret: "\"${env:TOKEN}extra-s3cret\""))
        #expect(TestSupport.codes(result).contains("SR018"))
        #expect(!everything(result).contains("s3cret"))
    }

    @Test func literalHashKeyIsAnError() {
        let result = TestSupport.load(TestPlans.plan(top: "masking: {maskPii: true, hashKey: pepper-value}"))
        #expect(TestSupport.codes(result) == ["SR019"])
        #expect(!everything(result).contains("pepper-value"))
    }

    @Test func webhookWithCredentialsIsAnError() {
        for url in ["https://user:pw-secret@hooks.example.com/x", "https://hooks.example.com/x?token=pw-secret", "https://hooks.slack.com/services/T0/B0/pw-secret"] {
            let result = TestSupport.load(TestPlans.plan(top: "notify: {onFailure: {webhook: \"\(url)\"}}"))
            #expect(TestSupport.codes(result) == ["SR019"], "\(url)")
            #expect(!everything(result).contains("pw-secret"), "\(url)")
        }
        let plain = TestSupport.load(TestPlans.plan(top: "notify: {onFailure: {webhook: \"https://alerts.example.com/refresh\"}}"))
        #expect(plain.diagnostics.isEmpty)
        #expect(plain.plan?.notify?.onFailureWebhook == .literal("https://alerts.example.com/refresh"))
    }

    @Test func apiBaseWithCredentialsIsAnError() {
        let result = TestSupport.load(TestPlans.plan(production: "  apiBase: \"https://admin:pw-secret@api.example.com\"\n"))
        #expect(TestSupport.codes(result).contains("SR019"))
        #expect(!everything(result).contains("pw-secret"))
    }

    @Test func interpolationsDecodeAndResolvedEnvironmentGivesNoWarning() throws {
        let result = TestSupport.load(TestPlans.plan())
        let plan = try #require(result.plan)
        #expect(plan.sandbox.credentials.clientSecret == .env("DEV_SECRET"))
        #expect(result.diagnostics.isEmpty)
        let unset = TestSupport.load(TestPlans.plan(), environment: [:])
        #expect(Set(TestSupport.codes(unset)) == ["SR020"])
        #expect(unset.plan != nil)
        #expect(!everything(TestSupport.load(TestPlans.plan())).contains("s3cr3t"))
    }

    @Test func fileSecretIsCheckedWithoutPrintingIt() {
        let files = ["plan.yaml": TestPlans.plan(sandboxSecret: "\"${file:/run/secrets/dev}\""), "/run/secrets/dev": "file-s3cret\n"]
        let result = TestSupport.loader(files: files, environment: TestSupport.fullEnvironment).load(path: "plan.yaml")
        #expect(result.diagnostics.isEmpty)
        #expect(result.plan?.sandbox.credentials.clientSecret == .file("/run/secrets/dev"))
    }

    @Test func secretValueNeverDescribesItsValue() throws {
        let literal = SecretValue.literal("hunter2")
        #expect("\(literal)" == "(sensitive)")
        #expect(String(reflecting: literal) == "SecretValue((sensitive))")
        #expect("\(SecretValue.env("X"))" == "${env:X}")
        #expect("\(SecretValue.file("/run/s"))" == "${file:/run/s}")
        let encoded = String(decoding: try JSONEncoder().encode(Credentials(clientId: .env("ID"), clientSecret: literal)), as: UTF8.self)
        #expect(!encoded.contains("hunter2"))
        #expect(try JSONDecoder().decode(SecretValue.self, from: Data("\"${env:ID}\"".utf8)) == .env("ID"))
    }

    @Test func interpolationParsing() {
        #expect(SecretValue.interpolation("${env:GENESYS_ID}") == .env("GENESYS_ID"))
        #expect(SecretValue.interpolation("${file:/run/secrets/x}") == .file("/run/secrets/x"))
        for bad in ["${env:}", "${env:1X}", "${env:A-B}", "${vault:x}", "$env:X", "${env:X}${env:Y}", "pre${env:X}", "${ENV:X}", "${file:}"] {
            #expect(SecretValue.interpolation(bad) == nil, "\(bad)")
        }
    }

    @Test func resolverNamesTheSourceNeverTheValue() throws {
        let resolver = SecretResolver(environment: ["SET": "value-1", "EMPTY": ""], readFile: { path in
            if path == "/ok" { return "file-value\n" }
            throw PlanLoader.ReadError("denied")
        })
        #expect(try resolver.resolve(.env("SET")) == "value-1")
        #expect(try resolver.resolve(.file("/ok")) == "file-value")
        #expect(try resolver.resolve(.literal("lit")) == "lit")
        for (secret, name) in [(SecretValue.env("MISSING"), "MISSING"), (.env("EMPTY"), "EMPTY"), (.file("/nope"), "/nope")] {
            do {
                _ = try resolver.resolve(secret)
                Issue.record("expected failure for \(name)")
            } catch {
                #expect("\(error)".contains(name))
                #expect(!"\(error)".contains("value"))
            }
        }
    }
}
