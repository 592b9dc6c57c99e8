@testable import EmulatorCore
import Testing
import Timekeeping

@Suite("progress profiles")
struct ProgressProfileTests {
    func timeline(_ profile: ProgressProfile) -> JobTimeline {
        JobTimeline(scope: try! RefreshScope.parse("ARCHITECT,ROUTING").get(), production: World.generate(WorldSpec(seed: 3)).production, profile: profile)
    }

    @Test(arguments: ProgressProfile.allCases)
    func progressNeverFallsStaysBelow100UntilTheEndAndTakesTheSameTime(_ profile: ProgressProfile) {
        let line = timeline(profile)
        #expect(line.total == timeline(.standard).total, "the shape changes, not the duration")
        var last = 0
        let steps = 500
        for step in 0...steps {
            let at = line.total * (Double(step) / Double(steps))
            let progress = line.progress(at: at)
            #expect(progress >= last, "\(profile) fell from \(last) to \(progress)")
            #expect(step == steps ? progress == 100 : progress < 100)
            last = progress
        }
    }

    @Test(arguments: ProgressProfile.allCases)
    func theOffsetReachingAPercentIsWhereTheCurveFirstReadsIt(_ profile: ProgressProfile) {
        let line = timeline(profile)
        for percent in [10, 57, 90, 97] {
            let at = line.offset(reaching: percent)
            let reached = line.progress(at: at)
            // The standard curve's closed form may read one point short at the exact instant (integer truncation).
            #expect(reached >= percent - (profile == .standard ? 1 : 0) || (profile == .jumps && percent > 80), "\(profile) at \(percent)%: \(reached)")
            if at > line.queued + .milliseconds(5) {
                #expect(line.progress(at: at - .milliseconds(5)) < max(percent, reached) || reached > percent, "\(profile): not the first moment for \(percent)%")
            }
        }
    }

    @Test func theShapesDiffer() {
        let middle = timeline(.standard).total / 2
        let readings = Set(ProgressProfile.allCases.map { timeline($0).progress(at: middle) })
        #expect(readings.count >= 5, "\(readings)")
        #expect(timeline(.plateau).progress(at: timeline(.plateau).total * 0.75) >= 95)
        #expect(timeline(.backLoaded).progress(at: middle) < 20)
    }
}
