import Executor
import Foundation

/// `junit.xml`: the run as a test report, so CI test tabs show it. One test case per step that
/// ran and one per gate verdict; a failed step or gate carries the failure message (which never
/// holds secrets or customer data: findings are reported by where, not what).
enum JUnitReport {
    static func render(summary: RunSummary, state: RunState) -> String {
        var cases: [String] = []
        var failures = 0
        let steps = summary.steps.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        for step in steps where !summary.gates.contains(where: { $0.gate == step }) {
            var body = ""
            if step == summary.failedStep, let message = summary.message {
                failures += 1
                body = "<failure type=\"\(escape(summary.outcome))\" message=\"\(escape(String(message.prefix(500))))\">\(escape(message))</failure>"
            }
            cases.append(testCase(name: "step \(step)", classname: "sandbox-refresh.\(summary.plan).steps", body: body))
        }
        for gate in summary.gates {
            var body = ""
            if !gate.passed {
                failures += 1
                var detail = gate.detail
                if gate.gate.hasPrefix("validate-flows") {
                    let flows = state.validationErrors.prefix(50).map { "\($0.flowName ?? $0.flowId): \($0.message)" }
                    if !flows.isEmpty { detail += "\n" + flows.joined(separator: "\n") }
                }
                body = "<failure type=\"\(escape(gate.outcome ?? "failed"))\" message=\"\(escape(String(gate.detail.prefix(500))))\">\(escape(detail))</failure>"
            }
            cases.append(testCase(name: "gate \(gate.gate)", classname: "sandbox-refresh.\(summary.plan).gates", body: body))
        }
        let suite = "sandbox-refresh \(summary.plan) on \(summary.sandboxId) (run \(summary.runId))"
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuites name="sandbox-refresh" tests="\(cases.count)" failures="\(failures)" time="\(String(format: "%.3f", summary.durationSeconds))">
              <testsuite name="\(escape(suite))" tests="\(cases.count)" failures="\(failures)" errors="0" skipped="0" time="\(String(format: "%.3f", summary.durationSeconds))" timestamp="\(escape(summary.startedAt))">
            \(cases.map { "    " + $0 }.joined(separator: "\n"))
              </testsuite>
            </testsuites>

            """
    }

    private static func testCase(name: String, classname: String, body: String) -> String {
        "<testcase name=\"\(escape(name))\" classname=\"\(escape(classname))\">\(body)</testcase>"
    }

    /// XML text and attribute escaping: the same rules as report.html's (one place to get them right).
    static func escape(_ text: String) -> String { ReportHTML.escape(text) }
}
