/// How a job's `progress` reads against time. The guide warns that progress "does not guarantee
/// linear time progression"; these shapes are what a poller meets on a real platform, so that
/// polling is measured against curves it was not fitted to (`simulate --polling-report`).
///
/// A curve fixes how progress reads against the fraction of a job's working time, not how long
/// the job takes: that follows from the scope and the org's size (`JobTimeline`) and, with a
/// `NightlyVariation`, varies from night to night (a factor on the working time, occasional slow
/// nights, each phase a little on its own, and a warp of the time axis for these curves), so
/// that the same sandbox's refresh reads alike each night without repeating exactly.
public enum ProgressProfile: String, Sendable, Hashable, Codable, CaseIterable {
    /// The default: the parallel domain phase races to 85 % (square root of its elapsed
    /// fraction), then finalisation crawls linearly to 100 %.
    case standard
    /// Most of the percentage early, a long slow tail.
    case frontLoaded = "front-loaded"
    /// Little progress for a long time, then a rush at the end.
    case backLoaded = "back-loaded"
    /// Reaches 95 % at half time, then creeps from 95 to 99 % on a long plateau.
    case plateau
    /// Rises to 60 %, stops dead for 40 % of the run, then resumes.
    case stallThenResume = "stall-then-resume"
    /// Moves in jumps of 20 points, flat in between.
    case jumps

    /// Percent done (0 ..< 100) after `fraction` (0 ... 1) of the working time. `standard` is
    /// computed by `JobTimeline` from its phases; this covers the others.
    func percent(atFraction fraction: Double) -> Double {
        let f = min(max(fraction, 0), 1)
        switch self {
        case .standard:
            return 100 * f
        case .frontLoaded:
            return 100 * (1 - (1 - f) * (1 - f) * (1 - f))
        case .backLoaded:
            return 100 * f * f * f
        case .plateau:
            return f < 0.5 ? 95 * (f / 0.5) : 95 + 4.99 * ((f - 0.5) / 0.5)
        case .stallThenResume:
            if f < 0.3 { return 60 * (f / 0.3) }
            if f < 0.7 { return 60 }
            return 60 + 40 * ((f - 0.7) / 0.3)
        case .jumps:
            return min(99.99, 20 * (f * 5).rounded(.down))
        }
    }
}
