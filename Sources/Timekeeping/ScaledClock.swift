import Foundation

/// Real time sped up by a factor, for demos and rehearsals: with `scale` 240, a four-hour
/// refresh plays out in one minute. Both the emulator and the executor read the same instance.
public struct ScaledClock: InjectedClock {
    public let epoch: Date
    public let scale: Double
    private let start: ContinuousClock.Instant

    public init(scale: Double, epoch: Date = Date()) {
        precondition(scale > 0, "time scale must be positive")
        self.scale = scale
        self.epoch = epoch
        start = ContinuousClock.now
    }

    public var now: Moment {
        Moment(sinceEpoch: (ContinuousClock.now - start) * scale)
    }

    public var minimumResolution: Duration { .milliseconds(1) }

    public func sleep(until deadline: Moment, tolerance: Duration?) async throws {
        let remaining = now.duration(to: deadline)
        guard remaining > .zero else {
            try Task.checkCancellation()
            return
        }
        try await ContinuousClock().sleep(for: remaining / scale, tolerance: nil)
    }
}
