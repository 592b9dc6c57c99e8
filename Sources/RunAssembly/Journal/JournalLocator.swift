import Foundation
import Logging
import PostgresJournal
import RunJournal
import Timekeeping

/// Where the journal is, with one resolution for every command: `--journal`, else
/// `SANDBOX_REFRESH_JOURNAL`, else `.sandbox-refresh/journal.sqlite`; a `postgres://` URL opens
/// the shared server journal, anything else is a SQLite file.
public enum JournalLocator {
    /// The journal argument as given (a URL keeps its form, so that a resume names it as is).
    public static func argument(_ explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        RunJournal.resolvePath(explicit: explicit, environment: environment)
    }

    /// Opens `text`; errors are `RunJournal.OpenError`s an operator can act on.
    /// `durable: false` skips the flush per write (the simulation: its crashes are cancelled
    /// tasks, never power losses); a server journal is always durable.
    /// `waiting` hears of each attempt a server journal's server refused for want of a
    /// connection, while the wait (`?connectWait=`) lasts.
    public static func store(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment,
                             durable: Bool = true, waiting: @escaping @Sendable (JournalWaitEvent) -> Void = { _ in }) async throws -> any JournalStore {
        switch try JournalLocation.parse(text) {
        case .file(let path):
            return try RunJournal(path: path, durable: durable)
        case .postgres(let url):
            return try await PostgresJournal.open(url, environment: environment, waiting: waiting)
        }
    }

    /// The file a journal argument names when it names one that does not exist: "nothing was
    /// applied from here yet" for the inspection commands.
    public static func missingFile(_ text: String) -> String? {
        guard case .file(let path)? = try? JournalLocation.parse(text), !FileManager.default.fileExists(atPath: path) else { return nil }
        return path
    }

    /// A journal argument fit for messages: a server URL without any credentials.
    public static func redacted(_ text: String) -> String {
        guard case .postgres(let url)? = try? JournalLocation.parse(text),
              var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return text }
        components.password = nil
        components.queryItems = components.queryItems?.filter { $0.name != "password" }
        return components.string ?? "the PostgreSQL journal"
    }

    /// Why a journal could not be used, in words an operator can act on.
    public static func reason(_ error: any Error) -> String {
        PostgresJournal.reason(error)
    }

    /// A wait for a journal connection as the fields of its `journal.waiting` event.
    public static func fields(_ event: JournalWaitEvent) -> [String: String] {
        ["reason": event.reason.rawValue, "detail": event.detail, "waited": event.waited.formattedSeconds,
         "retryIn": event.retryIn.formattedSeconds, "connectWait": event.limit.formattedSeconds]
    }

    /// Logs a wait for a journal connection as the `journal.waiting` event, with its reason.
    public static func logWaiting(_ logger: Logger) -> @Sendable (JournalWaitEvent) -> Void {
        { event in
            var metadata: Logger.Metadata = ["event": "journal.waiting"]
            for (key, value) in fields(event) { metadata[key] = "\(value)" }
            logger.warning("\(event.message)", metadata: metadata)
        }
    }
}
