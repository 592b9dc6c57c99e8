import GenesysWire
@testable import GenesysClient
import Testing
import Timekeeping

@Suite struct CircuitBreakerStateMachineTests {
    let s503 = AttemptOutcome.response(status: 503, headers: [:])
    let s200 = AttemptOutcome.response(status: 200, headers: [:])

    func machine() -> CircuitBreakerStateMachine {
        CircuitBreakerStateMachine(configuration: CircuitBreakerConfiguration(consecutive503: 3, pause: .seconds(30)))
    }

    @Test func opensAfterConsecutive503sOnly() {
        var breaker = machine()
        #expect(breaker.record(s503, wasProbe: false, now: .seconds(1)) == nil)
        #expect(breaker.record(s503, wasProbe: false, now: .seconds(2)) == nil)
        #expect(breaker.record(s200, wasProbe: false, now: .seconds(3)) == nil)  // resets the run
        #expect(breaker.record(s503, wasProbe: false, now: .seconds(4)) == nil)
        #expect(breaker.record(.networkError(.timeout), wasProbe: false, now: .seconds(4)) == nil)
        #expect(breaker.record(s503, wasProbe: false, now: .seconds(5)) == nil)
        #expect(breaker.record(s503, wasProbe: false, now: .seconds(6)) == .opened(until: .seconds(36)))
        #expect(breaker.state == .open(until: .seconds(36)))
    }

    @Test func openMakesEveryoneWaitThenHalfOpenLetsExactlyOneProbe() {
        var breaker = machine()
        for second in 1...3 { _ = breaker.record(s503, wasProbe: false, now: .seconds(Double(second))) }
        #expect(breaker.permission(now: .seconds(10)).0 == .waitUntil(.seconds(33)))
        #expect(breaker.permission(now: .seconds(32.999)).0 == .waitUntil(.seconds(33)))
        let probe = breaker.permission(now: .seconds(33))
        #expect(probe.0 == .sendProbe && probe.1 == .halfOpened)
        #expect(breaker.permission(now: .seconds(33)).0 == .waitForProbe)
        #expect(breaker.permission(now: .seconds(40)).0 == .waitForProbe)
        #expect(breaker.record(s200, wasProbe: true, now: .seconds(34)) == .closed)
        #expect(breaker.permission(now: .seconds(34)).0 == .send)
    }

    @Test func failedProbeReopens() {
        var breaker = machine()
        for second in 1...3 { _ = breaker.record(s503, wasProbe: false, now: .seconds(Double(second))) }
        _ = breaker.permission(now: .seconds(33))
        #expect(breaker.record(s503, wasProbe: true, now: .seconds(34)) == .reopened(until: .seconds(64)))
        #expect(breaker.permission(now: .seconds(50)).0 == .waitUntil(.seconds(64)))
    }

    @Test func lateAnswersDoNotMoveAnOpenBreaker() {
        var breaker = machine()
        for second in 1...3 { _ = breaker.record(s503, wasProbe: false, now: .seconds(Double(second))) }
        #expect(breaker.record(s200, wasProbe: false, now: .seconds(4)) == nil)
        #expect(breaker.state == .open(until: .seconds(33)))
    }

    @Test func abandonedProbeLetsAnotherCallerProbe() {
        var breaker = machine()
        for second in 1...3 { _ = breaker.record(s503, wasProbe: false, now: .seconds(Double(second))) }
        #expect(breaker.permission(now: .seconds(40)).0 == .sendProbe)
        breaker.abandonProbe()
        #expect(breaker.permission(now: .seconds(40)).0 == .sendProbe)
    }
}
