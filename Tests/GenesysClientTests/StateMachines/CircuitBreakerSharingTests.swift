import GenesysWire
@testable import GenesysClient
import Logging
import Synchronization
import Testing
import Timekeeping

/// The shared breaker over a manual clock: callers wait out the pause together, then exactly
/// one of them probes while the others wait for its answer.
@Suite struct CircuitBreakerSharingTests {
    @Test func halfOpenAdmitsExactlyOneProbe() async throws {
        let clock = VirtualClock(mode: .manual)
        let openings = Counter()
        let breaker = CircuitBreaker(host: "api.test", configuration: .init(consecutive503: 3, pause: .seconds(30)), clock: clock, logger: Logger(label: "test")) {
            openings.increment()
        }
        for _ in 1...3 { breaker.record(.response(status: 503, headers: [:]), wasProbe: false) }
        #expect(openings.value == 1)

        let probes = Counter()
        let admitted = Counter()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<5 {
                group.addTask {
                    let admission = try await breaker.admit(deadline: nil)
                    if admission.isProbe {
                        probes.increment()
                    }
                    admitted.increment()
                    #expect(admission.waited == .seconds(30))
                }
            }
            // Nobody may pass before the pause is over.
            while clock.sleeperCount < 5 { await Task.yield() }
            #expect(admitted.value == 0)
            clock.advance(by: .seconds(30))
            while admitted.value < 1 { await Task.yield() }
            // The probe is out; the other four wait for its answer, not for time.
            for _ in 0..<200 { await Task.yield() }
            #expect(admitted.value == 1)
            #expect(probes.value == 1)
            breaker.record(.response(status: 200, headers: [:]), wasProbe: true)
            try await group.waitForAll()
        }
        #expect(probes.value == 1)
        #expect(admitted.value == 5)
        #expect(breaker.current == .closed(consecutive503: 0))
    }
}

final class Counter: Sendable {
    private let count = Mutex(0)
    var value: Int { count.withLock { $0 } }
    func increment() { count.withLock { $0 += 1 } }
}
