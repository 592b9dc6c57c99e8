import Foundation

/// An instant on an injected timeline: the time elapsed since the clock's epoch.
public struct Moment: InstantProtocol, Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var sinceEpoch: Duration

    public init(sinceEpoch: Duration) {
        self.sinceEpoch = sinceEpoch
    }

    public static let epoch = Moment(sinceEpoch: .zero)

    public func advanced(by duration: Duration) -> Moment {
        Moment(sinceEpoch: sinceEpoch + duration)
    }

    public func duration(to other: Moment) -> Duration {
        other.sinceEpoch - sinceEpoch
    }

    public static func < (lhs: Moment, rhs: Moment) -> Bool {
        lhs.sinceEpoch < rhs.sinceEpoch
    }

    public var description: String { "T+\(sinceEpoch.formattedSeconds)" }
}

/// Every component that waits or reads the time takes one of these, so tests and simulations
/// can run hours of refresh in milliseconds.
public protocol InjectedClock: Clock, Sendable where Instant == Moment, Duration == Swift.Duration {
    /// The wall-clock date at `Moment.epoch`.
    var epoch: Date { get }
}

extension InjectedClock {
    public func date(at moment: Moment) -> Date {
        epoch.addingTimeInterval(moment.sinceEpoch.seconds)
    }

    public var nowDate: Date { date(at: now) }

    public func sleep(for duration: Duration) async throws {
        try await sleep(until: now.advanced(by: duration), tolerance: nil)
    }
}

extension Duration {
    /// Seconds as a floating-point number.
    public var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }

    /// `15s`, `2m`, `1h30m`, `250ms`: the same notation plans use.
    public var formattedSeconds: String {
        let total = seconds
        if total < 1, total > 0 { return "\(Int((total * 1000).rounded()))ms" }
        var remaining = Int(total.rounded())
        if remaining == 0 { return "0s" }
        var text = ""
        if remaining >= 3600 { text += "\(remaining / 3600)h"; remaining %= 3600 }
        if remaining >= 60 { text += "\(remaining / 60)m"; remaining %= 60 }
        if remaining > 0 { text += "\(remaining)s" }
        return text
    }
}
