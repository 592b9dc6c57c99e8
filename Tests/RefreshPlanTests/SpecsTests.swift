import Foundation
import Testing
@testable import RefreshPlan

@Suite struct SpecsTests {
    @Test(arguments: ["base.yaml", "dev.yaml", "qa.yaml", "compliance-audit.yaml"])
    func specLoadsWithoutErrors(_ name: String) {
        let result = PlanLoader(environment: [:]).load(path: TestSupport.repoRoot + "/specs/" + name)
        let text = DiagnosticRenderer.render(result.diagnostics, sources: result.sources, color: false)
        print(text)
        #expect(!result.hasErrors, "\(text)")
        if name == "base.yaml" {
            #expect(result.isAbstract && result.plan == nil)
        } else {
            #expect(result.plan != nil)
        }
    }
}
