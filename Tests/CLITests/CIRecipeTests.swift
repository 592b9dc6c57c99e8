import ArgumentParser
import Foundation
@testable import SandboxRefreshCLI
import Testing

/// The CI recipes in docs/ci are copied into pipelines as they are: every `sandbox-refresh`
/// command they run must parse, and every plan they name must exist in specs/.
@Suite("CI recipes")
struct CIRecipeTests {
    static let recipes = ["docs/ci/github-actions.yml", "docs/ci/gitlab-ci.yml", "docs/ci/azure-pipelines.yml"]
    /// What the recipes' placeholders stand for: the plans their matrices and jobs list.
    static let placeholders = ["${{ matrix.plan }}", "${PLAN}"]
    static let plans = ["dev", "qa"]

    /// Each `sandbox-refresh ...` command line of a recipe, placeholders expanded, as arguments.
    static func commands(in recipe: String) throws -> [[String]] {
        let text = try String(contentsOfFile: RepoRoot.path(recipe), encoding: .utf8)
        var commands: [[String]] = []
        // a command line (`- sandbox-refresh …`, `script: sandbox-refresh …`) or an action step (InstallTests.swift)
        let lines = text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }
            .compactMap { line in ["- ", "script: ", "run: "].lazy.compactMap { line.range(of: $0 + "sandbox-refresh ") }.first.map { String(line[$0.upperBound...]) } }
        for command in lines + ActionSteps.commands(in: text) {
            let expansions = placeholders.contains { command.contains($0) }
                ? plans.map { plan in placeholders.reduce(command) { $0.replacingOccurrences(of: $1, with: plan) } }
                : [command]
            for expanded in expansions {
                commands.append(expanded.split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"'")) })
            }
        }
        return commands
    }

    @Test(arguments: recipes)
    func everyCommandParsesAndEveryPlanExists(_ recipe: String) throws {
        let commands = try Self.commands(in: recipe)
        #expect(commands.contains { $0.first == "apply" }, "\(recipe) runs apply")
        for arguments in commands {
            do {
                _ = try SandboxRefreshCommand.parseAsRoot(arguments)
            } catch {
                Issue.record("\(recipe): `sandbox-refresh \(arguments.joined(separator: " "))` does not parse: \(SandboxRefreshCommand.message(for: error))")
            }
            for plan in arguments where plan.hasSuffix(".yaml") {
                #expect(FileManager.default.fileExists(atPath: RepoRoot.path(plan)), "\(recipe) names \(plan), which is not in the repository")
            }
        }
    }

    @Test(arguments: recipes)
    func artifactsAndJUnitPathsAreTheToolsOwn(_ recipe: String) throws {
        let text = try String(contentsOfFile: RepoRoot.path(recipe), encoding: .utf8)
        #expect(text.contains(".refresh-artifacts"), "the default artifacts.directory of every spec")
        #expect(text.contains("junit.xml"))
        for plan in Self.plans {
            let spec = try String(contentsOfFile: RepoRoot.path("specs/\(plan).yaml"), encoding: .utf8)
            let sandbox = try #require(spec.split(separator: "\n").first { $0.hasPrefix("  id: sandbox-") }).split(separator: ":").last!
                .trimmingCharacters(in: .whitespaces)
            #expect(text.contains(sandbox), "\(recipe) locks and publishes per sandbox: \(sandbox)")
        }
    }
}
