import Foundation
import Testing
@testable import RefreshPlan

@Suite struct SchemaTests {
    static let schemaPath = TestSupport.repoRoot + "/schemas/refresh-plan.schema.json"
    static let docsPath = TestSupport.repoRoot + "/docs/plan-reference.md"

    /// Fails when the checked-in schema drifts from the definitions. Regenerate with
    /// `REGENERATE_PLAN_SCHEMA=1 swift test --filter SchemaTests` (or `sandbox-refresh schema`).
    @Test func checkedInSchemaMatchesGenerated() throws {
        let generated = PlanSchema.jsonSchema()
        if ProcessInfo.processInfo.environment["REGENERATE_PLAN_SCHEMA"] == "1" {
            try generated.write(toFile: Self.schemaPath, atomically: true, encoding: .utf8)
        }
        let checkedIn = try String(contentsOfFile: Self.schemaPath, encoding: .utf8)
        #expect(checkedIn == generated, "schemas/refresh-plan.schema.json is stale; run `swift run sandbox-refresh schema > schemas/refresh-plan.schema.json`")
    }

    @Test func checkedInReferenceMatchesGenerated() throws {
        let generated = PlanReference.markdown()
        if ProcessInfo.processInfo.environment["REGENERATE_PLAN_SCHEMA"] == "1" {
            try generated.write(toFile: Self.docsPath, atomically: true, encoding: .utf8)
        }
        let checkedIn = try String(contentsOfFile: Self.docsPath, encoding: .utf8)
        #expect(checkedIn == generated, "docs/plan-reference.md is stale")
    }

    @Test func schemaIsDeterministicValidJSON() throws {
        #expect(PlanSchema.jsonSchema() == PlanSchema.jsonSchema())
        let object = try JSONSerialization.jsonObject(with: Data(PlanSchema.jsonSchema().utf8)) as? [String: Any]
        #expect(object?["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
    }

    /// Every object in the schema closes itself, so editors flag typos as the decoder does.
    @Test func everyObjectForbidsAdditionalProperties() throws {
        let root = try JSONSerialization.jsonObject(with: Data(PlanSchema.jsonSchema().utf8))
        var objects = 0
        func walk(_ value: Any) {
            if let dict = value as? [String: Any] {
                if dict["type"] as? String == "object" {
                    objects += 1
                    #expect(dict["additionalProperties"] as? Bool == false, "\(dict["description"] ?? "?")")
                }
                dict.values.forEach(walk)
            } else if let list = value as? [Any] {
                list.forEach(walk)
            }
        }
        walk(root)
        #expect(objects >= PlanSections.all.count)
    }

    /// The table's defaults and the model's initializer defaults must agree, since callers
    /// constructing plans in code use the latter.
    @Test func tableDefaultsMatchModelDefaults() throws {
        let result = TestSupport.load(TestPlans.plan(top: "dependencyScan: {}\ngates: {validateFlows: {}, piiScan: {}}"))
        let plan = try #require(result.plan)
        #expect(plan.refresh.polling == PollingPolicy())
        #expect(plan.refresh.circuitBreaker == CircuitBreakerPolicy())
        #expect(plan.refresh.retry == RetryPolicy())
        #expect(plan.refresh.maxWait == .seconds(4 * 3600))
        #expect(plan.refresh.preserveSandboxUsers == true)
        #expect(plan.lock == LockPolicy())
        #expect(plan.dependencyScan == DependencyScanPolicy())
        #expect(plan.masking == MaskingPolicy())
        #expect(plan.gates.validateFlows == FlowValidationGate())
        #expect(plan.gates.piiScan == PiiScanGate())
        #expect(plan.gates.trunkIsolation == false)
        #expect(plan.artifacts == ArtifactsSettings())
        #expect(plan.refresh.description == RefreshSettings(scope: .all).description)
    }

    @Test func everyDocumentedKeyIsInTheReference() {
        let doc = PlanReference.markdown()
        for section in PlanSections.all {
            for field in section.fields { #expect(doc.contains("| `\(field.name)` |")) }
        }
        for rule in RuleCode.allCases { #expect(doc.contains("| \(rule.rawValue) |")) }
    }
}
