import Foundation
import PlanGraph
import RefreshPlan
import Testing

/// Repository paths, found from this file so tests run from any working directory.
enum Repo {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let golden = root.appendingPathComponent("Tests/PlanGraphTests/Golden")

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
}

enum Fixture {
    /// Loads a plan with no environment, so output never depends on the machine.
    static func load(_ relative: String) throws -> (Plan, PlanLoadResult) {
        let result = PlanLoader(environment: [:]).load(path: Repo.path(relative))
        let errors = result.diagnostics.filter { $0.severity == .error }
        try #require(errors.isEmpty, "\(relative): \(errors.map(\.message))")
        return (try #require(result.plan), result)
    }

    static func compile(_ relative: String) throws -> PlanGraph {
        let (plan, result) = try load(relative)
        return try PlanCompiler.compile(plan, diagnostics: result.diagnostics.map(relativize))
    }

    /// A spec's text, changed, compiled as if it sat in `specs/` (its `extends` resolve there).
    static func compile(text: String) throws -> PlanGraph {
        let result = PlanLoader(environment: [:]).load(text: text, path: Repo.path("specs/variant.yaml"))
        let errors = result.diagnostics.filter { $0.severity == .error }
        try #require(errors.isEmpty, "\(errors.map(\.message))")
        return try PlanCompiler.compile(try #require(result.plan), diagnostics: result.diagnostics)
    }

    /// Diagnostics name files relative to the repository so goldens are machine-independent.
    static func relativize(_ d: Diagnostic) -> Diagnostic {
        var d = d
        d.file = d.file.replacingOccurrences(of: Repo.root.path + "/", with: "")
        return d
    }

    /// A self-contained plan: fixed organizations, and `body` for what the test is about.
    static func plan(_ body: String) throws -> PlanGraph {
        let text = """
            version: 1
            name: branch-test
            production:
              region: mypurecloud.com
              credentials: {clientId: "${env:PROD_ID}", clientSecret: "${env:PROD_SECRET}"}
            \(body)
            """
        let result = PlanLoader(environment: [:]).load(text: text, path: "inline.yaml")
        let errors = result.diagnostics.filter { $0.severity == .error }
        try #require(errors.isEmpty, "\(errors.map(\.message))")
        return try PlanCompiler.compile(try #require(result.plan), diagnostics: result.diagnostics)
    }
}

/// Compares output to a checked-in golden file; `UPDATE_GOLDEN=1 swift test` rewrites them.
func assertGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = Repo.golden.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
        try FileManager.default.createDirectory(at: Repo.golden, withIntermediateDirectories: true)
        try actual.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    let expected = try? String(contentsOf: url, encoding: .utf8)
    #expect(expected != nil, "missing golden \(name); run UPDATE_GOLDEN=1 swift test --filter PlanGraphTests", sourceLocation: sourceLocation)
    if let expected, expected != actual {
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
        Issue.record("\(name) differs from its golden file at line \(line + 1):\n  golden: \(line < e.count ? String(e[line]) : "<end>")\n  actual: \(line < a.count ? String(a[line]) : "<end>")", sourceLocation: sourceLocation)
    }
}
