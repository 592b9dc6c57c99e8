import ArgumentParser
import Foundation
import PostgresJournal
import RunJournal

/// Opens the journal for every command, with one resolution: `--journal`, else
/// `SANDBOX_REFRESH_JOURNAL`, else `.sandbox-refresh/journal.sqlite`; a `postgres://` URL opens
/// the shared server journal, anything else is a SQLite file.
enum JournalAccess {
    /// The journal argument as given (a URL keeps its form, so that `resume` hands it on as is).
    static func argument(_ explicit: String?) -> String {
        RunJournal.resolvePath(explicit: explicit, environment: ProcessInfo.processInfo.environment)
    }

    /// Opens `text`; errors are `RunJournal.OpenError`s an operator can act on.
    static func store(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> any JournalStore {
        switch try JournalLocation.parse(text) {
        case .file(let path):
            return try RunJournal(path: path)
        case .postgres(let url):
            return try await PostgresJournal.open(url, environment: environment)
        }
    }

    /// For the inspection commands: a missing file is "nothing applied from here yet".
    static func open(_ explicit: String?, mustExist: Bool = true) async throws -> any JournalStore {
        let text = argument(explicit)
        if mustExist, case .file(let path)? = try? JournalLocation.parse(text), !FileManager.default.fileExists(atPath: path) {
            Terminal.error("error: no run journal at \(path) (no run was applied from here yet; set --journal or \(RunJournal.environmentVariable))")
            throw ExitCode(1)
        }
        do {
            return try await store(text)
        } catch {
            Terminal.error("error: cannot open the run journal: \(error)")
            throw ExitCode(1)
        }
    }

    /// A journal argument fit for messages: a server URL without any credentials.
    static func redacted(_ text: String) -> String {
        guard case .postgres(let url)? = try? JournalLocation.parse(text),
              var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return text }
        components.password = nil
        components.queryItems = components.queryItems?.filter { $0.name != "password" }
        return components.string ?? "the PostgreSQL journal"
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
