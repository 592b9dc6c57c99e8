import Foundation
@testable import RefreshPlan

enum TestSupport {
    /// The repository root, from this file's location (Tests/RefreshPlanTests/TestSupport.swift).
    static let repoRoot: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }()

    static func fixture(_ name: String) -> String {
        guard let url = Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil) else {
            return repoRoot + "/Tests/RefreshPlanTests/Fixtures/" + name
        }
        return url.path
    }

    /// An in-memory file system for extends tests.
    static func loader(files: [String: String], environment: [String: String] = [:]) -> PlanLoader {
        PlanLoader(environment: environment, readFile: { path in
            guard let text = files[path] else { throw PlanLoader.ReadError("no such file") }
            return Array(text.utf8)
        })
    }

    static func load(_ yaml: String, environment: [String: String] = fullEnvironment) -> PlanLoadResult {
        PlanLoader(environment: environment, readFile: { _ in throw PlanLoader.ReadError("no such file") }).load(text: yaml, path: "plan.yaml")
    }

    static let fullEnvironment = ["PROD_ID": "p", "PROD_SECRET": "s3cr3t-prod", "DEV_ID": "d", "DEV_SECRET": "s3cr3t-dev", "HASH": "k", "HOOK": "https://h"]

    static func codes(_ result: PlanLoadResult) -> [String] { result.diagnostics.map(\.code) }
}
