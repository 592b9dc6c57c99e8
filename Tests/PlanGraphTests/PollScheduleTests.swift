import PlanGraph
import RefreshPlan
import Testing

@Suite("polling schedule")
struct PollScheduleTests {
    @Test func growsByTheMultiplierUpToTheCap() {
        let schedule = PollSchedule(policy: PollingPolicy(initialInterval: .seconds(15), multiplier: 2, maxInterval: .seconds(120)), maxWait: .seconds(4 * 3600))
        #expect(schedule.firstIntervals(6) == [.seconds(15), .seconds(30), .seconds(60), .seconds(120), .seconds(120), .seconds(120)])
    }

    @Test func neverBelowTheFifteenSecondFloor() {
        let schedule = PollSchedule(policy: PollingPolicy(initialInterval: .seconds(5), multiplier: 1, maxInterval: .seconds(5)), maxWait: .seconds(60))
        #expect(schedule.interval(at: 0) == .seconds(15))
        #expect(schedule.interval(at: 9) == .seconds(15))
    }

    @Test func worstCaseCountsAreBoundedByTheBudget() {
        let schedule = PollSchedule(policy: PollingPolicy(), maxWait: .seconds(4 * 3600))
        #expect(schedule.worstCaseStatusRequests == 961)
        // 15+30+60 = 105 s, then 2-minute steps: 3 + ceil((14400-105)/120) = 3 + 120
        #expect(schedule.statusRequestsWithoutJitter == 123)
    }
}

@Suite("run tags")
struct RunTagTests {
    @Test func roundTrip() {
        let description = RunTag.describe("Automated nightly sync", runId: "github-run-id-42")
        #expect(RunTag.runId(in: description) == "github-run-id-42")
        #expect(RunTag.carriesPipelineIdentifier(description))
    }

    @Test func manualRefreshesCarryNoTag() {
        #expect(RunTag.runId(in: "Manual refresh by admin") == nil)
        #expect(!RunTag.carriesPipelineIdentifier("Manual refresh by admin"))
        #expect(RunTag.carriesPipelineIdentifier("Pipeline-Run-1234"))
        #expect(RunTag.runId(in: nil) == nil)
    }
}
