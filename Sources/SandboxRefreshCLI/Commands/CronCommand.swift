import ArgumentParser
import Foundation
import RefreshPlan
import RunJournal

struct CronCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cron",
        abstract: "Print crontab lines for the plans' `schedule`, each running a non-interactive apply.",
        discussion: """
            Each line runs `apply FILE --yes --no-wait --log-format json` with absolute paths and appends its output to \
            <log-dir>/<plan>.log. Plans without a schedule are listed as comments. Nothing is installed: review the output, \
            then `(crontab -l 2>/dev/null; sandbox-refresh cron specs/*.yaml) | crontab -`. See docs/operations.md.
            """)

    @Argument(help: "Plan files.", completion: .file(extensions: ["yaml", "yml"]))
    var files: [String]

    @Option(help: "The sandbox-refresh binary cron runs (default: this one).")
    var binary: String?

    @Option(help: "Where the logs go (default: .sandbox-refresh/logs under the current directory).")
    var logDir: String?

    @Option(help: "The run journal the scheduled runs use. Default: $SANDBOX_REFRESH_JOURNAL, else .sandbox-refresh/journal.sqlite.")
    var journal: String?

    func run() throws {
        let cwd = FileManager.default.currentDirectoryPath
        func absolute(_ path: String) -> String {
            URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: cwd, isDirectory: true)).standardizedFileURL.path
        }
        var entries: [CrontabRenderer.Entry] = []
        for file in files {
            // A shared base (`abstract: true`) is not a plan to schedule; `cron specs/*.yaml` skips it.
            if PlanLoader(environment: [:]).load(path: file).isAbstract { continue }
            // Same diagnostics as `validate`: an invalid schedule is a plan error (exit 2).
            let plan = try PlanInput.compile(path: file).plan
            entries.append(.init(planName: plan.name, planPath: absolute(file), expression: plan.schedule?.expression, timezone: plan.schedule?.timezone))
        }
        let executable = binary ?? Bundle.main.executablePath ?? CommandLine.arguments[0]
        let renderer = CrontabRenderer(
            binary: absolute(executable), workingDirectory: cwd,
            journal: Self.journalForCron(JournalAccess.argument(journal), absolute: absolute),
            logDirectory: absolute(logDir ?? ".sandbox-refresh/logs"), hostTimeZone: TimeZone.current.identifier)
        Terminal.write(renderer.render(entries, invocation: (["sandbox-refresh", "cron"] + CommandLine.arguments.dropFirst(2)).joined(separator: " ")))
    }

    /// A file journal is made absolute (cron runs elsewhere); a server URL is kept as given.
    static func journalForCron(_ text: String, absolute: (String) -> String) -> String {
        if case .file(let path)? = try? JournalLocation.parse(text) { return absolute(path) }
        return text
    }
}
