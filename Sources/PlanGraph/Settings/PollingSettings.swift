/// How waits between status requests are spread: not at all, over the whole interval, or over
/// its upper half.
public enum PollJitter: String, Sendable, Hashable, Codable, CaseIterable {
    case none, full, equal
}

/// Exponential backoff for status polling, as the poll node carries it (`refresh.polling`).
public struct PollingSettings: Sendable, Hashable, Codable {
    public var initialInterval: Duration
    public var multiplier: Double
    public var maxInterval: Duration
    public var jitter: PollJitter

    public init(initialInterval: Duration = .seconds(15), multiplier: Double = 2, maxInterval: Duration = .seconds(120), jitter: PollJitter = .full) {
        self.initialInterval = initialInterval
        self.multiplier = multiplier
        self.maxInterval = maxInterval
        self.jitter = jitter
    }
}
