import Executor
import Foundation
import GRDB

/// One line of `history`, and one object of `history --json` (documented in docs/operations.md).
public struct HistoryRow: Sendable, Hashable, Codable {
    public var runId: String
    public var plan: String
    public var planPath: String
    public var sandboxId: String
    /// A `RunOutcome` raw value, or `unfinished`.
    public var outcome: String
    public var exitCode: Int32?
    public var scope: String
    public var startedAt: Date
    public var finishedAt: Date?
    public var durationSeconds: Double?
    public var refreshIds: [String]
    public var attempts: Int
    public var emulated: Bool
}

extension JournalStore {
    public func history(planName: String? = nil, limit: Int? = nil) async throws -> [HistoryRow] {
        var rows: [HistoryRow] = []
        for run in try await runs(planName: planName, limit: limit) {
            rows.append(HistoryRow(runId: run.id, plan: run.planName, planPath: run.planPath, sandboxId: run.sandboxId,
                                   outcome: run.outcome?.rawValue ?? "unfinished", exitCode: run.exitCode, scope: run.scope,
                                   startedAt: run.startedAt, finishedAt: run.finishedAt,
                                   durationSeconds: run.finishedAt.map { $0.timeIntervalSince(run.startedAt) },
                                   refreshIds: try await refreshIds(runId: run.id, sandboxId: run.sandboxId), attempts: run.attempts, emulated: run.emulated))
        }
        return rows
    }

    /// Retention: removes runs that finished before `cutoff` (never unfinished or interrupted
    /// ones, which a resume still needs), their entries, and their artifact directories on this
    /// machine. Returns what went.
    @discardableResult
    public func prune(finishedBefore cutoff: Date, removeArtifacts: Bool = true) async throws -> [RunRecord] {
        let removed = try await deleteRuns(finishedBefore: cutoff)
        if removeArtifacts {
            for run in removed {
                // Only a directory named after the run: never a parent a bad row might point to.
                let url = URL(fileURLWithPath: run.artifactsDirectory)
                if url.lastPathComponent == run.id { try? FileManager.default.removeItem(at: url) }
            }
        }
        return removed
    }
}

extension RunJournal {
    public func deleteRuns(finishedBefore cutoff: Date) throws -> [RunRecord] {
        try pool.write { db -> [RunRecord] in
            let old = try Row.fetchAll(db, sql: "SELECT * FROM run WHERE finished_at IS NOT NULL AND finished_at < ? AND outcome NOT IN ('interrupted', 'terminated')",
                                       arguments: [cutoff.timeIntervalSince1970]).map(RunRecord.init(row:))
            for run in old {
                try db.execute(sql: "DELETE FROM entry WHERE run_id = ? AND sandbox_id = ?", arguments: [run.id, run.sandboxId])
                try db.execute(sql: "DELETE FROM run WHERE id = ? AND sandbox_id = ?", arguments: [run.id, run.sandboxId])
            }
            return old
        }
    }
}

/// `30d`, `12h`, `2w`, `90m`, `1d12h`: how far back `history --prune` keeps runs.
public enum RetentionAge {
    public static func parse(_ text: String) -> TimeInterval? {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604_800]
        var total = 0.0
        var digits = ""
        for character in text.trimmingCharacters(in: .whitespaces).lowercased() {
            if character.isNumber {
                digits.append(character)
            } else if let unit = units[character], let value = Double(digits) {
                total += value * unit
                digits = ""
            } else {
                return nil
            }
        }
        return digits.isEmpty && total > 0 ? total : nil
    }
}
