import Foundation
import GenesysWire
import Timekeeping

/// One refresh job, evaluated lazily: its state at any moment follows from when it started
/// and its timeline, so no background task ever runs. Events (a domain applied, failure,
/// completion) are applied by the emulator when the clock has passed them.
struct RefreshJob: Sendable {
    enum Event: Sendable, Hashable {
        case applyPhase(Int)
        case fail(String)
        case complete
    }

    enum Outcome: Sendable, Hashable {
        case completed(at: Moment)
        case failed(at: Moment, message: String)
    }

    let id: String
    let sandboxId: String
    let request: RefreshRequest
    let scope: RefreshScope
    /// The timeline runs from here.
    let start: Moment
    /// What `createdDate` shows; `backdate` moves only this, so a job can look old while
    /// still running.
    var created: Moment
    let timeline: JobTimeline
    /// Who started it: a client name, or an administrator for manual (UI) refreshes.
    let submittedBy: String
    let manual: Bool
    var events: [(offset: Duration, event: Event)]
    var nextEvent = 0
    var outcome: Outcome?
    /// A stalled job's progress never passes this.
    var stallProgress: Int?
    var customerDataCopied = false

    init(id: String, sandboxId: String, request: RefreshRequest, scope: RefreshScope, start: Moment, timeline: JobTimeline,
         submittedBy: String, manual: Bool, failure: String? = nil, stallAt: Int? = nil) {
        self.id = id
        self.sandboxId = sandboxId
        self.request = request
        self.scope = scope
        self.start = start
        self.created = start
        self.timeline = timeline
        self.submittedBy = submittedBy
        self.manual = manual
        self.stallProgress = stallAt
        var events: [(Duration, Event)] = timeline.phases.indices.map { (timeline.phaseEnd($0), .applyPhase($0)) }
        var cutoff = timeline.total
        if let stallAt {
            cutoff = timeline.offset(reaching: stallAt)
            events = events.filter { $0.0 <= cutoff }
        } else if let failure {
            // Failures hit part-way through, after some domains have already been applied.
            cutoff = timeline.offset(reaching: 60)
            events = events.filter { $0.0 < cutoff } + [(cutoff, .fail(failure))]
        } else {
            events.append((cutoff, .complete))
        }
        self.events = events
    }

    var isActive: Bool { outcome == nil }

    /// The next event due at or before `now`.
    func dueEvent(now: Moment) -> (Moment, Event)? {
        guard outcome == nil, nextEvent < events.count else { return nil }
        let (offset, event) = events[nextEvent]
        let at = start.advanced(by: offset)
        return at <= now ? (at, event) : nil
    }

    func status(at now: Moment) -> (RefreshStatus, Int) {
        switch outcome {
        case .completed: return (.completed, 100)
        case .failed(let at, _): return (.failed, timeline.progress(at: start.duration(to: at)))
        case nil:
            let elapsed = start.duration(to: now)
            if elapsed < timeline.queued { return (.queued, 0) }
            var progress = timeline.progress(at: elapsed)
            if let stall = stallProgress { progress = min(progress, stall) }
            return (.inProgress, min(progress, 99))
        }
    }

    func snapshot(at now: Moment, clock: any InjectedClock) -> Refresh {
        let (status, progress) = self.status(at: now)
        var completed: Date?
        var message: String?
        switch outcome {
        case .completed(let at): completed = clock.date(at: at)
        case .failed(let at, let text):
            completed = clock.date(at: at)
            message = text
        case nil: break
        }
        return Refresh(id: id, sandboxId: sandboxId, status: status, progress: progress, scope: request.scope,
                       description: request.description, createdDate: clock.date(at: created),
                       completedDate: completed, errorMessage: message, preserveSandboxUsers: request.preserveSandboxUsers)
    }
}
