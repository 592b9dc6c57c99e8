import Foundation
import Testing

/// `sandbox-refresh --generate-completion-script` from the built binary: what the README tells
/// people to install.
@Suite("shell completions, as a process")
struct ShellCompletionProcessTests {
    static let subcommands = ["validate", "plan", "check", "graph", "apply", "resume", "status", "history", "snapshots", "restore", "unlock", "cron",
                              "emulator", "simulate", "scan", "mask", "schema", "bench"]

    @Test(arguments: ["bash", "zsh", "fish"])
    func theCompletionScriptNamesEverySubcommand(_ shell: String) throws {
        let directory = FileManager.default.temporaryDirectory
        let run = try MaskCommandProcessTests.run(["--generate-completion-script", shell], in: directory)
        #expect(run.status == 0, "\(run.stderr)")
        for subcommand in Self.subcommands {
            #expect(run.stdout.contains(subcommand), "\(shell) completion lacks \(subcommand)")
        }
        if shell == "bash" {
            #expect(run.stdout.contains("complete ") && run.stdout.contains("sandbox-refresh"), "a bash `complete` registration for the tool")
        }
    }
}
