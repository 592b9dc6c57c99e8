import Foundation
import GenesysWire
import Logging
import Timekeeping

/// Everything the emulator knows, mutated only under the emulator's lock. Time never moves
/// inside: every operation receives `now` and first settles whatever became due.
struct EmulatorState: Sendable {
    /// Every change bumps `worldVersion`, which retires the encoded bodies cached before it.
    var world: World { didSet { worldVersion &+= 1 } }
    private(set) var worldVersion = 0
    var jobs: [RefreshJob] = []
    var tokens = TokenStore()
    var apiLimiter: RateLimiter
    var loginLimiter: RateLimiter
    var faults: FaultEngine
    var rng: SeededGenerator
    var log: RequestLog
    var validateJobs: [ValidateJobRecord] = []
    var exportJobs: [FlowExportJobRecord] = []
    var importJobs: [FlowImportJobRecord] = []
    /// Every request other than a GET or a login that reached production, refused or not: the
    /// swarm's "production is read-only" invariant reads it.
    var productionWrites: [LoggedRequest] = []
    var fired: [FiredFault] = []
    /// Each new job's progress curve is drawn from these (seeded); one entry means all jobs.
    var progressProfiles: [ProgressProfile] = [.standard]
    /// Night-to-night variation of job durations (see `NightlyVariation`); nil: none.
    var nightlyVariation: NightlyVariation?
    let tokenLifetime: Duration
    let clock: any InjectedClock
    let logger: Logger?

    init(world: World, clock: any InjectedClock, faults: FaultPlan, rateLimitPerMinute: Int, tokenRequestsPerMinute: Int,
         tokenLifetime: Duration, requestLogCapacity: Int, logger: Logger?) {
        self.world = world
        log = RequestLog(capacity: requestLogCapacity)
        self.clock = clock
        self.faults = FaultEngine(plan: faults)
        apiLimiter = RateLimiter(limit: rateLimitPerMinute)
        loginLimiter = RateLimiter(limit: tokenRequestsPerMinute)
        rng = SeededGenerator(seed: (world.spec?.seed ?? 0) ^ 0xE3E3_0001_2024_0517)
        self.tokenLifetime = tokenLifetime
        self.logger = logger
        let now = clock.now
        for org in world.organizations {
            for session in org.sessions {
                tokens.insert(session.token, .init(organization: org.name, clientId: nil, userId: session.userId,
                                                   issuedAt: now, expiresAt: now.advanced(by: tokenLifetime)))
            }
        }
    }

    // MARK: organizations

    func org(_ name: String) -> OrgData? {
        name == World.productionName ? world.production : world.sandbox(name)
    }

    mutating func updateOrg(_ name: String, _ change: (inout OrgData) -> Void) {
        if name == World.productionName { change(&world.production); return }
        guard let index = world.sandboxes.firstIndex(where: { $0.name == name }) else { return }
        change(&world.sandboxes[index])
    }

    func client(_ clientId: String) -> ClientDefinition? {
        world.clients.first { $0.clientId == clientId }
    }

    func activeJob(sandboxId: String) -> RefreshJob? {
        jobs.last { $0.sandboxId == sandboxId && $0.isActive }
    }

    // MARK: settling time

    /// Applies, in time order, every job event and timed fault due by `now`.
    mutating func settle(now: Moment, observer: RequestContext?) {
        while true {
            var earliestJob: (index: Int, at: Moment, event: RefreshJob.Event)?
            for index in jobs.indices {
                guard let (at, event) = jobs[index].dueEvent(now: now) else { continue }
                if earliestJob == nil || at < earliestJob!.at { earliestJob = (index, at, event) }
            }
            let timedAt = faults.nextTimedMoment().flatMap { $0 <= now ? $0 : nil }
            if let timedAt, earliestJob == nil || timedAt <= earliestJob!.at {
                for (at, decision, match) in faults.dueTimedFaults(upTo: timedAt) {
                    fireTimed(decision, match: match, at: at, observer: observer)
                }
                continue
            }
            guard let (index, at, event) = earliestJob else { return }
            jobs[index].nextEvent += 1
            apply(event, toJob: index, at: at)
        }
    }

    private mutating func apply(_ event: RefreshJob.Event, toJob index: Int, at moment: Moment) {
        switch event {
        case .applyPhase(let phase):
            let job = jobs[index]
            guard let production = org(World.productionName) else { return }
            var copied = job.customerDataCopied
            var usersReplaced = false
            updateOrg(job.sandboxId) { sandbox in
                usersReplaced = RefreshCopier.apply(job.timeline.phases[phase].domain, of: job, from: production,
                                                    to: &sandbox, customerDataCopied: &copied)
            }
            jobs[index].customerDataCopied = copied
            if usersReplaced {
                // Production users overwrite the sandbox's: every session and every token the
                // sandbox org issued so far stops working, in flight or not.
                let count = tokens.invalidate(organization: job.sandboxId, issuedUpTo: moment,
                                              reason: "The access token is no longer valid: sandbox users were replaced by refresh \(job.id).")
                logger?.notice("refresh replaced sandbox users", metadata: ["refreshId": "\(job.id)", "sandbox": "\(job.sandboxId)", "tokensInvalidated": "\(count)"])
            }
        case .fail(let message):
            jobs[index].outcome = .failed(at: moment, message: message)
        case .complete:
            jobs[index].outcome = .completed(at: moment)
        }
    }

    private mutating func fireTimed(_ decision: FaultEngine.Decision, match: FaultMatch, at moment: Moment, observer: RequestContext?) {
        var detail = ""
        switch decision.kind {
        case .manualRefresh(_, let sandboxId, let description, let scope):
            let target = sandboxId ?? world.sandboxes.first?.name ?? ""
            if let active = activeJob(sandboxId: target) {
                detail = "skipped: sandbox \(target) already locked by refresh \(active.id)"
            } else if case .success(let job) = startJob(sandboxId: target, request: RefreshRequest(scope: scope, description: description, preserveSandboxUsers: true),
                                                        at: moment, submittedBy: "an administrator (UI)", manual: true, context: nil) {
                detail = "administrator started refresh \(job.id) on \(target) (scope \(scope))"
            } else {
                detail = "skipped: manual refresh on \(target) with scope \(scope) was not accepted"
            }
        case .tokenExpiry:
            let count = tokens.invalidate(organization: match.organization, issuedUpTo: moment, reason: "The access token has expired.")
            detail = "\(count) token(s) expired"
        default:
            break
        }
        record(decision, context: observer, moment: moment, detail: detail)
    }

    mutating func record(_ decision: FaultEngine.Decision, context: RequestContext?, moment: Moment, detail: String) {
        let fault = FiredFault(rule: decision.label, kind: decision.kind, method: context?.method.rawValue, path: context?.pathWithQuery,
                               organization: context?.organization, moment: moment, detail: detail)
        fired.append(fault)
        logger?.warning("fault fired", metadata: [
            "rule": "\(fault.rule)", "kind": "\(fault.kind)", "request": "\(fault.method ?? "-") \(fault.path ?? "-")",
            "organization": "\(fault.organization ?? "-")", "at": "\(moment)", "detail": "\(detail)",
        ])
    }

    // MARK: jobs

    enum StartProblem: Error { case unknownSandbox, scope(RefreshScope.Problem), locked(RefreshJob) }

    /// Accepts a refresh: the sandbox's lock must be free and the scope valid.
    mutating func startJob(sandboxId: String, request: RefreshRequest, at now: Moment, submittedBy: String, manual: Bool,
                           context: RequestContext?) -> Result<RefreshJob, StartProblem> {
        guard world.sandbox(sandboxId) != nil else { return .failure(.unknownSandbox) }
        let scope: RefreshScope
        switch RefreshScope.parse(request.scope) {
        case .success(let parsed): scope = parsed
        case .failure(let problem): return .failure(.scope(problem))
        }
        if let active = activeJob(sandboxId: sandboxId) { return .failure(.locked(active)) }
        var failure: String?
        var stall: Int?
        if !manual, let context, let decision = faults.jobFault(method: context.method.rawValue, path: context.path, organization: context.organization) {
            switch decision.kind {
            case .jobFails(let message): failure = message
            case .jobStuck(let progress): stall = progress
            default: break
            }
            record(decision, context: context, moment: now, detail: "refresh will \(failure.map { "fail with '\($0)'" } ?? "stall at \(stall ?? 0)%")")
        }
        let timeline: JobTimeline
        if let variation = nightlyVariation {
            // The n-th job of this sandbox and scope is its n-th night.
            let scopeKey = scope.domains.map(\.rawValue).joined(separator: ",") + (scope.isAll ? "+ALL" : "")
            let night = jobs.filter { $0.sandboxId == sandboxId && $0.scope == scope }.count
            let base = JobTimeline(scope: scope, production: world.production,
                                   profile: variation.profile(sandboxId: sandboxId, scope: scopeKey, from: progressProfiles))
            timeline = variation.apply(to: base, sandboxId: sandboxId, scope: scopeKey, night: night)
        } else {
            timeline = JobTimeline(scope: scope, production: world.production,
                                   profile: progressProfiles.count == 1 ? progressProfiles[0] : rng.pick(progressProfiles))
        }
        let job = RefreshJob(id: rng.uuid(), sandboxId: sandboxId, request: request, scope: scope, start: now,
                             timeline: timeline,
                             submittedBy: submittedBy,
                             manual: manual, failure: failure, stallAt: stall)
        jobs.append(job)
        logger?.info("refresh accepted", metadata: ["refreshId": "\(job.id)", "sandbox": "\(sandboxId)", "scope": "\(request.scope)",
                                                     "manual": "\(manual)", "expectedDuration": "\(job.timeline.total.formattedSeconds)"])
        return .success(job)
    }

    // MARK: tokens

    mutating func issueToken(organization: String, clientId: String?, userId: String?, now: Moment) -> String {
        let token = rng.hexString(bytes: 32)
        tokens.insert(token, .init(organization: organization, clientId: clientId, userId: userId, issuedAt: now,
                                   expiresAt: now.advanced(by: tokenLifetime)))
        return token
    }
}
