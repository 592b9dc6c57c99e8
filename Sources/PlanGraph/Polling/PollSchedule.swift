import Foundation
import Timekeeping

/// The polling intervals a policy produces: exponential from `initialInterval` by `multiplier`,
/// capped at `maxInterval`, never below the 15 s floor the guide sets against 429s.
public struct PollSchedule: Sendable, Hashable, Codable {
    public static let floor: Duration = .seconds(15)

    public var policy: PollingSettings
    public var maxWait: Duration

    public init(policy: PollingSettings, maxWait: Duration) {
        self.policy = policy
        self.maxWait = maxWait
    }

    /// The interval before poll number `index` (0 is the first poll after submission), before jitter.
    public func interval(at index: Int) -> Duration {
        let initial = max(policy.initialInterval, Self.floor).seconds
        let cap = max(policy.maxInterval, Self.floor).seconds
        let grown = initial * pow(max(policy.multiplier, 1), Double(min(index, 64)))
        return .milliseconds(Int64((min(grown, cap) * 1000).rounded()))
    }

    /// The first `count` intervals.
    public func firstIntervals(_ count: Int) -> [Duration] {
        (0..<count).map(interval(at:))
    }

    /// The most status requests the budget allows: jitter only shortens waits, but never below
    /// the floor, so the floor bounds the count from above.
    public var worstCaseStatusRequests: Int {
        Int((maxWait.seconds / Self.floor.seconds).rounded(.down)) + 1
    }

    /// Status requests when every wait is the full, un-jittered interval and the job runs the whole budget.
    public var statusRequestsWithoutJitter: Int {
        var elapsed: Duration = .zero
        var index = 0
        while elapsed < maxWait {
            elapsed += interval(at: index)
            index += 1
        }
        return index
    }
}
