import Executor
import Foundation
import GenesysClient
import PostgresJournal
import RefreshPlan
import RunJournal
import Synchronization
import Timekeeping

/// `apply specs/*.yaml --parallel N`: many plans in one process, sharing one journal connection
/// and one rate budget per client id, with a summary at the end and the most severe outcome as
/// the exit code.
enum FleetApply {
    struct Result: Sendable {
        var planFile: String
        var outcome: RunOutcome
        var seconds: Double
        var run: RunSummary?
    }

    static func isDirectory(_ path: String) -> Bool { PlanFiles.isDirectory(path) }

    /// Files as given, directories as their `*.yaml`/`*.yml` plans (sorted); shared bases
    /// (`abstract: true`) are skipped when more than one plan is given, as `cron` does.
    static func expand(_ arguments: [String]) throws -> [String] {
        let files: [String]
        do { files = try PlanFiles.expand(arguments) } catch let empty as PlanFiles.Empty { throw ExpandError(description: empty.description) }
        guard files.count > 1 || arguments.contains(where: isDirectory) else { return files }
        let plans = files.filter { !PlanLoader(environment: [:]).load(path: $0).isAbstract }
        guard !plans.isEmpty else { throw ExpandError(description: "no plan to apply among \(arguments.joined(separator: " ")) (only shared bases)") }
        return plans
    }

    struct ExpandError: Error, CustomStringConvertible { var description: String }

    /// The most severe outcome decides the exit code: a stopped process first (the operator or
    /// the CI system ended it), then a defect of the tool, then what needs a person (a broken plan or journal, the API,
    /// credentials, the lock), then failed refreshes and gates, a timeout, a sandbox another
    /// process holds, and success.
    static let severityOrder: [RunOutcome] = [
        .terminated, .interrupted, .internalError, .invalidPlan, .journalFailed, .apiError, .preflightFailed, .lockNotAcquired,
        .refreshFailed, .piiGateFailed, .validationGateFailed, .timedOut, .alreadyRunning, .success,
    ]

    static func mostSevere(_ outcomes: [RunOutcome]) -> RunOutcome {
        outcomes.min { (severityOrder.firstIndex(of: $0) ?? 0) < (severityOrder.firstIndex(of: $1) ?? 0) } ?? .success
    }

    static func summary(_ results: [Result], wall: Double) -> String {
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
        let worst = mostSevere(results.map(\.outcome))
        text += "  exit \(worst.exitCode) (\(worst.rawValue)): the most severe outcome\n"
        return text
    }

    /// The last line of the JSON-lines stream.
    static func summaryJSONLine(_ results: [Result], outcome: RunOutcome) -> String {
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

    /// What the plans of one process share: the journal (opened once, on first use, so that a
    /// broken plan is reported before a broken journal), the rate budgets, and each plan's run.
    final class Shared: Sendable {
        let journalArgument: String
        let environment: [String: String]
        let proposedRunId: (id: String, chosen: Bool)
        private let opener = JournalOpener()
        private let runs = Mutex<[String: RunSummary]>([:])

        init(journalArgument: String, environment: [String: String], proposedRunId: (id: String, chosen: Bool)) {
            self.journalArgument = journalArgument
            self.environment = environment
            self.proposedRunId = proposedRunId
        }

        func journal() async throws -> any JournalStore {
            try await opener.open(journalArgument, environment: environment)
        }

        /// One budget per API host and client id: in this process (a file journal), or shared
        /// with every runner through the server (a PostgreSQL journal).
        func budgets(clock: any InjectedClock) async -> SharedBudgets {
            await opener.budgets(clock: clock)
        }

        func record(_ summary: RunSummary, of file: String) { runs.withLock { $0[file] = summary } }
        func lastRun(of file: String) -> RunSummary? { runs.withLock { $0[file] } }

        func close() async { await opener.close() }
    }

    private actor JournalOpener {
        private var store: (any JournalStore)?
        private var failure: (any Error)?
        private var shared: SharedBudgets?

        func open(_ argument: String, environment: [String: String]) async throws -> any JournalStore {
            if let store { return store }
            if let failure { throw failure }
            do {
                let opened = try await JournalAccess.store(argument, environment: environment)
                store = opened
                return opened
            } catch {
                failure = error
                throw error
            }
        }

        func budgets(clock: any InjectedClock) -> SharedBudgets {
            if let shared { return shared }
            let made: SharedBudgets
            if let server = store as? PostgresJournal {
                made = SharedBudgets { key, configuration in
                    server.sharedBudget(key: key, requestsPerMinute: configuration.requestsPerMinute, burst: configuration.burst, clock: clock)
                }
            } else {
                made = SharedBudgets(clock: clock)
            }
            shared = made
            return made
        }

        func close() async {
            await store?.close()
            store = nil
        }
    }
}
