import Foundation
import GenesysWire
import Logging
import Synchronization
import Timekeeping

/// The emulated Genesys Cloud platform: a production organization and its sandboxes behind
/// one base URL serving both `/oauth/token` and `/api/v2/...`. No sockets, no background
/// tasks: everything happens inside `handle`, read against the injected clock.
public final class Emulator: Sendable {
    public let clock: any InjectedClock
    private let state: Mutex<EmulatorState>
    /// Bodies posted to the rehearsal webhook inbox (see `webhookInbox`).
    let webhooks = Mutex<[Data]>([])
    /// Encoded listing pages and entities, shared by concurrent requests (see `BodyCache`).
    private let bodies = BodyCache()

    /// - Parameters:
    ///   - rateLimitPerMinute: per client (sliding 60 s window); 0 disables it.
    ///   - tokenRequestsPerMinute: per client on `/oauth/token`; 0 disables it.
    ///   - tokenLifetime: `expires_in` of issued tokens.
    ///   - requestLogCapacity: how many recent requests `requestLog()` keeps in full; the
    ///     counters of `requestStats()` cover every request regardless.
    public init(world: World, clock: any InjectedClock, faults: FaultPlan = .none, rateLimitPerMinute: Int = 300,
                tokenRequestsPerMinute: Int = 120, tokenLifetime: Duration = .seconds(86400),
                requestLogCapacity: Int = Emulator.defaultRequestLogCapacity, logger: Logger? = nil) {
        self.clock = clock
        state = Mutex(EmulatorState(world: world, clock: clock, faults: faults, rateLimitPerMinute: rateLimitPerMinute,
                                    tokenRequestsPerMinute: tokenRequestsPerMinute, tokenLifetime: tokenLifetime,
                                    requestLogCapacity: requestLogCapacity, logger: logger))
    }

    /// The progress curves new jobs follow: one profile for all, or a seeded draw per job.
    public func useProgressProfiles(_ profiles: [ProgressProfile]) {
        guard !profiles.isEmpty else { return }
        state.withLock { $0.progressProfiles = profiles }
    }

    /// Jobs of one sandbox and scope vary in duration from night to night (see `NightlyVariation`).
    public func useNightlyVariation(_ variation: NightlyVariation?) {
        state.withLock { $0.nightlyVariation = variation }
    }

    public func handle(_ request: WireRequest) async -> EmulatorReply {
        await serve(request).reply
    }

    /// `handle` plus what a socket server needs to cut a response mid-body. With a `timeout`
    /// shorter than a latency fault, the caller gets `.timeout` after waiting that long.
    public func serve(_ request: WireRequest, timeout: Duration? = nil) async -> ServedReply {
        // Parsing before and encoding after the lock: only state changes are serialized, so
        // concurrent requests spend the lock's time on what must be ordered.
        let parsed = RequestContext(request, now: Moment(sinceEpoch: .zero), correlationId: "")
        let outcome = state.withLock { $0.process(parsed, now: clock.now) }
        if let latency = outcome.latency {
            // The request took effect already; only the answer is late.
            if let timeout, timeout < latency {
                try? await clock.sleep(for: timeout)
                return ServedReply(reply: .transportFailure(TransportError(.timeout, "no response within \(timeout.formattedSeconds)")))
            }
            try? await clock.sleep(for: latency)
        }
        return outcome.resolved(cache: bodies)
    }

    // MARK: inspection

    public var organizations: [EmulatedOrganization] {
        state.withLock { state in
            state.world.organizations.compactMap { org in
                state.world.clients.first { $0.organization == org.name }.map {
                    EmulatedOrganization(name: org.name, orgId: org.id, clientId: $0.clientId, clientSecret: $0.clientSecret, scopes: $0.scopes)
                }
            }
        }
    }

    public func organization(_ name: String) -> EmulatedOrganization? {
        organizations.first { $0.name == name }
    }

    /// The world as it stands now (refresh effects due by now applied).
    public var world: World {
        settled { $0.world }
    }

    /// Refreshes accepted through the API (manual ones excluded), oldest first: the
    /// emulator's own record, for "submitted exactly once" assertions.
    public func submissions(sandboxId: String) -> [Refresh] {
        settled { state in state.jobs.filter { $0.sandboxId == sandboxId && !$0.manual }.map { $0.snapshot(at: state.clock.now, clock: state.clock) } }
    }

    /// Every refresh of the sandbox, manual ones included, oldest first.
    public func refreshes(sandboxId: String) -> [Refresh] {
        settled { state in state.jobs.filter { $0.sandboxId == sandboxId }.map { $0.snapshot(at: state.clock.now, clock: state.clock) } }
    }

    /// Enough for any test's whole history, small enough (a few MB) for a long load test.
    public static let defaultRequestLogCapacity = 10_000

    /// The most recent requests (at most `requestLogCapacity`), oldest first.
    public func requestLog() -> [LoggedRequest] { state.withLock { $0.log.recent } }

    /// Counts of every request answered since start, however many the log still holds.
    public func requestStats() -> EmulatorRequestStats { state.withLock { $0.log.stats } }

    public func firedFaults() -> [FiredFault] { settled { $0.fired } }

    /// Every request other than a GET or a login that reached the production organization,
    /// oldest first (writes among them were refused with 403): empty in a correct rehearsal.
    public func productionWrites() -> [LoggedRequest] { state.withLock { $0.productionWrites } }

    /// Current user sessions (tokens) of an organization: what a refresh may destroy.
    public func userSessions(organization: String) -> [UserSession] {
        settled { $0.org(organization)?.sessions ?? [] }
    }

    // MARK: controls for tests and simulation

    /// An administrator starts a refresh in the UI: a foreign lock with no pipeline id. When
    /// the sandbox is already locked, the active refresh is returned unchanged.
    @discardableResult
    public func startManualRefresh(sandboxId: String, description: String = "Manual refresh", scope: String = "ALL") -> Refresh {
        settled { state in
            let now = state.clock.now
            if let active = state.activeJob(sandboxId: sandboxId) { return active.snapshot(at: now, clock: state.clock) }
            let request = RefreshRequest(scope: scope, description: description, preserveSandboxUsers: true)
            switch state.startJob(sandboxId: sandboxId, request: request, at: now, submittedBy: "an administrator (UI)", manual: true, context: nil) {
            case .success(let job): return job.snapshot(at: now, clock: state.clock)
            case .failure(let problem): preconditionFailure("manual refresh on \(sandboxId) with scope \(scope) not accepted: \(problem)")
            }
        }
    }

    /// Makes a refresh look older: only its `createdDate` moves; it keeps running on its own
    /// timeline (a stale-looking lock that is still held).
    public func backdate(refreshId: String, by duration: Duration) {
        state.withLock { state in
            guard let index = state.jobs.firstIndex(where: { $0.id == refreshId }) else { return }
            state.jobs[index].created = state.jobs[index].created.advanced(by: .zero - duration)
        }
    }

    /// Production changes after the sandboxes' last refresh: new queues and skills, and
    /// `flows` new flows that reference them.
    public func addProductionDrift(queues: Int, skills: Int, flows: Int = 1) {
        settled { state in
            var generator = DriftGenerator(rng: state.rng)
            generator.drift(&state.world.production, queues: queues, skills: skills, flows: flows)
            state.rng = generator.rng
        }
    }

    /// Removes a queue from a sandbox (flows that reference it then fail validation). When
    /// `queueId` is nil, removes a queue that some sandbox flow references. Returns the id removed.
    @discardableResult
    public func removeSandboxQueue(sandboxId: String, queueId: String? = nil) -> String? {
        settled { state in
            guard let sandbox = state.org(sandboxId) else { return nil }
            let referenced = Set(sandbox.flows.flatMap { $0.references.filter { $0.type == "queue" }.map(\.id) })
            guard let target = queueId ?? sandbox.queues.first(where: { referenced.contains($0.id) })?.id,
                  sandbox.queues.contains(where: { $0.id == target }) else { return nil }
            state.updateOrg(sandboxId) { $0.queues.removeAll { $0.id == target } }
            return target
        }
    }

    /// Registers another OAuth client, e.g. one with fewer scopes for preflight failures.
    @discardableResult
    public func addClient(organization: String, scopes: [String], name: String? = nil) -> EmulatedOrganization? {
        state.withLock { state in
            guard let org = state.org(organization) else { return nil }
            let client = ClientDefinition(clientId: state.rng.uuid(), clientSecret: state.rng.hexString(bytes: 24),
                                          name: name ?? "extra client (\(organization))", organization: organization, scopes: scopes)
            state.world.clients.append(client)
            return EmulatedOrganization(name: org.name, orgId: org.id, clientId: client.clientId, clientSecret: client.clientSecret, scopes: scopes)
        }
    }

    private func settled<T>(_ body: (inout EmulatorState) -> T) -> T {
        state.withLock { state in
            state.settle(now: state.clock.now, observer: nil)
            return body(&state)
        }
    }
}
