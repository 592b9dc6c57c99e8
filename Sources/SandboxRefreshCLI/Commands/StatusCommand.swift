import ArgumentParser
import Foundation
import PlanGraph
import RunJournal

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Where a run stands: current step, refresh id, state, progress, elapsed, next action.",
        discussion: "Without RUN_ID: every unfinished run, else the most recent one. Reads the journal only; sends nothing.")

    @Argument(help: "A run id (see `history`).")
    var runId: String?

    @OptionGroup var journalOption: JournalOption

    func run() async throws {
        let journal = try await JournalAccess.open(journalOption.journal)
        defer { Task { [journal] in await journal.close() } }
        var keys: [(id: String, sandbox: String)]
        if let runId {
            keys = try await journal.runs(id: runId).map { ($0.id, $0.sandboxId) }
            guard !keys.isEmpty else {
                Terminal.error("error: no run \(RunIdGrammar.quoted(runId)) in the journal \(journal.location)")
                throw ExitCode(1)
            }
        } else {
            let recent = try await journal.runs(planName: nil, limit: 50)
            keys = recent.filter { $0.outcome == nil }.map { ($0.id, $0.sandboxId) }
            if keys.isEmpty, let latest = recent.first { keys = [(latest.id, latest.sandboxId)] }
        }
        guard !keys.isEmpty else {
            Terminal.write("no runs in the journal \(journal.location)\n")
            return
        }
        var blocks: [String] = []
        for key in keys {
            guard let status = try await journal.status(runId: key.id, sandboxId: key.sandbox) else { continue }
            blocks.append(Self.render(status))
        }
        Terminal.write(blocks.joined(separator: "\n"))
    }

    static func render(_ s: RunStatus) -> String {
        let run = s.run
        var state: String
        switch s.liveness {
        case .running:
            state = "running (pid \(s.holder?.pid ?? run.pid) on \(s.holder?.hostname ?? run.hostname), attempt \(run.attempts)"
            if let beat = s.heartbeatAt { state += ", heartbeat \(JournalAccess.timestamp(beat))" }
            state += ")"
            if let job = s.jobURL { state += "\n                CI job \(job)" }
        case .abandoned:
            state = "unfinished: no process is running it (last seen pid \(run.pid) on \(run.hostname)\(s.livenessReason.map { ": \($0)" } ?? ""))"
        case .finished: state = "finished: \(run.outcome?.rawValue ?? "?") (exit \(run.exitCode.map(String.init) ?? "?"))"
        }
        var refresh = s.lastRefreshId ?? "none yet"
        if let status = s.lastStatus {
            refresh += "  \(status) \(s.lastProgress ?? 0)%"
            if let at = s.lastObservedAt { refresh += "  (observed \(JournalAccess.timestamp(at)))" }
        }
        var lines = [
            "Run \(run.id)\(run.emulated ? " (emulated)" : "")  plan \(run.planName) (\(run.planPath))  sandbox \(run.sandboxId)",
            "  state:        \(state)",
            "  current step: \(run.currentStep ?? "-")",
            "  refresh:      \(refresh)",
            "  scope:        \(run.scope)",
            "  started:      \(JournalAccess.timestamp(run.startedAt)), elapsed \(JournalAccess.duration(s.elapsedSeconds))",
            "  next action:  \(s.nextAction)",
        ]
        if let message = run.message { lines.insert("  message:      \(message)", at: 2) }
        if s.refreshIds.count > 1 { lines.insert("  refresh ids:  \(s.refreshIds.joined(separator: ", "))", at: 4) }
        return lines.joined(separator: "\n") + "\n"
    }
}
