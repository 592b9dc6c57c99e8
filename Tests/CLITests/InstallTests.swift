import Foundation
import PlanGraph
@testable import SandboxRefreshCLI
import Testing

/// What an installed binary says about itself, and the installed forms the CI recipes use.
@Suite("--version and the installed forms")
struct InstallTests {
    /// `--version`: the version, the commit it was built from and the Swift version, one per line.
    @Test func versionNamesTheVersionTheCommitAndTheSwiftVersion() throws {
        let run = try MaskCommandProcessTests.run(["--version"], in: FileManager.default.temporaryDirectory)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == ToolVersion.current, "the first line is the version alone: \(run.stdout)")
        let commit = try #require(lines.first { $0.hasPrefix("commit: ") }, "a commit line: \(run.stdout)")
        #expect(commit.count > "commit: ".count)
        let swift = try #require(lines.first { $0.hasPrefix("swift: ") }, "a Swift version line: \(run.stdout)")
        #expect(swift.dropFirst("swift: ".count).first?.isNumber == true, "\(swift)")
    }

    @Test func aRecordedSwiftVersionWinsOverWhatTheCompilerLadderTells() {
        #expect(ToolVersion.full(commit: "abc123", swiftVersion: "6.3.1") == "\(ToolVersion.current)\ncommit: abc123\nswift: 6.3.1")
        #expect(ToolVersion.full(commit: "").hasSuffix("commit: unknown\nswift: \(ToolVersion.swiftVersion)"))
    }

    /// The Swift version stated once (.swift-version) is the one this test suite was compiled with;
    /// moving it means moving the toolchain, and the `#if compiler` ladder when a minor is new.
    @Test func theStatedSwiftVersionIsTheOneThatBuiltTheTests() throws {
        let stated = try String(contentsOfFile: RepoRoot.path(".swift-version"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(stated.hasPrefix(ToolVersion.swiftVersion + "."), ".swift-version says \(stated); compiled by \(ToolVersion.swiftVersion)")
    }

    @Test func theGitHubRecipesActionStepsCheckThenApply() throws {
        let text = try String(contentsOfFile: RepoRoot.path("docs/ci/github-actions.yml"), encoding: .utf8)
        #expect(ActionSteps.commands(in: text) == ["check specs/${{ matrix.plan }}.yaml", "apply specs/${{ matrix.plan }}.yaml --yes --log-format json"])
    }
}

/// The `sandbox-refresh` commands that a recipe's action steps (`uses: …/sandbox-refresh@…` with
/// `command:`, `plan:` and `args:`) run, as the action runs them (`apply` with `--yes`).
enum ActionSteps {
    static func commands(in text: String) -> [String] {
        var commands: [String] = []
        var inputs: [String: String]?
        func flush() {
            if let step = inputs, let plan = step["plan"] {
                let command = step["command"] ?? "apply"
                commands.append(([command, plan] + (command == "apply" ? ["--yes"] : []) + [step["args"] ?? ""])
                    .filter { !$0.isEmpty }.joined(separator: " "))
            }
            inputs = nil
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("- ") || trimmed.hasPrefix("uses:") {
                flush()
                if trimmed.contains("/sandbox-refresh@") { inputs = [:] }
            } else if inputs != nil, let colon = trimmed.firstIndex(of: ":"), !trimmed.hasPrefix("#") {
                let key = String(trimmed[..<colon])
                let value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: CharacterSet(charactersIn: " \"'"))
                if ["command", "plan", "args"].contains(key) { inputs?[key] = value }
            }
        }
        flush()
        return commands
    }
}
