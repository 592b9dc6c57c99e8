import ArgumentParser
import Executor
import Foundation
import RunJournal
import RunReports

struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Past runs from the journal: outcome, scope, duration, refresh ids.",
        discussion: "--json prints an array of objects (see docs/operations.md). --html FILE writes a self-contained page instead: per sandbox, outcome and duration over time. --prune 30d removes runs that finished more than 30 days ago and their artifact directories.")

    @Option(help: "Only runs of this plan (its `name`).")
    var plan: String?

    @Option(help: "At most this many runs, newest first.")
    var limit: Int = 20

    @Flag(help: "A JSON array instead of the table.")
    var json = false

    @Option(help: ArgumentHelp("Write the runs as one self-contained HTML page (report.html's style) to this file instead of printing the table.", valueName: "file"))
    var html: String?

    @Option(help: "Remove runs that finished longer ago than this (30d, 12h, 2w) and their artifacts, then list what remains.")
    var prune: String?

    @OptionGroup var journalOption: JournalOption

    func run() async throws {
        let journal = try await JournalAccess.open(journalOption.journal)
        if let prune {
            guard let age = RetentionAge.parse(prune) else {
                throw ValidationError("--prune takes an age like 30d, 12h or 2w; got '\(prune)'")
            }
            let removed = try await journal.prune(finishedBefore: Date().addingTimeInterval(-age))
            Terminal.error("pruned \(removed.count) run\(removed.count == 1 ? "" : "s") finished before \(JournalAccess.timestamp(Date().addingTimeInterval(-age)))\(removed.isEmpty ? "" : ": " + removed.map(\.id).joined(separator: ", "))")
        }
        let rows = try await journal.history(planName: plan, limit: max(limit, 1))
        if let html {
            let runs = rows.map {
                HistoryReportHTML.Run(runId: $0.runId, plan: $0.plan, sandboxId: $0.sandboxId, outcome: $0.outcome, exitCode: $0.exitCode, scope: $0.scope,
                                      startedAt: $0.startedAt, durationSeconds: $0.durationSeconds, refreshIds: $0.refreshIds, emulated: $0.emulated)
            }
            do {
                try Data(HistoryReportHTML.render(runs, generatedAt: Date()).utf8).write(to: URL(fileURLWithPath: html), options: .atomic)
            } catch {
                Terminal.error("error: cannot write --html \(html): \(error.localizedDescription)")
                throw ExitCode.failure
            }
            Terminal.error("wrote \(rows.count) run\(rows.count == 1 ? "" : "s") to \(html)")
        } else if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            Terminal.write(String(decoding: try encoder.encode(rows), as: UTF8.self) + "\n")
        } else {
            Terminal.write(HistoryTable.render(rows, color: Terminal.useColor))
        }
    }
}
