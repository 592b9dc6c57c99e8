import Timekeeping

/// A sliding one-minute window per key on the injected clock, as the platform enforces per
/// client: the request that would be number `limit + 1` within the last 60 s is refused and
/// told when the oldest one leaves the window.
struct RateLimiter: Sendable {
    let limit: Int
    let window: Duration
    private var history: [String: [Moment]] = [:]

    init(limit: Int, window: Duration = .seconds(60)) {
        self.limit = limit
        self.window = window
    }

    /// nil when admitted (and counted); otherwise whole seconds to wait (at least 1).
    mutating func admit(_ key: String, now: Moment) -> Int? {
        guard limit > 0 else { return nil }
        var moments = history[key, default: []]
        let horizon = now.advanced(by: .zero - window)
        if let keep = moments.firstIndex(where: { $0 > horizon }) {
            if keep > 0 { moments.removeFirst(keep) }
        } else {
            moments.removeAll(keepingCapacity: true)
        }
        if moments.count >= limit {
            let wait = now.duration(to: moments[moments.count - limit].advanced(by: window))
            history[key] = moments
            return max(1, Int(wait.seconds.rounded(.up)))
        }
        moments.append(now)
        history[key] = moments
        return nil
    }
}
