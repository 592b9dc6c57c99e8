import Logging
import Synchronization
import Timekeeping

/// The shared side of `CircuitBreakerStateMachine` for one host: callers ask for admission and
/// report outcomes; waiting for the pause goes through the injected clock, waiting for another
/// caller's probe through a continuation resumed when the probe is answered.
final class CircuitBreaker: Sendable {
    struct Admission: Sendable {
        var isProbe: Bool
        var waited: Duration
    }

    private struct State {
        var machine: CircuitBreakerStateMachine
        var probeGeneration: UInt64 = 0
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        var nextWaiter: UInt64 = 0

        /// Ends the current probe round: every waiter re-asks for permission.
        mutating func wakeAll() -> [CheckedContinuation<Void, Never>] {
            probeGeneration += 1
            let woken = Array(waiters.values)
            waiters.removeAll()
            return woken
        }
    }

    let host: String
    private let state: Mutex<State>
    private let clock: any InjectedClock
    private let logger: Logger
    private let onOpen: @Sendable () -> Void

    private let onTransition: @Sendable (String, CircuitBreakerStateMachine.Transition) -> Void

    init(host: String, configuration: CircuitBreakerConfiguration, clock: any InjectedClock, logger: Logger,
         onTransition: @escaping @Sendable (String, CircuitBreakerStateMachine.Transition) -> Void = { _, _ in }, onOpen: @escaping @Sendable () -> Void) {
        self.onTransition = onTransition
        self.host = host
        self.clock = clock
        self.logger = logger
        self.onOpen = onOpen
        state = Mutex(State(machine: CircuitBreakerStateMachine(configuration: configuration)))
    }

    var current: CircuitBreakerStateMachine.State { state.withLock { $0.machine.state } }

    func admit(deadline: Moment?) async throws(GiveUpReason) -> Admission {
        let start = clock.now
        while true {
            let now = clock.now
            let (permission, transition, generation) = state.withLock { state in
                let (permission, transition) = state.machine.permission(now: now)
                return (permission, transition, state.probeGeneration)
            }
            if let transition { log(transition) }
            switch permission {
            case .send:
                return Admission(isProbe: false, waited: start.duration(to: clock.now))
            case .sendProbe:
                return Admission(isProbe: true, waited: start.duration(to: clock.now))
            case .waitUntil(let until):
                if let deadline, until > deadline { throw .circuitOpen(until: until) }
                logger.debug("circuit breaker open: waiting", metadata: ["host": "\(host)", "until": "\(until)"])
                do { try await clock.sleep(until: until, tolerance: nil) } catch { throw .cancelled }
            case .waitForProbe:
                await waitForProbe(seenGeneration: generation)
                if Task.isCancelled { throw .cancelled }
            }
        }
    }

    func record(_ outcome: AttemptOutcome, wasProbe: Bool) {
        let now = clock.now
        let (transition, woken) = state.withLock { state -> (CircuitBreakerStateMachine.Transition?, [CheckedContinuation<Void, Never>]) in
            let transition = state.machine.record(outcome, wasProbe: wasProbe, now: now)
            guard wasProbe else { return (transition, []) }
            return (transition, state.wakeAll())
        }
        if let transition { log(transition) }
        for waiter in woken { waiter.resume() }
    }

    func abandonProbe() {
        let woken = state.withLock { state in
            state.machine.abandonProbe()
            return state.wakeAll()
        }
        for waiter in woken { waiter.resume() }
    }

    private func waitForProbe(seenGeneration: UInt64) async {
        let id = state.withLock { state -> UInt64 in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    // The probe may have been answered between asking and registering.
                    if state.probeGeneration != seenGeneration || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }

    private func log(_ transition: CircuitBreakerStateMachine.Transition) {
        onTransition(host, transition)
        switch transition {
        case .opened, .reopened:
            onOpen()
            logger.warning("circuit breaker \(transition)", metadata: ["host": "\(host)"])
        case .halfOpened, .closed:
            logger.info("circuit breaker \(transition)", metadata: ["host": "\(host)"])
        }
    }
}
