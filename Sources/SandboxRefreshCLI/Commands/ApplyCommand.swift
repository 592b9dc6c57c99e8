import ArgumentParser
import Executor
import Foundation
import PlanGraph
import RunAssembly

struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Run a refresh plan end to end: preflight, lock, submit, poll, gates, artifacts.",
        discussion: """
            Exit codes: \(RunOutcome.allCases.map { "\($0.exitCode) \($0.rawValue)" }.joined(separator: ", ")).
            Without --yes on a terminal the preview is shown and confirmation asked; non-interactive runs need --yes.
            Every run is journaled (--journal, SANDBOX_REFRESH_JOURNAL, default .sandbox-refresh/journal.sqlite); an \
            unfinished run of the same plan and sandbox is resumed with its run id instead of starting a new one. \
            Two runs on one sandbox never overlap: the second waits, or exits 75 with --no-wait. See docs/operations.md.
            """)

    @Argument(help: "A plan file, a plan saved with `plan --out`, or several plans or a directory of them (a fleet: see --parallel).",
              completion: .file(extensions: ["yaml", "yml", "json"]))
    var files: [String]

    @Option(help: "With several plans: how many run at once in this process (they share one journal and one rate budget per client id).")
    var parallel: Int = 1

    @OptionGroup var runIdOption: RunIdOption

    @OptionGroup var platform: PlatformOptions

    @OptionGroup var confirm: ConfirmOptions

    @OptionGroup var log: LogOptions

    @OptionGroup var journalOption: JournalOption

    func validate() throws {
        if files.isEmpty { throw ValidationError("give a plan file (or several, or a directory of plans)") }
        guard (1...64).contains(parallel) else { throw ValidationError("--parallel must be between 1 and 64; got \(parallel)") }
    }

    func run() async throws {
        // A refresh under way outlives its log reader: output that cannot be written is dropped.
        Terminal.keepRunningWithoutOutput()
        let environment = ProcessInfo.processInfo.environment
        // One id for every plan of the run (an id is per sandbox): a CI variable that is not a
        // valid id is refused (64) before anything runs.
        let proposed: (id: String, chosen: Bool)
        do {
            proposed = try RunIdentity.resolve(explicit: runIdOption.runId, environment: environment)
        } catch {
            Terminal.error("error: \(error)")
            throw ExitCode.validationFailure
        }
        let plans: [String]
        do {
            plans = try FleetPolicy.expand(files)
        } catch {
            Terminal.error("error: \(error)")
            throw ExitCode(RunOutcome.invalidPlan.exitCode)
        }
        let fleet = FleetPolicy.isFleet(files, plans: plans)
        if fleet, !confirm.yes {
            Terminal.error("error: applying \(plans.count) plans needs --yes (review them with `sandbox-refresh plan` first)")
            throw ExitCode(RunOutcome.invalidPlan.exitCode)
        }
        let resources = RunResources(journalArgument: JournalLocator.argument(journalOption.journal, environment: environment), environment: environment,
                                     proposedRunId: ProposedRunId(id: proposed.id, chosen: proposed.chosen))
        let signals = SignalScope()
        let session = ApplySession(log: log, yes: confirm.yes, fleet: fleet, signals: signals)
        let options = ApplyOptions(platform: platform.choice, waitForLock: !confirm.noWait)
        let started = Date()
        let results = await signals.run {
            await FleetScheduler.run(plans, parallel: parallel) { file in await session.run(file: file, options: options, resources: resources) }
        }
        await resources.close()
        let worst = FleetPolicy.mostSevere(results.map(\.outcome))
        if fleet {
            let table = FleetSummaryText.table(results, wall: Date().timeIntervalSince(started))
            if (log.logFormat ?? (Terminal.stdoutIsTTY ? .text : .json)) == .json {
                Terminal.error(table)
                Terminal.write(FleetSummaryText.jsonLine(results, outcome: worst) + "\n")
            } else {
                Terminal.write(table)
            }
        }
        if worst != .success { throw ExitCode(worst.exitCode) }
    }
}
