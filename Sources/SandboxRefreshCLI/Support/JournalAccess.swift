import ArgumentParser
import Foundation
import RunAssembly
import RunJournal

/// The journal as the inspection commands open it (`JournalLocator` resolves and opens; this
/// says what went wrong), and how its times read in tables.
enum JournalAccess {
    /// For the inspection commands: a missing file is "nothing applied from here yet".
    static func open(_ explicit: String?, mustExist: Bool = true) async throws -> any JournalStore {
        let text = JournalLocator.argument(explicit)
        if mustExist, let path = JournalLocator.missingFile(text) {
            Terminal.error("error: no run journal at \(path) (no run was applied from here yet; set --journal or \(RunJournal.environmentVariable))")
            throw ExitCode(1)
        }
        do {
            // A full server is waited out (`?connectWait=`), and said so: an operator reading
            // `status` learns why it is slow, and that runners see the same.
            return try await JournalLocator.store(text, waiting: { Terminal.error("journal: \($0.message)") })
        } catch {
            Terminal.error("error: cannot open the run journal: \(error)")
            throw ExitCode(1)
        }
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false).timeZone(separator: .omitted))
    }

    static func duration(_ seconds: Double?) -> String {
        guard let seconds else { return "-" }
        let total = Int(seconds.rounded())
        if total >= 3600 { return "\(total / 3600)h\(String(format: "%02d", (total / 60) % 60))m" }
        if total >= 60 { return "\(total / 60)m\(String(format: "%02d", total % 60))s" }
        return "\(total)s"
    }
}
