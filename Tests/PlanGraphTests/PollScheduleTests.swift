import PlanGraph
import RefreshPlan
import Testing

@Suite("polling schedule")
struct PollScheduleTests {
    @Test func growsByTheMultiplierUpToTheCap() {
        let schedule = PollSchedule(policy: PollingSettings(initialInterval: .seconds(15), multiplier: 2, maxInterval: .seconds(120)), maxWait: .seconds(4 * 3600))
        #expect(schedule.firstIntervals(6) == [.seconds(15), .seconds(30), .seconds(60), .seconds(120), .seconds(120), .seconds(120)])
    }

    @Test func neverBelowTheFifteenSecondFloor() {
        let schedule = PollSchedule(policy: PollingSettings(initialInterval: .seconds(5), multiplier: 1, maxInterval: .seconds(5)), maxWait: .seconds(60))
        #expect(schedule.interval(at: 0) == .seconds(15))
        #expect(schedule.interval(at: 9) == .seconds(15))
    }

    @Test func worstCaseCountsAreBoundedByTheBudget() {
        let schedule = PollSchedule(policy: PollingSettings(), maxWait: .seconds(4 * 3600))
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
        // The longest valid id still names its expansion job and its reruns.
        let longest = String(repeating: "r", count: RunIdGrammar.maxLength)
        #expect(RunTag.runId(in: RunTag.describe("n", runId: longest + "-expanded")) == longest + "-expanded")
        #expect(RunTag.runId(in: RunTag.describe("n", runId: longest + "-12-expanded")) == longest + "-12-expanded")
    }
}

@Suite("run tag")
struct RunTagGrammarTests {
    @Test func onlyAWellFormedTagThatEndsTheDescriptionNamesARun() {
        #expect(RunTag.runId(in: RunTag.describe("nightly", runId: "github-run-id-42")) == "github-run-id-42")
        #expect(RunTag.runId(in: RunTag.describe("nightly", runId: "github-run-id-42") + "  \n") == "github-run-id-42", "trailing blanks are tolerated")
        // A plan description that carries a tag of its own cannot speak for another run.
        #expect(RunTag.runId(in: RunTag.describe("copy [sandbox-refresh run=other]", runId: "mine")) == "mine")
        #expect(RunTag.runId(in: "[sandbox-refresh run=other] then text") == nil, "a tag must end the description")
        #expect(RunTag.runId(in: "x [sandbox-refresh run=a]b]") == nil, "']' cannot be part of an id")
        #expect(RunTag.runId(in: "x [sandbox-refresh run=../up]") == nil)
        #expect(RunTag.runId(in: "x [sandbox-refresh run=]") == nil)
        #expect(RunTag.runId(in: nil) == nil)
        // The longest valid id still names its expansion job and its reruns.
        let longest = String(repeating: "r", count: RunIdGrammar.maxLength)
        #expect(RunTag.runId(in: RunTag.describe("n", runId: longest + "-expanded")) == longest + "-expanded")
        #expect(RunTag.runId(in: RunTag.describe("n", runId: longest + "-12-expanded")) == longest + "-12-expanded")
    }

    @Test func theGrammarIsOnePathComponentThatCannotClimbOrEndATag() {
        for valid in ["a", "github-run-id-123", "sr-20261130-010203-1x", "A.b_c-9", String(repeating: "x", count: 100)] {
            #expect(RunIdGrammar.problem(valid) == nil, "\(valid)")
        }
        for invalid in ["", ".", "..", "../x", "a/b", "-x", "_x", "a]", "a b", "a\nb", "é", String(repeating: "x", count: 101)] {
            #expect(RunIdGrammar.problem(invalid) != nil, "\(invalid)")
        }
    }
}
