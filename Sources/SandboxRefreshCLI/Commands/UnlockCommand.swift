import ArgumentParser
import Foundation
import RunJournal

struct UnlockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unlock",
        abstract: "Release a sandbox's local run lock held by a process that cannot be checked (another host) or is stuck.",
        discussion: """
            On a PostgreSQL journal the holder's database session is ended too, which releases its advisory lock \
            (the holder notices at its next heartbeat). Only the lock is removed; a refresh already running on the platform keeps running \
            (the next apply adopts or waits for it). Who (USER@hostname) and why are recorded in the journal. A lock whose \
            process died on this host needs no unlock: the next apply takes it over.
            """)

    @Argument(help: "The sandbox id (the plan's sandbox.id).")
    var sandbox: String

    @Flag(help: "Required: confirms that the holder is really gone or must be overridden.")
    var force = false

    @Option(help: "Why, for the journal's audit trail.")
    var reason: String

    @OptionGroup var journalOption: JournalOption

    func validate() throws {
        if reason.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--reason must say why the lock is removed") }
    }

    func run() async throws {
        let journal = try await JournalAccess.open(journalOption.journal)
        guard let held = try await journal.lock(sandboxId: sandbox) else {
            await journal.close()
            Terminal.write("\(sandbox) has no run lock in \(journal.location); nothing to do\n")
            return
        }
        let who = "pid \(held.holder.pid) on \(held.holder.hostname)\(held.runId.map { " (run \($0))" } ?? "")\(held.jobURL.map { " in \($0)" } ?? ""), since \(JournalAccess.timestamp(held.acquiredAt))"
        guard force else {
            await journal.close()
            Terminal.error("\(sandbox) is locked by \(who). If that process is gone or must be overridden, repeat with --force.")
            throw ExitCode(1)
        }
        let environment = ProcessInfo.processInfo.environment
        let user = environment["USER"] ?? environment["LOGNAME"] ?? "unknown"
        try await journal.forceUnlock(sandboxId: sandbox, user: user, hostname: ProcessInfo.processInfo.hostName, reason: reason, at: Date())
        await journal.close()
        Terminal.write("removed the local lock of \(sandbox) held by \(who); recorded as \(user)@\(ProcessInfo.processInfo.hostName): \(reason)\n")
    }
}
