import Foundation
import PlanGraph

/// What is made of a finished run's record for people and CI: test reports, code-scanning
/// results, pages, chat messages. The executor writes the record itself (run.json,
/// payload.json, statuses.json) and hands it here; the views live in a module of their own
/// (`RunReports.RunReportViews`), so the executor depends on no report format. Whoever builds a
/// `RunContext` passes them: a run given no views would silently lose junit.xml and report.html.
public protocol RunViews: Sendable {
    /// The files to write beside the record, in the order they are written (`report.html` last,
    /// as it links the others). A view that has nothing to say for this run is not listed.
    func artifacts(of run: FinishedRun) -> [RenderedArtifact]

    /// The request body a notification channel receives for `notice`.
    func notificationBody(_ notice: RunNotice, for channel: NotificationChannel) -> Data
}

/// One file rendered from a run's record: its name in the run's directory and its bytes.
public struct RenderedArtifact: Sendable, Hashable {
    public var name: String
    public var contents: Data

    public init(name: String, contents: Data) {
        self.name = name
        self.contents = contents
    }

    public init(name: String, text: String) {
        self.init(name: name, contents: Data(text.utf8))
    }
}
