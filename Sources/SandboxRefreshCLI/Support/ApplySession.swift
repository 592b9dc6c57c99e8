import ArgumentParser
import Executor
import Foundation
import Logging
import PlanGraph
import RunAssembly
import RunReports

/// How `apply` and `resume` show one plan's run: the log, the confirmation, the closing summary
/// and what went wrong. What runs is `RefreshRun`, the composition every caller shares.
struct ApplySession: Sendable {
    let log: LogOptions
    let yes: Bool
    /// Several plans share the output: lines carry the plan's name, and nothing is asked.
    let fleet: Bool
    let signals: SignalScope

    func run(file: String, options: ApplyOptions, resources: RunResources) async -> (RunOutcome, RunSummary?) {
        let compiled: CompiledPlan
        let planPath: String
        do {
            planPath = try SavedPlanInput.entry(file)
            compiled = try PlanSource.compile(path: planPath, environment: resources.environment)
        } catch let failure as PlanSource.Failure {
            PlanInput.report(failure)
            return (.invalidPlan, nil)
        } catch {
            return (.invalidPlan, nil)
        }
        let printer = ProgressPrinter(mode: (log.logFormat ?? (Terminal.stdoutIsTTY ? .text : .json)) == .json
                                        ? .jsonLines : .human(color: Terminal.useColor, live: Terminal.stdoutIsTTY && !fleet),
                                      tag: fleet ? compiled.plan.name : nil)
        let human: Bool
        if case .human = printer.mode { human = true } else { human = false }
        let (fleet, yes, signals) = (self.fleet, self.yes, self.signals)
        let hooks = ApplyHooks(
            events: printer.handle,
            notice: { message in printer.handle(RunEvent(timestamp: Date(), elapsed: 0, level: .warning, event: "journal", step: nil, message: message)) },
            prepared: { prepared in
                if human, let session = prepared.emulator {
                    let served = options.platform.sharedEmulatorURL == nil ? "served" : "running"
                    Terminal.write("Emulator: production and sandbox \(prepared.compiled.plan.sandbox.id) \(served) on \(session.baseURL) (clock ×\(session.clock.scale.formatted()))\n")
                }
                if !fleet { try await Confirmation.ask(prepared, file: file, yes: yes) }
            },
            started: { runId, resume, graph in
                if human { Terminal.write("Run \(runId): \(resume == nil ? "refreshing" : "resuming the refresh of") \(compiled.plan.sandbox.id) with scope \(graph.submitScope.wireValue)\n") }
            },
            interruption: { signals.outcome })
        let result = await RefreshRun.apply(compiled, planPath: planPath, options: options, resources: resources, logger: logger(), hooks: hooks)
        switch result {
        case .finished(let report):
            if human { Terminal.write(RunSummaryText.render(report, color: Terminal.useColor)) }
            // GitHub Actions shows this on the job's page.
            if let path = resources.environment["GITHUB_STEP_SUMMARY"], !path.isEmpty,
               !StepSummary.append(StepSummary.markdown(report.summary, artifactsDirectory: report.artifactsDirectory.path), to: path) {
                Terminal.error("warning: could not append the run summary to $GITHUB_STEP_SUMMARY (\(path))")
            }
            return (report.outcome, report.summary)
        case .alreadyRunning(let lock):
            Terminal.error("\(compiled.plan.sandbox.id) is already being refreshed by pid \(lock.holder.pid) on \(lock.holder.hostname)\(lock.runId.map { " (run \($0))" } ?? "") since \(lock.acquiredAt.formatted(.iso8601)); --no-wait given, nothing sent (exit 75)")
            return (.alreadyRunning, nil)
        case .failed(let outcome, let message):
            if !message.isEmpty { Terminal.error("error: \(fleet ? "\(file): " : "")\(message)") }
            return (outcome, nil)
        }
    }

    private func logger() -> Logger {
        let verbose = log.verbose
        var logger = Logger(label: "sandbox-refresh") { label -> any LogHandler in
            verbose ? StreamLogHandler.standardError(label: label) : SwiftLogNoOpLogHandler()
        }
        logger.logLevel = verbose ? .debug : .critical
        return logger
    }
}

/// `apply FILE.json`: a plan saved with `plan --out` runs from its entry file, refused when any
/// of its sources changed since it was reviewed.
enum SavedPlanInput {
    static func entry(_ file: String) throws -> String {
        guard file.hasSuffix(".json"), let data = FileManager.default.contents(atPath: file), let saved = SavedPlan.decode(data) else { return file }
        let changed = saved.changedSources { FileManager.default.contents(atPath: $0) }
        guard changed.isEmpty else {
            Terminal.error("error: \(file) was saved from sources that changed since: \(changed.joined(separator: ", ")); run `sandbox-refresh plan --out` again and review it")
            throw ExitCode(RunOutcome.invalidPlan.exitCode)
        }
        return saved.entry
    }
}

/// Without `--yes`, a person at a terminal reviews the plan and types `yes`.
enum Confirmation {
    /// Throws when the run must not go on (the message is already printed).
    static func ask(_ prepared: PreparedRun, file: String, yes: Bool) async throws {
        if yes { return }
        guard Terminal.stdinIsTTY else {
            Terminal.error("error: apply is non-interactive here (no terminal on stdin); review with `sandbox-refresh plan` and pass --yes")
            throw RunSetupError(.invalidPlan, "")
        }
        let sandboxId = prepared.compiled.plan.sandbox.id
        Terminal.write(PlanPreview.render(prepared.compiled.graph, source: file, color: Terminal.useColor))
        // What the sandbox would lose, read now (GET only), so the answer is an informed one.
        switch await ImpactPreview.read(prepared, logger: Logger(label: "sandbox-refresh.impact-preview") { _ in SwiftLogNoOpLogHandler() }) {
        case .success(let impact)?: Terminal.write("\n" + ImpactText.render(impact, style: Style(color: Terminal.useColor)).joined(separator: "\n") + "\n")
        case .failure(let failure)?: Terminal.error("warning: the impact could not be read (\(failure.message)); the run reads it again before submitting")
        case nil: break
        }
        Terminal.write("\nApply this plan to \(sandboxId)? Only 'yes' is accepted: ")
        guard readLine()?.trimmingCharacters(in: .whitespaces) == "yes" else {
            Terminal.error("apply cancelled; nothing was sent")
            throw RunSetupError(.interrupted, "")
        }
    }
}
