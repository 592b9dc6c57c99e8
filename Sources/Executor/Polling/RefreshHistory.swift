import Foundation

/// What the journal knows of one earlier refresh of the same sandbox and scope: every status it
/// observed, as seconds since the refresh was submitted, and the two observations that bracket
/// its completion. The guide asks to "log each polling cycle with timestamps to enable
/// retrospective performance analysis"; this is that analysis, fed back into polling.
public struct PastRefresh: Sendable, Hashable, Codable {
    public struct Observation: Sendable, Hashable, Codable {
        /// Seconds since submission.
        public var elapsed: Double
        public var progress: Int

        public init(elapsed: Double, progress: Int) {
            self.elapsed = elapsed
            self.progress = progress
        }
    }

    /// Observations before completion (QUEUED and IN_PROGRESS), in time order.
    public var observations: [Observation]
    /// The last moment the refresh was seen not yet COMPLETED (0: never seen running).
    public var runningAt: Double
    /// The first moment it was seen COMPLETED.
    public var completedBy: Double

    public init(observations: [Observation], runningAt: Double, completedBy: Double) {
        self.observations = observations
        self.runningAt = runningAt
        self.completedBy = completedBy
    }

    /// The completion, as well as the observations tell it: the middle of its bracket.
    public var duration: Double { (runningAt + completedBy) / 2 }

    /// How history is keyed: the scope's domains, sorted, so "ROUTING,ARCHITECT" and
    /// "ARCHITECT, ROUTING" are the same refresh.
    public static func scopeKey(_ scope: String) -> String {
        scope.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.filter { !$0.isEmpty }.sorted().joined(separator: ",")
    }
}

/// Where the history of a sandbox and scope puts the completion of tonight's refresh.
///
/// Each past refresh is read as a curve of progress against the fraction of its duration. If
/// tonight's refresh reads like it, stretched to a duration `D`, then tonight's observation of
/// `p` % at `t` and a past one of `q` % at fraction `φ` say `D < t/φ` when `q < p` (tonight got
/// further by `t`) and `D > t/φ` when `q > p`. Nights differ (durations by a fifth, curve shapes a
/// little), so the constraints disagree; the window is where the fewest are violated, widened
/// by how loosely the past completions were observed. The past durations themselves add weak
/// constraints (tonight within 0.75x to 1.33x of each), which is all there is before the first
/// observation. No curve shape is assumed: flat stretches (plateaus, stalls, jumps) only give
/// fewer constraints.
public enum CompletionWindow {
    /// Tonight's duration is expected within these factors of each past one (weak constraints).
    static let priorRange = 0.75...1.33
    /// Only tonight's latest observations (first and last of each of the latest progress values)
    /// are compared: the later in its curve a job is, the less the curve's night-to-night
    /// wobble moves it, and earlier readings would outvote the sharper late ones.
    static let recentObservations = 4
    /// A night whose curve must be stretched more than this to match tonight explains nothing.
    static let maxStretch = 3.0
    /// At most this many past refreshes are read (the newest).
    public static let maxHistory = 10

    struct Bound {
        var value: Double
        var lower: Bool
    }

    /// The window `(earliest, latest)` of completion, in seconds since submission, or nil when
    /// the history says nothing useful: none, or tonight's refresh is already later than the
    /// history can explain (a slow night or a stall; the policy's backoff then applies).
    ///
    /// - Parameters:
    ///   - observations: tonight's, first and last of each progress value are enough.
    ///   - runningAt: the last moment tonight's refresh was seen running.
    static func estimate(history: [PastRefresh], observations: [PastRefresh.Observation], runningAt: Double) -> (earliest: Double, latest: Double)? {
        let past = history.filter { $0.completedBy > 0 && $0.completedBy >= $0.runningAt && $0.duration > 0 }
        guard !past.isEmpty else { return nil }
        var windows: [(earliest: Double, latest: Double)] = []
        for night in past {
            guard let window = window(night: night, observations: observations), window.latest > runningAt,
                  // Stretched beyond any plausible night (a stall reads as an endless stretch):
                  // this night does not explain tonight.
                  window.earliest <= night.duration * maxStretch else { continue }
            windows.append(window)
        }
        // Tonight is later than every night can explain (a slow night or a stall).
        guard !windows.isEmpty else { return nil }
        let earliest = windows.map(\.earliest).sorted()[(windows.count - 1) / 2]
        let latest = windows.map(\.latest).sorted()[windows.count / 2]
        return (max(earliest, runningAt), max(latest, runningAt, earliest))
    }

    /// Tonight's duration if it reads like `night`: where the fewest constraints are violated.
    static func window(night: PastRefresh, observations: [PastRefresh.Observation]) -> (earliest: Double, latest: Double)? {
        var bounds: [Bound] = [Bound(value: night.duration * priorRange.lowerBound, lower: true),
                               Bound(value: night.duration * priorRange.upperBound, lower: false)]
        let points = Self.extremes(night.observations)
        for tonight in observations.suffix(recentObservations) where tonight.elapsed > 0 {
            for point in points where point.elapsed > 0 && point.progress != tonight.progress {
                let fraction = point.elapsed / night.duration
                bounds.append(Bound(value: tonight.elapsed / fraction, lower: point.progress > tonight.progress))
            }
        }
        // Violations as a step function of D: sweep the bounds in order.
        bounds.sort { $0.value < $1.value }
        let values = bounds.map(\.value)
        var violated = bounds.filter(\.lower).count // below every bound, every lower bound is violated
        // Regions: (0, v0), (v0, v1), ... (vn-1, inf); region i lies below values[i].
        var counts: [Int] = [violated]
        for bound in bounds {
            if bound.lower { violated -= 1 } else { violated += 1 }
            counts.append(violated)
        }
        guard let best = counts.min(), let first = counts.firstIndex(of: best), let last = counts.lastIndex(of: best) else { return nil }
        let earliest = first == 0 ? 0 : values[first - 1]
        let latest = last == values.count ? Double.infinity : values[last]
        guard latest.isFinite else { return nil }
        // The night's completion was observed within a bracket: widen by half of it.
        let slack = (night.completedBy - night.runningAt) / 2 / night.duration
        return (earliest * (1 - slack), latest * (1 + slack))
    }

    /// When `progress` reaches 100 if it keeps rising as it has: the longest recent run of
    /// observations that one straight line can pass through (each reading `p` stands for a true
    /// progress in `[p, p + 1)`), extrapolated from the last one with the slowest and fastest
    /// slope that line may have. Nil while progress is flat or the line cannot be told (fewer
    /// than two readings on it). Non-linear stretches give short runs and wide ranges, which
    /// the caller weighs; nothing here assumes a curve.
    static func linear(_ observations: [PastRefresh.Observation]) -> (earliest: Double, latest: Double)? {
        let points = observations.filter { $0.progress > 0 && $0.progress < 100 }
        guard points.count >= 2, let last = points.last else { return nil }
        var slowest = 0.0, fastest = Double.infinity
        var start = points.count - 1
        while start > 0 {
            let candidate = points[start - 1]
            var low = slowest, high = fastest
            for later in points[start...] {
                let dt = later.elapsed - candidate.elapsed
                guard dt > 0 else { continue }
                let dp = Double(later.progress - candidate.progress)
                low = max(low, (dp - 1) / dt)
                high = min(high, (dp + 1) / dt)
            }
            guard low <= high else { break }
            slowest = low
            fastest = high
            start -= 1
        }
        guard start < points.count - 1, points[start].progress < last.progress, slowest > 0, fastest.isFinite else { return nil }
        let remaining = Double(100 - last.progress)
        return (last.elapsed + (remaining - 1) / fastest, last.elapsed + remaining / slowest)
    }

    /// The first and the last observation of each progress value: the only ones that can bound.
    static func extremes(_ observations: [PastRefresh.Observation]) -> [PastRefresh.Observation] {
        var result: [PastRefresh.Observation] = []
        for observation in observations {
            if let last = result.last, last.progress == observation.progress {
                if result.count >= 2, result[result.count - 2].progress == observation.progress {
                    result[result.count - 1] = observation
                } else {
                    result.append(observation)
                }
            } else {
                result.append(observation)
            }
        }
        return result
    }
}
