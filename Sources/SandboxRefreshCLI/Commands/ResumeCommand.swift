import ArgumentParser
import Executor
import Foundation
import PlanGraph
import RunAssembly
import RunJournal

struct ResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Resume an unfinished run from the journal, with the same run id, without resubmitting its refresh.",
        discussion: """
            A submission journaled as about to be sent but without a refresh id is reconciled by listing the sandbox's \
            refreshes for the run id first; a known refresh is polled again, even one that COMPLETED or FAILED meanwhile. \
            Exit codes are those of apply.
            """)

    @Argument(help: "The run id (see `status` or `history`).")
    var runId: String

    @OptionGroup var confirm: ConfirmOptions

    @OptionGroup var log: LogOptions

    @OptionGroup var journalOption: JournalOption

    @Option(help: "For a run rehearsed against a shared emulator (`apply --emulator URL`): the same URL (default: the one the run used).")
    var emulator: String?

    @Option(help: "The sandbox, when one run id refreshed several (a CI pipeline's id shared by its jobs).")
    var sandbox: String?

    func run() async throws {
        Terminal.keepRunningWithoutOutput()
        let opened = try await JournalAccess.open(journalOption.journal)
        let candidates = try await opened.runs(id: runId).filter { sandbox == nil || $0.sandboxId == sandbox }
        await opened.close()
        guard let record = candidates.first else {
            Terminal.error("error: no run \(RunIdGrammar.quoted(runId))\(sandbox.map { " of \($0)" } ?? "") in the journal \(opened.location)")
            throw ExitCode(1)
        }
        guard candidates.count == 1 else {
            Terminal.error("error: run \(runId) refreshed several sandboxes (\(candidates.map(\.sandboxId).joined(separator: ", "))); name one with --sandbox")
            throw ExitCode(1)
        }
        guard record.isResumable else {
            Terminal.error("run \(runId) already ended: \(record.outcome?.rawValue ?? "?") (exit \(record.exitCode.map(String.init) ?? "?")); nothing to resume")
            throw ExitCode(1)
        }
        // The same run as apply's, told which run to take up: one code path for fresh and resumed runs.
        var options = ApplyOptions(waitForLock: !confirm.noWait, onlyRunId: runId)
        if let url = emulator ?? record.emulatorURL {
            options.platform = .sharedEmulator(url: url, expectedScale: nil)
        } else if record.emulated {
            // A private --emulate emulator ended with its process, so its refresh is gone: the
            // rehearsal continues in a new one (a shared emulator is resumed with --emulator URL).
            Terminal.error("note: run \(runId) was a rehearsal; it continues against a new built-in emulator (use --emulator URL for a shared one)")
            options.platform = .privateEmulator(seed: 1, faultsFile: nil, timeScale: 30)
        }
        let environment = ProcessInfo.processInfo.environment
        let proposed = (try? RunIdentity.resolve(explicit: nil, environment: environment)) ?? (id: runId, chosen: true)
        let resources = RunResources(journalArgument: JournalLocator.argument(journalOption.journal, environment: environment), environment: environment,
                                     proposedRunId: ProposedRunId(id: proposed.id, chosen: proposed.chosen))
        let chosen = options
        let signals = SignalScope()
        let session = ApplySession(log: log, yes: confirm.yes, fleet: false, signals: signals)
        let (outcome, _) = await signals.run { await session.run(file: record.planPath, options: chosen, resources: resources) }
        await resources.close()
        if outcome != .success { throw ExitCode(outcome.exitCode) }
    }
}
