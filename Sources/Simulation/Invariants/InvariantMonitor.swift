import EmulatorCore
import Executor
import Foundation
import GenesysClient
import GenesysWire
import PlanGraph
import RefreshPlan
import Synchronization
import Timekeeping

/// Checks the invariants while the history is written: every request (before it leaves and
/// when it is answered), every log line and every run event goes through here, so a violation
/// is reported at the step that commits it, with its simulated time.
public final class InvariantMonitor: Sendable {
    /// Who sends a request: plan `participant` (1-based) through its `organization` client.
    public struct Source: Sendable, Hashable, CustomStringConvertible {
        public var participant: Int
        public var organization: String
        public var description: String { "p\(participant).\(organization)" }
    }

    struct Attempt: Sendable {
        var method: String
        var path: String
        var number: Int
        var status: Int?
        var had401Before: Bool
    }

    struct SourceState: Sendable {
        var pendingAttempt: Int?
        var lastAttempt: Attempt?
        var pollStarts: [String: Moment] = [:]
        var window: [Moment] = []
        var budgetReported = false
    }

    struct RunTrack: Sendable {
        var plan: Plan
        var runId: String
        var startedAt: Moment = .epoch
        var currentRefresh: String?
        var completedSeen: Set<String> = []
        var finished: [RunEvent] = []
        /// The impact found work at risk and the snapshot has not completed yet (this process).
        var snapshotPending = false
        var stepStarts: [String: Moment] = [:]
        var pollSteps = 0
        var lockEntries = 1
        /// Crashes: kills that fired, restarts that resumed the run, and the time it lay dead.
        var deaths: [SimulatedProcess.Death] = []
        var resumes = 0
        var downtime: Duration = .zero
        /// When the run's current process started (the restart, after a crash).
        var processStartedAt: Moment = .epoch
        /// Applied again under its run id after it ended leaving its refresh running.
        var reran = false
    }

    struct State: Sendable {
        var sources: [Source: SourceState] = [:]
        var runs: [Int: RunTrack] = [:]
        var leaks = LeakScanner()
        var violations: [Violation] = []
        var seen: Set<String> = []
        /// Sources whose process was restarted and which have not sent a status request since.
        var restartedSources: Set<Source> = []
        /// For each restart: the first status request's distance from the last one before the kill.
        var restartPollGaps: [Duration] = []
    }

    static let neverRetried: Set<Int> = [400, 403, 404, 409, 501]
    /// Slack on top of the budgets a run is given: retries, Retry-After waits, breaker pauses.
    static let pollSlack: Duration = .seconds(15 * 60)
    static let runSlack: Duration = .seconds(45 * 60)

    let emulator: Emulator
    let clock: any InjectedClock
    let requestsPerMinute: Int
    let state = Mutex(State())

    public init(emulator: Emulator, clock: any InjectedClock, requestsPerMinute: Int = 300) {
        self.emulator = emulator
        self.clock = clock
        self.requestsPerMinute = requestsPerMinute
    }

    public var violations: [Violation] { state.withLock { $0.violations } }

    func register(participant: Int, plan: Plan, runId: String) {
        state.withLock { $0.runs[participant] = RunTrack(plan: plan, runId: runId) }
    }

    /// Values that must never appear in a log line, event or artifact.
    func addSecret(_ value: String) { state.withLock { $0.leaks.addSecret(value) } }
    func addPII(from text: String) { state.withLock { $0.leaks.addPII(from: text) } }

    func violate(_ state: inout State, _ invariant: Invariant, _ participant: Int?, _ detail: String, key: String? = nil) {
        let dedupe = "\(invariant.rawValue)|\(participant ?? 0)|\(key ?? detail)"
        guard state.seen.insert(dedupe).inserted else { return }
        state.violations.append(Violation(invariant: invariant, participant: participant, moment: clock.now, detail: detail))
    }

    // MARK: log lines

    func log(_ line: CapturedLogLine, source: Source?) {
        state.withLock { state in
            if let leak = state.leaks.scan(line.rendered) {
                violate(&state, .noSecretOrPII, source?.participant, "\(leak) in a \(line.level) log line of \(line.label): \(line.message)", key: line.message)
            }
            // The client announces each attempt just before handing it to the transport.
            if let source, line.message == "sending", let attempt = line.metadata["attempt"].flatMap(Int.init) {
                state.sources[source, default: SourceState()].pendingAttempt = attempt
            }
        }
    }

    // MARK: requests

    func willSend(_ request: WireRequest, source: Source) {
        let method = request.method.rawValue
        let path = request.url.path
        let query = request.url.query.map { "?\($0)" } ?? ""
        let now = clock.now
        state.withLock { state in
            var s = state.sources[source, default: SourceState()]
            defer { state.sources[source] = s }
            guard path != "/oauth/token" else { return }
            let number = s.pendingAttempt ?? 1
            s.pendingAttempt = nil
            // Retries of a final answer.
            if number > 1, let last = s.lastAttempt, last.method == method, last.path == path + query, let status = last.status {
                if Self.neverRetried.contains(status) {
                    violate(&state, .noRetryOfNonRetryable, source.participant, "\(method) \(path) sent again (attempt \(number)) after HTTP \(status)", key: "\(method) \(path)")
                } else if status == 401, last.had401Before {
                    violate(&state, .noRetryOfNonRetryable, source.participant, "\(method) \(path) sent a third time after a 401 that followed a re-login", key: "\(method) \(path)")
                }
            }
            let had401 = number > 1 && (s.lastAttempt.map { $0.had401Before || $0.status == 401 } ?? false)
            s.lastAttempt = Attempt(method: method, path: path + query, number: number, status: nil, had401Before: had401)
            // The rate budget, over every attempt this client sends.
            s.window.append(now)
            let windowStart = now.advanced(by: .seconds(-60))
            if let firstInside = s.window.firstIndex(where: { $0 > windowStart }), firstInside > 0 { s.window.removeFirst(firstInside) }
            if s.window.count > requestsPerMinute, !s.budgetReported {
                s.budgetReported = true
                violate(&state, .rateBudget, source.participant, "\(source) sent \(s.window.count) requests in the 60 s before \(now) (budget \(requestsPerMinute))")
            }
            let parts = path.split(separator: "/")
            // GET /api/v2/sandboxes/{id}/refreshes/{refreshId}: a status poll.
            if method == "GET", parts.count == 6, parts[2] == "sandboxes", parts[4] == "refreshes", number == 1 {
                if state.restartedSources.remove(source) != nil, let before = s.pollStarts.values.max() {
                    state.restartPollGaps.append(before.duration(to: now))
                }
                if let previous = s.pollStarts[path], previous.duration(to: now) < PollSchedule.floor {
                    violate(&state, .pollingFloor, source.participant, "status of \(parts[5]) requested \(previous.duration(to: now).formattedSeconds) after the previous one", key: path)
                }
                s.pollStarts[path] = now
            }
            if method == "POST", path == "/api/v2/architect/flows/validate" || path == "/api/v2/flows/validate/jobs" {
                checkCompleted(&state, source.participant, what: "flow validation request")
            }
            if method == "DELETE", parts.count == 6, parts[2] == "sandboxes", parts[4] == "refreshes" {
                checkAbort(&state, source.participant, sandboxId: String(parts[3]), refreshId: String(parts[5]))
            }
        }
    }

    func didReceive(_ request: WireRequest, source: Source, response: WireResponse?) {
        let method = request.method.rawValue
        let path = request.url.path
        let parts = path.split(separator: "/")
        if path == "/oauth/token", let response, response.status == 200,
           let token = try? WireCoding.decode(TokenResponse.self, from: response.body) {
            addSecret(token.accessToken)
        }
        state.withLock { state in
            if path != "/oauth/token" { state.sources[source]?.lastAttempt?.status = response?.status }
            guard parts.count >= 5, parts[2] == "sandboxes", parts[4] == "refreshes" else { return }
            if parts.count == 6, method == "GET" {
                state.runs[source.participant]?.currentRefresh = String(parts[5])
                if let response, response.status == 200, let refresh = try? WireCoding.decode(Refresh.self, from: response.body), refresh.status == .completed {
                    state.runs[source.participant]?.completedSeen.insert(refresh.id)
                }
            }
            if parts.count == 5, method == "POST", let response, response.status == 200, let refresh = try? WireCoding.decode(Refresh.self, from: response.body) {
                state.runs[source.participant]?.currentRefresh = refresh.id
            }
            if method != "GET" || parts.count == 5 { checkOwnership(&state, sandboxId: String(parts[3])) }
        }
    }

    /// Every tag one run's jobs can carry: its own, and one per round of the expansion (`maxTimes` ≤ 3).
    static func chainTags(_ runId: String) -> [String] {
        [runId] + (1...3).map { RunTag.expansion(of: runId, round: $0) }
    }

    /// The platform's own record: one job per run tag, one of ours active at a time.
    func checkOwnership(_ state: inout State, sandboxId: String) {
        let refreshes = emulator.refreshes(sandboxId: sandboxId)
        let ours = Set(state.runs.values.flatMap { Self.chainTags($0.runId) })
        var byTag: [String: Int] = [:]
        for refresh in refreshes { if let tag = RunTag.runId(in: refresh.description), ours.contains(tag) { byTag[tag, default: 0] += 1 } }
        for (tag, count) in byTag where count > 1 {
            let participant = state.runs.first { tag.hasPrefix($0.value.runId) }?.key
            violate(&state, .singleSubmissionPerRun, participant, "\(count) refreshes on \(sandboxId) carry run tag \(tag)", key: tag)
        }
        let active = refreshes.filter { $0.status.isActive && RunTag.runId(in: $0.description).map(ours.contains) == true }
        if active.count > 1 {
            violate(&state, .singleActiveRefresh, nil, "\(active.count) of our refreshes active on \(sandboxId): \(active.map(\.id).joined(separator: ", "))", key: sandboxId)
        }
    }

    /// Nothing downstream of the poll may act on a refresh the platform has not finished.
    func checkCompleted(_ state: inout State, _ participant: Int, what: String) {
        guard let run = state.runs[participant] else { return }
        guard let id = run.currentRefresh else {
            violate(&state, .nothingBeforeCompleted, participant, "\(what) with no refresh submitted or adopted", key: what)
            return
        }
        let platform = emulator.refreshes(sandboxId: run.plan.sandbox.id).first { $0.id == id }?.status
        if !run.completedSeen.contains(id) || platform != .completed {
            violate(&state, .nothingBeforeCompleted, participant, "\(what) while refresh \(id) is \(platform?.wireValue ?? "unknown") (COMPLETED \(run.completedSeen.contains(id) ? "seen" : "never seen") by the run)", key: what)
        }
        // Nor while another job of this run (the expansion chain, say) still rewrites the sandbox:
        // a gate would judge a sandbox that is still changing, and "success" would leave it running.
        // (Seeing one job COMPLETED is only an observation; acting on it is what counts.)
        guard what != "event refresh.completed" else { return }
        let tags = Self.chainTags(run.runId)
        let running = emulator.refreshes(sandboxId: run.plan.sandbox.id).filter { $0.status.isActive && RunTag.runId(in: $0.description).map(tags.contains) == true }
        if !running.isEmpty {
            violate(&state, .nothingBeforeCompleted, participant, "\(what) while this run's refresh \(running.map(\.id).joined(separator: ", ")) is \(running.map(\.status.wireValue).joined(separator: ", "))", key: "\(what) active")
        }
    }

    func checkAbort(_ state: inout State, _ participant: Int, sandboxId: String, refreshId: String) {
        guard let run = state.runs[participant] else { return }
        guard let target = emulator.refreshes(sandboxId: sandboxId).first(where: { $0.id == refreshId }) else {
            violate(&state, .foreignAbortAllowed, participant, "DELETE of refresh \(refreshId), unknown on \(sandboxId)")
            return
        }
        let age = clock.nowDate.timeIntervalSince(target.createdDate)
        var problems: [String] = []
        if run.plan.lock.onForeignRefresh != .abortIfStale { problems.append("the plan says \(run.plan.lock.onForeignRefresh.rawValue)") }
        if RunTag.carriesPipelineIdentifier(target.description) { problems.append("it carries a pipeline id (\(target.description))") }
        if age < run.plan.lock.staleAfter.seconds { problems.append("it is \(Int(age)) s old, stale only after \(Int(run.plan.lock.staleAfter.seconds)) s") }
        if !problems.isEmpty {
            violate(&state, .foreignAbortAllowed, participant, "aborted refresh \(refreshId) although \(problems.joined(separator: "; "))")
        }
    }
}
