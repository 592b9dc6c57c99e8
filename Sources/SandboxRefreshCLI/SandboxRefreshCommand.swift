import ArgumentParser
import BuildInfo
import PlanGraph

public struct SandboxRefreshCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "sandbox-refresh",
        abstract: "Keep Genesys Cloud sandboxes in sync with production, from a reviewed YAML refresh plan.",
        discussion: """
            Typical flow: `validate` a plan in review, `plan` to preview what it will do, `apply` to run it \
            (add --emulate to rehearse against the built-in emulator, no credentials needed).
            """,
        version: ToolVersion.full(commit: String(cString: sr_build_commit()), swiftVersion: String(cString: sr_build_swift_version())),
        subcommands: [
            ValidateCommand.self, PlanCommand.self, CheckCommand.self, GraphCommand.self, ApplyCommand.self, ResumeCommand.self,
            StatusCommand.self, HistoryCommand.self, SnapshotsCommand.self, RestoreCommand.self, UnlockCommand.self, CronCommand.self,
            EmulatorCommand.self, SimulateCommand.self, ScanCommand.self, MaskCommand.self, SchemaCommand.self, BenchCommand.self,
        ])

    public init() {}
}
