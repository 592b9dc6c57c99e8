import ArgumentParser
import Foundation
@testable import SandboxRefreshCLI
import Testing

enum RepoRoot {
    static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func path(_ relative: String) -> String { url.appendingPathComponent(relative).path }
}

@Suite("command line")
struct CLITests {
    @Test func runIdPrefersTheFlagThenTheCISystem() {
        #expect(RunIdentity.resolve(explicit: "nightly-42", environment: ["GITHUB_RUN_ID": "7"]) == "nightly-42")
        #expect(RunIdentity.resolve(explicit: nil, environment: ["GITHUB_RUN_ID": "7"]) == "github-run-id-7")
        #expect(RunIdentity.resolve(explicit: nil, environment: ["CI_PIPELINE_ID": "99"]) == "ci-pipeline-id-99")
        #expect(RunIdentity.resolve(explicit: nil, environment: ["BUILD_BUILDID": "5"]) == "build-buildid-5")
        let generated = RunIdentity.resolve(explicit: nil, environment: [:])
        #expect(generated.hasPrefix("sr-"))
        #expect(generated != RunIdentity.resolve(explicit: nil, environment: [:]))
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
