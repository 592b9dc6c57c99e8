import RunAssembly
import ArgumentParser
import Foundation
import PlanGraph
@testable import SandboxRefreshCLI
import Testing

enum RepoRoot {
    static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func path(_ relative: String) -> String { url.appendingPathComponent(relative).path }
}

@Suite("command line")
struct CLITests {
    @Test func runIdPrefersTheFlagThenTheCISystem() throws {
        #expect(try RunIdentity.resolve(explicit: "nightly-42", environment: ["GITHUB_RUN_ID": "7"]) == ("nightly-42", true))
        #expect(try RunIdentity.resolve(explicit: nil, environment: ["GITHUB_RUN_ID": "7"]).id == "github-run-id-7")
        #expect(try RunIdentity.resolve(explicit: nil, environment: ["CI_PIPELINE_ID": "99"]).id == "ci-pipeline-id-99")
        #expect(try RunIdentity.resolve(explicit: nil, environment: ["BUILD_BUILDID": "5"]).id == "build-buildid-5")
        let generated = try RunIdentity.resolve(explicit: nil, environment: [:])
        #expect(generated.id.hasPrefix("sr-") && !generated.chosen)
        #expect(RunIdGrammar.problem(generated.id) == nil, "a generated id satisfies the grammar")
        #expect(generated.id != (try RunIdentity.resolve(explicit: nil, environment: [:])).id)
    }

    @Test(arguments: ["../escape", "../../../../tmp/x", "..", ".", "a/b", "x]", "[sandbox-refresh run=other]", "line\nbreak", "tab\there",
                      "", "-rf", "é", String(repeating: "a", count: 101), String(repeating: "b", count: 3000)])
    func hostileRunIdsAreRefusedFromTheFlagAndFromCIVariables(_ id: String) {
        #expect(throws: RunIdentity.Invalid.self) { try RunIdentity.resolve(explicit: id, environment: [:]) }
        // Behind the `github-run-id-` prefix a leading dot or dash is harmless; anything else is not.
        if RunIdGrammar.problem("github-run-id-\(id)") != nil, !id.isEmpty {
            #expect(throws: RunIdentity.Invalid.self) { try RunIdentity.resolve(explicit: nil, environment: ["GITHUB_RUN_ID": id]) }
        }
        do {
            _ = try RunIdentity.resolve(explicit: id, environment: [:])
        } catch {
            let message = "\(error)"
            #expect(!message.contains("\n") && message.count < 400, "the error neither breaks the line nor echoes a long id: \(message)")
        }
    }

    @Test func theLongestValidRunIdIsAccepted() throws {
        let id = "A" + String(repeating: "z.9_-", count: 19) + "abcd"
        #expect(id.count == RunIdGrammar.maxLength)
        #expect(try RunIdentity.resolve(explicit: id, environment: [:]).id == id)
    }

    @Test func validateAcceptsTheShippedSpecs() throws {
        let files = ["base", "dev", "qa", "compliance-audit"].map { RepoRoot.path("specs/\($0).yaml") }
        let command = try ValidateCommand.parse(files)
        try command.run()
    }

    @Test func validateExitsOneOnABrokenPlan() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("broken-\(UUID().uuidString).yaml")
        try "version: 1\nname: broken\nrefresh:\n  scop: [ROUTING]\n".write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let command = try ValidateCommand.parse([url.path, "--format", "json"])
        #expect(throws: ExitCode(1)) { try command.run() }
    }

    @Test(arguments: [["--nights", "0"], ["--nights", "99999999"], ["--nights", "-1"], ["--jobs", "0"], ["--concurrent-plans", "0"],
                      ["--fault-intensity", "1.5"], ["--crash-probability", "-0.1"], ["--from", "18446744073709551615", "--seeds", "2"]])
    func simulateRefusesArgumentsItCannotHonour(_ arguments: [String]) {
        #expect(throws: (any Error).self) { _ = try SimulateCommand.parse(arguments) }
        #expect((try? SimulateCommand.parse(["--nights", "8", "--jobs", "2"])) != nil)
    }

    @Test func everyCommandHasHelp() throws {
        for name in ["validate", "plan", "check", "graph", "apply", "emulator", "schema"] {
            let help = SandboxRefreshCommand.helpMessage(for: try #require(SandboxRefreshCommand.configuration.subcommands.first { $0._commandName == name }))
            #expect(help.contains("USAGE"), "\(name)")
        }
    }

    @Test func applyRefusesNonInteractiveRunsWithoutYes() async throws {
        // swift test has no terminal on stdin: apply must ask for --yes rather than proceed.
        let command = try ApplyCommand.parse([RepoRoot.path("specs/dev.yaml")])
        guard isatty(STDIN_FILENO) == 0 else { return }
        await #expect(throws: ExitCode(2)) { try await command.run() }
    }
}
