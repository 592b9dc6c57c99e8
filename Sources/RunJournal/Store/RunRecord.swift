import Executor
import Foundation
import GRDB

/// One row of `run`: what `status`, `history` and resume read.
public struct RunRecord: Sendable, Hashable, Codable {
    public var id: String
    public var planName: String
    public var planPath: String
    public var sandboxId: String
    public var scope: String
    public var pid: Int32
    public var hostname: String
    public var artifactsDirectory: String
    public var startedAt: Date
    public var updatedAt: Date
    public var finishedAt: Date?
    public var outcome: RunOutcome?
    public var exitCode: Int32?
    public var message: String?
    public var currentStep: String?
    public var attempts: Int
    public var emulated: Bool
    /// The shared emulator (`apply --emulator URL`) a rehearsal ran against; nil for `--emulate`.
    public var emulatorURL: String?

    /// Unfinished runs are resumable; so are interrupted ones, whose platform job was left running.
    public var isResumable: Bool { outcome.map(\.isInterruption) ?? true }

    public init(id: String, planName: String, planPath: String, sandboxId: String, scope: String, pid: Int32, hostname: String,
                artifactsDirectory: String, startedAt: Date, updatedAt: Date, finishedAt: Date?, outcome: RunOutcome?, exitCode: Int32?,
                message: String?, currentStep: String?, attempts: Int, emulated: Bool, emulatorURL: String?) {
        self.id = id
        self.planName = planName
        self.planPath = planPath
        self.sandboxId = sandboxId
        self.scope = scope
        self.pid = pid
        self.hostname = hostname
        self.artifactsDirectory = artifactsDirectory
        self.startedAt = startedAt
        self.updatedAt = updatedAt
        self.finishedAt = finishedAt
        self.outcome = outcome
        self.exitCode = exitCode
        self.message = message
        self.currentStep = currentStep
        self.attempts = attempts
        self.emulated = emulated
        self.emulatorURL = emulatorURL
    }

    init(row: Row) {
        id = row["id"]
        planName = row["plan_name"]
        planPath = row["plan_path"]
        sandboxId = row["sandbox_id"]
        scope = row["scope"]
        pid = row["pid"]
        hostname = row["hostname"]
        artifactsDirectory = row["artifacts_dir"]
        startedAt = Date(timeIntervalSince1970: row["started_at"])
        updatedAt = Date(timeIntervalSince1970: row["updated_at"])
        finishedAt = (row["finished_at"] as Double?).map(Date.init(timeIntervalSince1970:))
        outcome = (row["outcome"] as String?).flatMap(RunOutcome.init(rawValue:))
        exitCode = row["exit_code"]
        message = row["message"]
        currentStep = row["current_step"]
        attempts = row["attempts"]
        emulated = row["emulated"]
        emulatorURL = row["emulator_url"]
    }
}

/// One journaled entry as stored, decoded back.
public struct StoredEntry: Sendable, Hashable {
    public var seq: Int64
    public var runId: String
    public var sandboxId: String?
    public var at: Date
    public var entry: JournalEntry

    /// Decodes a stored body; nil for one this version cannot read.
    public init?(seq: Int64, runId: String, sandboxId: String?, at: Date, body: String) {
        guard let data = body.data(using: .utf8), let entry = try? JSONDecoder().decode(JournalEntry.self, from: data) else { return nil }
        self.seq = seq
        self.runId = runId
        self.sandboxId = sandboxId
        self.at = at
        self.entry = entry
    }

    init?(row: Row) {
        guard let body = (row["body"] as String?).flatMap({ $0.data(using: .utf8) }),
              let entry = try? JSONDecoder().decode(JournalEntry.self, from: body) else { return nil }
        seq = row["seq"]
        sandboxId = row["sandbox_id"]
        runId = row["run_id"]
        at = Date(timeIntervalSince1970: row["at"])
        self.entry = entry
    }
}
