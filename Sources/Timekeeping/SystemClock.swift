import Foundation

/// Real time: a monotonic timeline anchored at the wall date the clock was made.
public struct SystemClock: InjectedClock {
    public let epoch: Date
    private let start: ContinuousClock.Instant

    public init() {
        epoch = Date()
        start = ContinuousClock.now
    }

    public var now: Moment { Moment(sinceEpoch: ContinuousClock.now - start) }
    public var minimumResolution: Duration { .milliseconds(1) }

    public func sleep(until deadline: Moment, tolerance: Duration?) async throws {
        try await ContinuousClock().sleep(until: start.advanced(by: deadline.sinceEpoch), tolerance: tolerance)
    }
}
