/// A finished run's record as the views read it: run.json's summary, the state the handlers
/// built, the commits behind failing flows, and the run's events (for the timeline).
public struct FinishedRun: Sendable {
    public var summary: RunSummary
    public var state: RunState
    /// Per failing flow, the commit that last touched its file in `sourceRepository`.
    public var flowCommits: [FlowCommit]
    public var events: [RunEvent]
    /// Events the bounded log let go (the oldest), so a page can say that it lacks them.
    public var droppedEvents: Int
    /// The plan file as given: where a SARIF result with no file of its own is placed.
    public var planPath: String
    /// The record's files already in the run's directory, in the order written.
    public var recordFiles: [String]

    public init(summary: RunSummary, state: RunState, flowCommits: [FlowCommit] = [], events: [RunEvent] = [], droppedEvents: Int = 0,
                planPath: String = "", recordFiles: [String] = []) {
        self.summary = summary
        self.state = state
        self.flowCommits = flowCommits
        self.events = events
        self.droppedEvents = droppedEvents
        self.planPath = planPath
        self.recordFiles = recordFiles
    }
}
