import EmulatorCore
import Executor
import Foundation
import GenesysWire
import Timekeeping

/// The run-level invariants: what the executor reports and writes, against what happened.
extension InvariantMonitor {
    func runStarted(_ participant: Int) {
        let now = clock.now
        state.withLock {
            $0.runs[participant]?.startedAt = now
            $0.runs[participant]?.processStartedAt = now
        }
    }

    func event(_ event: RunEvent, participant: Int) {
        let now = clock.now
        state.withLock { state in
            let text = ([event.message] + event.fields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }).joined(separator: " ")
            if let leak = state.leaks.scan(text) {
                violate(&state, .noSecretOrPII, participant, "\(leak) in run event \(event.event)", key: event.event)
            }
            switch event.event {
            case "gate.passed", "refresh.completed":
                checkCompleted(&state, participant, what: "event \(event.event)")
            case "run.finished":
                state.runs[participant]?.finished.append(event)
                if event.fields["outcome"] == RunOutcome.success.rawValue { checkCompleted(&state, participant, what: "success") }
            case "submit.conflict":
                state.runs[participant]?.lockEntries += 1
            case "impact.protected":
                state.runs[participant]?.snapshotPending = true
            case "snapshot.complete":
                state.runs[participant]?.snapshotPending = false
            case "submit":
                if state.runs[participant]?.snapshotPending == true {
                    violate(&state, .snapshotBeforeSubmission, participant, "submitting while the snapshot of the objects at risk is not complete")
                }
            case "step.started":
                guard let step = event.step else { break }
                state.runs[participant]?.stepStarts[step] = now
                if step.hasPrefix("poll.") { state.runs[participant]?.pollSteps += 1 }
            case "step.finished", "step.failed":
                guard let step = event.step, step.hasPrefix("poll."), let run = state.runs[participant], let start = run.stepStarts[step] else { break }
                let took = start.duration(to: now)
                if took > run.plan.refresh.maxWait + Self.pollSlack {
                    violate(&state, .boundedDuration, participant, "\(step) took \(took.formattedSeconds), maxWait is \(run.plan.refresh.maxWait.formattedSeconds)")
                }
            default:
                break
            }
        }
    }

    /// The run returned: one outcome, the matching exit code everywhere, within its budgets, and
    /// artifacts free of secrets and customer data.
    func runFinished(_ report: RunReport, participant: Int) {
        let now = clock.now
        let duplicates = Self.duplicateNames(in: emulator.world, sandboxId: report.summary.sandboxId)
        var files: [(String, String)] = []
        for name in report.artifacts {
            let url = report.artifactsDirectory.appendingPathComponent(name)
            if let data = FileManager.default.contents(atPath: url.path) { files.append((name, String(decoding: data, as: UTF8.self))) }
        }
        state.withLock { state in
            guard let run = state.runs[participant] else { return }
            if !duplicates.isEmpty {
                violate(&state, .noDuplicateCreate, participant, "the sandbox holds several objects named \(duplicates.joined(separator: ", "))", key: duplicates.joined())
            }
            let expected: Set<RunOutcome> = [.success, .preflightFailed, .lockNotAcquired, .refreshFailed, .timedOut, .validationGateFailed, .piiGateFailed, .apiError]
            if !expected.contains(report.outcome) {
                violate(&state, .oneDocumentedOutcome, participant, "outcome \(report.outcome.rawValue) cannot happen in an uninterrupted run with a working journal")
            }
            if run.finished.count != 1 {
                violate(&state, .oneDocumentedOutcome, participant, "\(run.finished.count) run.finished events")
            }
            for event in run.finished where event.fields["outcome"] != report.outcome.rawValue || event.fields["exitCode"] != String(report.outcome.exitCode) {
                violate(&state, .oneDocumentedOutcome, participant, "run.finished says \(event.fields["outcome"] ?? "-")/\(event.fields["exitCode"] ?? "-"), the report \(report.outcome.rawValue)/\(report.outcome.exitCode)")
            }
            if report.summary.outcome != report.outcome.rawValue || report.summary.exitCode != report.outcome.exitCode {
                violate(&state, .oneDocumentedOutcome, participant, "run summary says \(report.summary.outcome)/\(report.summary.exitCode)")
            }
            // Every process of a crashed run may wait for the lock again; the time it lay dead counts too.
            let budget = run.plan.lock.waitTimeout * run.lockEntries + run.plan.refresh.maxWait * max(run.pollSteps, 1) + Self.runSlack + run.downtime
            let took = run.startedAt.duration(to: now)
            if took > budget {
                violate(&state, .boundedDuration, participant, "the run took \(took.formattedSeconds), its budget is \(budget.formattedSeconds)")
            }
            for (name, text) in files {
                if let leak = state.leaks.scan(text) { violate(&state, .noSecretOrPII, participant, "\(leak) in artifact \(name)", key: name) }
                if name == "run.json", let summary = try? WireCoding.decode(RunSummary.self, from: Data(text.utf8)),
                   summary.outcome != report.outcome.rawValue || summary.exitCode != report.outcome.exitCode {
                    violate(&state, .oneDocumentedOutcome, participant, "run.json says \(summary.outcome)/\(summary.exitCode), the run ended \(report.outcome.rawValue)")
                }
            }
            for sandbox in Set(state.runs.values.map(\.plan.sandbox.id)) { checkOwnership(&state, sandboxId: sandbox) }
            checkSubmissions(&state, participant, report)
            // The emulator records every request but a GET that reached production, refused or not.
            for write in emulator.productionWrites() {
                violate(&state, .productionReadOnly, nil, "\(write.method) \(write.path) reached production (HTTP \(write.status.map(String.init) ?? "-"))",
                        key: write.correlationId)
            }
        }
    }
}

extension InvariantMonitor {
    /// Names that more than one object of a kind carries in the sandbox (flows by name and type).
    static func duplicateNames(in world: World, sandboxId: String) -> [String] {
        guard let sandbox = world.sandboxes.first(where: { $0.name == sandboxId }) else { return [] }
        func repeated(_ kind: String, _ names: [String]) -> [String] {
            Dictionary(grouping: names.map { $0.lowercased() }, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted().map { "\(kind) '\($0)'" }
        }
        return repeated("queue", sandbox.queues.map(\.name)) + repeated("wrap-up code", sandbox.wrapupCodes.compactMap(\.name))
            + repeated("schedule", sandbox.schedules.compactMap(\.name)) + repeated("data table", sandbox.dataTables.map(\.name))
            + repeated("flow", sandbox.flows.map { "\($0.flow.type?.wireValue ?? "-") \($0.flow.name)" })
    }
}
