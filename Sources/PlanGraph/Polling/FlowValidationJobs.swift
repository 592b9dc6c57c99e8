/// How a validation job (`gates.validateFlows.method: validate-jobs`) is waited for: its state
/// is read after `firstInterval`, then at doubling intervals up to `maxInterval`, until it ends
/// or the plan's `jobTimeout` passes. Jobs take seconds, not the minutes of a refresh, so the
/// refresh polling floor does not apply.
public enum FlowValidationJobs {
    public static let firstInterval: Duration = .seconds(2)
    public static let maxInterval: Duration = .seconds(15)

    /// The wait before status read number `n` (1-based).
    public static func interval(before n: Int) -> Duration {
        var wait = firstInterval
        for _ in 1..<max(n, 1) { wait = min(wait * 2, maxInterval) }
        return wait
    }

    /// Status reads a job of `duration` needs at most.
    public static func reads(for duration: Duration) -> Int {
        var elapsed = Duration.zero, n = 0
        while elapsed < duration {
            n += 1
            elapsed += interval(before: n)
        }
        return max(n, 1)
    }
}
