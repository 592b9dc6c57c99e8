import Executor
import Foundation
import PlanGraph

/// The views of a finished run that `apply`, the simulation and the tests hand the executor
/// (`RunContext.views`): junit.xml, validation-report.json, gates.sarif and report.html beside
/// the run's record, and each notification channel's body. Stateless: one value serves every run.
public struct RunReportViews: RunViews {
    public init() {}

    /// In the order the run directory has always had them; each view only when it has
    /// something to say, and report.html last, linking the record and every view before it.
    public func artifacts(of run: FinishedRun) -> [RenderedArtifact] {
        let summary = run.summary, state = run.state
        var files = [RenderedArtifact(name: "junit.xml", text: JUnitReport.render(summary: summary, state: state))]
        if !state.validationErrors.isEmpty || state.validatedFlows > 0 {
            files.append(RenderedArtifact(name: "validation-report.json", contents: ValidationReport(state: state, flowCommits: run.flowCommits).json))
        }
        if GatesSARIF.hasFindings(state) {
            files.append(RenderedArtifact(name: "gates.sarif", text: GatesSARIF.render(summary: summary, state: state, flowCommits: run.flowCommits, planPath: run.planPath)))
        }
        let linked = run.recordFiles + files.map(\.name)
        files.append(RenderedArtifact(name: "report.html", text: RunReportHTML.render(.init(
            summary: summary, state: state, flowCommits: run.flowCommits, events: run.events, droppedEvents: run.droppedEvents, artifacts: linked))))
        return files
    }

    public func notificationBody(_ notice: RunNotice, for channel: NotificationChannel) -> Data {
        NotificationBody.encode(notice, for: channel)
    }
}
