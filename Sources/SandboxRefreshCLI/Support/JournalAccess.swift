import ArgumentParser
import Foundation
import RunJournal

/// Opens the journal for the inspection commands, with the same resolution `apply` uses.
enum JournalAccess {
    static func open(_ explicit: String?, mustExist: Bool = true) throws -> RunJournal {
        let path = RunJournal.resolvePath(explicit: explicit, environment: ProcessInfo.processInfo.environment)
        if mustExist, !FileManager.default.fileExists(atPath: path) {
            Terminal.error("error: no run journal at \(path) (no run was applied from here yet; set --journal or \(RunJournal.environmentVariable))")
            throw ExitCode(1)
        }
        do {
            return try RunJournal(path: path)
        } catch {
            Terminal.error("error: cannot open the run journal \(path): \(error)")
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
