import Executor
import Foundation
import RunAssembly

/// The end of a fleet's output: a table of every plan's run, or the last JSON line.
enum FleetSummaryText {
    static func table(_ results: [FleetResult], wall: Double) -> String {
        var rows = [["plan", "sandbox", "run", "outcome", "exit", "duration", "refresh"]]
        for result in results {
            rows.append([result.run?.plan ?? result.planFile, result.run?.sandboxId ?? "-", result.run?.runId ?? "-", result.outcome.rawValue,
                         "\(result.outcome.exitCode)", JournalAccess.duration(result.seconds), result.run?.refreshIds.joined(separator: ",") ?? "-"])
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        var text = "\nFleet: \(results.count) plan\(results.count == 1 ? "" : "s") in \(JournalAccess.duration(wall))\n"
        for row in rows {
            let line = "  " + row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
            text += line.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) + "\n"
        }
        let worst = FleetPolicy.mostSevere(results.map(\.outcome))
        text += "  exit \(worst.exitCode) (\(worst.rawValue)): the most severe outcome\n"
        return text
    }

    /// The last line of the JSON-lines stream.
    static func jsonLine(_ results: [FleetResult], outcome: RunOutcome) -> String {
        struct Line: Encodable {
            struct Plan: Encodable { var plan: String; var file: String; var sandboxId: String?; var runId: String?; var outcome: String; var exitCode: Int32; var seconds: Double; var refreshIds: [String] }
            var event = "fleet.summary"
            var outcome: String
            var exitCode: Int32
            var plans: [Plan]
        }
        let line = Line(outcome: outcome.rawValue, exitCode: outcome.exitCode, plans: results.map {
            .init(plan: $0.run?.plan ?? $0.planFile, file: $0.planFile, sandboxId: $0.run?.sandboxId, runId: $0.run?.runId, outcome: $0.outcome.rawValue,
                  exitCode: $0.outcome.exitCode, seconds: ($0.seconds * 10).rounded() / 10, refreshIds: $0.run?.refreshIds ?? [])
        })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(line), as: UTF8.self)) ?? "{}"
    }
}
