import Timekeeping

/// The breaker of one host, free of I/O and clocks: closed → open after N consecutive 503s →
/// (pause elapses) half-open, where exactly one probe is let through and its answer closes or
/// reopens the breaker. Everyone else waits rather than adding load to a failing platform.
public struct CircuitBreakerStateMachine: Sendable, Hashable {
    public enum State: Sendable, Hashable {
        case closed(consecutive503: Int)
        case open(until: Moment)
        case halfOpen(probeInFlight: Bool)
    }

    public enum Permission: Sendable, Hashable {
        case send
        /// Send, and report the outcome with `wasProbe: true`: it decides the breaker's fate.
        case sendProbe
        case waitUntil(Moment)
        /// Another caller's probe is in flight; wait for its outcome.
        case waitForProbe
    }

    public enum Transition: Sendable, Hashable, CustomStringConvertible {
        case opened(until: Moment)
        case halfOpened
        case closed
        case reopened(until: Moment)

        public var description: String {
            switch self {
            case .opened(let until): return "opened until \(until)"
            case .halfOpened: return "half-open: sending one probe"
            case .closed: return "closed"
            case .reopened(let until): return "probe failed, reopened until \(until)"
            }
        }
    }

    public let threshold: Int
    public let pause: Duration
    public private(set) var state: State = .closed(consecutive503: 0)

    public init(configuration: CircuitBreakerConfiguration) {
        threshold = max(1, configuration.consecutive503)
        pause = configuration.pause
    }

    public mutating func permission(now: Moment) -> (Permission, Transition?) {
        switch state {
        case .closed:
            return (.send, nil)
        case .open(let until) where now < until:
            return (.waitUntil(until), nil)
        case .open:
            state = .halfOpen(probeInFlight: true)
            return (.sendProbe, .halfOpened)
        case .halfOpen(probeInFlight: false):
            state = .halfOpen(probeInFlight: true)
            return (.sendProbe, nil)
        case .halfOpen(probeInFlight: true):
            return (.waitForProbe, nil)
        }
    }

    public mutating func record(_ outcome: AttemptOutcome, wasProbe: Bool, now: Moment) -> Transition? {
        if wasProbe {
            if outcome.status == 503 || outcome.status == nil {
                state = .open(until: now.advanced(by: pause))
                return .reopened(until: now.advanced(by: pause))
            }
            state = .closed(consecutive503: 0)
            return .closed
        }
        // Answers to requests sent before the breaker opened do not move an open breaker.
        guard case .closed(let count) = state else { return nil }
        switch outcome.status {
        case 503:
            if count + 1 >= threshold {
                state = .open(until: now.advanced(by: pause))
                return .opened(until: now.advanced(by: pause))
            }
            state = .closed(consecutive503: count + 1)
        case .some:
            state = .closed(consecutive503: 0)
        case nil:
            // A network error says nothing about the platform's health; keep counting.
            break
        }
        return nil
    }

    /// The probe was never sent (cancelled, or gave up before sending): let another caller probe.
    public mutating func abandonProbe() {
        if case .halfOpen(probeInFlight: true) = state { state = .halfOpen(probeInFlight: false) }
    }
}
