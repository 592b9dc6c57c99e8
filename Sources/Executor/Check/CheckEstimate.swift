import Foundation
import GenesysClient
import GenesysWire
import Impact
import PlanGraph

/// How long an `apply` would take and how many requests it would send, step by step: the
/// refresh's duration from the sandbox's own history (the median of its completed refreshes,
/// of the same scope when there are any), the status requests the polling schedule sends in
/// that time, and each gate's pages from the current counts (a few more GETs).
enum CheckEstimate {
    static let pageSize = 100

    static func pages(_ count: Int) -> Int { max(1, (count + pageSize - 1) / pageSize) }

    static func make(graph: PlanGraph, scope: RefreshScope, refreshes: [Refresh], validation: CheckReport.ValidationCheck?, lock: CheckReport.LockCheck?,
                     impact: ImpactReport? = nil, production: GenesysClient, sandbox: GenesysClient) async throws(APIError) -> CheckReport.Estimate {
        // The primary poll node's schedule is what apply would poll on.
        guard case .poll(_, let schedule)? = graph.node("poll.primary")?.step else {
            return CheckReport.Estimate(durationSeconds: nil, basis: "no poll step in the graph", statusRequests: 0, requestsByStep: [:],
                                        totalRequests: 0, upperBound: true, notes: [])
        }
        let (duration, basis) = historicalDuration(refreshes, scope: scope)
        var notes: [String] = []
        let statusRequests: Int
        if let duration {
            statusRequests = polls(schedule, covering: .milliseconds(Int64(duration * 1000)))
        } else {
            statusRequests = schedule.statusRequestsWithoutJitter
            notes.append("no completed refresh in the sandbox's history: status requests counted for the whole maxWait (\(schedule.maxWait.planNotation))")
        }
        var steps: [String: Int] = [:]
        for node in graph.nodes where !node.id.hasSuffix(".expansion") {
            switch node.step {
            case .preflight(let settings): steps[node.id] = settings.organization == .production ? 3 : 4
            case .lock: steps[node.id] = lock?.decision == "abort" ? 2 : 1
            case .dependencyScan(let policy, _): steps[node.id] = 2 * policy.compare.count
            case .impact(let settings): steps[node.id] = impact.map { $0.listingRequests + $0.objectReads } ?? 2 * settings.coverage.count
            case .snapshot(let settings):
                // One read per object kept, and per export job a registration, its reads and a download.
                let atRisk = impact.map { settings.contents == .all ? $0.entries.filter { $0.change != .added } : $0.atRisk } ?? []
                let flows = atRisk.filter { $0.kind == .flow }.count
                let jobs = (flows + max(1, settings.flowBatchSize) - 1) / max(1, settings.flowBatchSize)
                steps[node.id] = atRisk.count - flows + jobs * (2 + FlowValidationJobs.reads(for: .seconds(2) + .milliseconds(20 * min(flows, settings.flowBatchSize))))
            case .sessionPreClear:
                let users = try await sandbox.count(.users)
                steps[node.id] = pages(users) + users
            case .restore: steps[node.id] = 0
            case .harden(_, let settings):
                // A listing per action; writes depend on what differs.
                steps[node.id] = [settings.campaignAllow != nil, settings.triggerAllow != nil, !settings.integrations.isEmpty, !settings.credentials.isEmpty, settings.trunkRegistration != nil].filter { $0 }.count
            case .isolation: steps[node.id] = 4
            case .submit: steps[node.id] = 1
            case .poll: steps[node.id] = statusRequests
            case .validateFlows(_, let gate):
                let flows = validation?.flows ?? 0, batches = validation?.batches ?? 0
                // The flow listing (every page), then the validation requests.
                let listing = pages(flows)
                switch gate.method {
                case .architectValidate: steps[node.id] = listing + batches
                case .validateJobs:
                    let reads = FlowValidationJobs.reads(for: .seconds(2) + .milliseconds(20 * min(flows, gate.batchSize)))
                    steps[node.id] = listing + batches * (1 + reads)
                    notes.append("validation jobs: about \(reads) status read(s) per job")
                }
            case .piiScan(let gate):
                // Customer data comes from production when ADMIN or ICM is copied.
                let source = scope.contains(.ADMIN) || scope.contains(.ICM) ? production : sandbox
                var count = 0
                if gate.sources.contains(.externalContacts) { count += pages(try await source.count(.externalContacts)) }
                if gate.sources.contains(.dataTables) {
                    let tables = try await source.count(.dataTables)
                    count += pages(tables) + tables
                    notes.append("PII scan: at least one rows page per data table (\(tables))")
                }
                steps[node.id] = count
            case .trunkIsolation:
                // After an ALL refresh the sandbox holds production's trunks and trunk bases.
                let trunks = pages(try await production.count(.trunks)), bases = pages(try await production.count(.trunkBaseSettings))
                steps[node.id] = 2 * (trunks + bases)
            case .artifacts, .release: break
            case .notify: break
            }
        }
        if graph.contains("submit.expansion") {
            notes.append("the scope-expansion branch, if taken, adds a second submit, its status requests and another validation")
        }
        return CheckReport.Estimate(durationSeconds: duration, basis: basis, statusRequests: statusRequests, requestsByStep: steps,
                                    totalRequests: steps.values.reduce(0, +), upperBound: duration == nil, notes: notes)
    }

    /// The median duration of completed refreshes, preferring those of the same scope.
    static func historicalDuration(_ refreshes: [Refresh], scope: RefreshScope) -> (Double?, String) {
        let completed = refreshes.filter { $0.status == .completed && $0.completedDate != nil && $0.createdDate < .distantFuture }
        let same = completed.filter { $0.scope == scope.wireValue }
        let pool = same.isEmpty ? completed : same
        guard !pool.isEmpty else { return (nil, "no completed refresh in the sandbox's history") }
        let seconds = pool.map { $0.completedDate!.timeIntervalSince($0.createdDate) }.sorted()
        let median = seconds[seconds.count / 2]
        let what = same.isEmpty ? "completed refresh\(pool.count == 1 ? "" : "es") of other scopes" : "completed \(scope.wireValue) refresh\(pool.count == 1 ? "" : "es")"
        return (median, "median of \(pool.count) \(what) in the sandbox's history")
    }

    /// Status requests until the schedule's un-jittered waits cover `duration` (one more sees the end).
    static func polls(_ schedule: PollSchedule, covering duration: Duration) -> Int {
        var elapsed: Duration = .zero
        var index = 0
        while elapsed < duration, elapsed < schedule.maxWait {
            elapsed += schedule.interval(at: index)
            index += 1
        }
        return max(index, 1)
    }
}
