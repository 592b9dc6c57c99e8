import Foundation
import Testing
@testable import RefreshPlan

@Suite struct ModelTests {
    @Test func durationsParseAndFormat() {
        #expect(DurationText.parse("15s") == .seconds(15))
        #expect(DurationText.parse("2m") == .seconds(120))
        #expect(DurationText.parse("1h30m") == .seconds(5400))
        #expect(DurationText.parse("4h") == .seconds(14400))
        #expect(DurationText.parse("1h0m5s") == .seconds(3605))
        for bad in ["", "15", "1.5h", "-5s", "5s1m", "h", "1hh", "1d", " 1s", "1s ", "99999999h"] {
            #expect(DurationText.parse(bad) == nil, "\(bad)")
        }
        #expect(DurationText.format(.seconds(5400)) == "1h30m")
        #expect(DurationText.format(.seconds(3605)) == "1h5s")
        #expect(DurationText.format(.zero) == "0s")
    }

    @Test func scopeKeepsDependencyOrder() {
        #expect(Domain.dependencyOrder == [.ROUTING, .ARCHITECT, .ADMIN, .WFM, .ICM])
        let scope = Scope.of([.ICM, .ARCHITECT, .ROUTING])
        #expect(scope.wireValue == "ROUTING,ARCHITECT,ICM")
        #expect(Scope.of([.ARCHITECT]).adding([.ROUTING, .ARCHITECT]) == .domains([.ROUTING, .ARCHITECT]))
        #expect(Scope.all.wireValue == "ALL" && Scope.all.adding([.ICM]) == .all)
        #expect(Scope.all.effectiveDomains == Domain.dependencyOrder)
        #expect(Domain.allCases.allSatisfy { !$0.brings.isEmpty && !$0.breaksIfOmitted.isEmpty })
    }

    @Test func decodedScopeIsSortedWhateverTheOrderWritten() throws {
        let plan = try #require(TestSupport.load(TestPlans.plan(scope: "[ARCHITECT, ROUTING]")).plan)
        #expect(plan.refresh.scope.wireValue == "ROUTING,ARCHITECT")
    }

    @Test func regionsMapNamesAndDomains() {
        #expect(Regions.domain(for: "us-east-1") == "mypurecloud.com")
        #expect(Regions.domain(for: "mypurecloud.ie") == "mypurecloud.ie")
        #expect(Regions.domain(for: "eusc-de-east-1") == "edee1.eusc-pure.cloud")
        #expect(Regions.domain(for: "EU-WEST-2") == "euw2.pure.cloud")
        #expect(Regions.domain(for: "mypurecloud.co") == nil)
        #expect(Regions.table.count == 18)
    }

    @Test func cronValidation() {
        for good in ["0 2 * * *", "*/15 * * * *", "0 6 1 1,4,7,10 *", "30 3 * * SAT", "0 0 * JAN-MAR MON-FRI", "5-55/10 8-18 * * 1-5", "0 0 * * 7"] {
            if case .failure(let e) = CronSchedule.parse(good) { Issue.record("\(good): \(e.message)") }
        }
        for bad in ["61 * * * *", "* 24 * * *", "* * 0 * *", "* * * 13 *", "* * * * 8", "*/0 * * * *", "5-1 * * * *", "* * * *", "* * * * * *", "@daily", "1,,2 * * * *", "* * * FOO *"] {
            if case .success = CronSchedule.parse(bad) { Issue.record("accepted \(bad)") }
            #expect(CronSchedule.problem(in: bad) != nil, "\(bad)")
        }
        #expect(CronSchedule.problem(in: "* * * FOO *")?.message.contains("invalid month 'FOO'") == true)
        #expect(CronSchedule.problem(in: "0 2 * * *") == nil)
        let sets = try? CronSchedule.parse("5-55/10 8-18 * JAN,MAR 7").get()
        #expect(sets == [[5, 15, 25, 35, 45, 55], Set(8...18), Set(1...31), [1, 3], [0]])
        #expect((try? CronSchedule.parse("*/20 0 * * *").get())?.first == [0, 20, 40])
    }

    @Test func cronNextFireDates() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let start = try #require(calendar.date(from: DateComponents(year: 2025, month: 1, day: 1, hour: 3)))
        let dates = CronSchedule(expression: "0 2 * * *").nextFireDates(after: start, count: 2, calendar: calendar)
        #expect(dates.map { calendar.component(.day, from: $0) } == [2, 3])
        #expect(dates.allSatisfy { calendar.component(.hour, from: $0) == 2 && calendar.component(.minute, from: $0) == 0 })
        let saturday = CronSchedule(expression: "30 3 * * SAT").nextFireDates(after: start, count: 1, calendar: calendar)
        #expect(saturday.first.map { calendar.component(.weekday, from: $0) } == 7)
    }

    /// Schema defaults are decoded once per process and reused: every plan that leaves a policy
    /// out gets the model's defaults, and a plan that sets one part keeps the rest at default.
    @Test func defaultsAreTheSameForEveryPlanThatLeavesThemOut() throws {
        for _ in 0..<3 {
            let plan = try #require(TestSupport.load(TestPlans.plan()).plan)
            #expect(plan.refresh.polling == PollingPolicy())
            #expect(plan.refresh.retry == RetryPolicy() && plan.refresh.circuitBreaker == CircuitBreakerPolicy())
            let tuned = try #require(TestSupport.load(TestPlans.plan(refresh: "  polling: {multiplier: 1.5}")).plan)
            #expect(tuned.refresh.polling == PollingPolicy(multiplier: 1.5))
        }
    }

    @Test func planEncodesDurationsAsText() throws {
        let plan = try #require(TestSupport.load(TestPlans.plan(refresh: "  maxWait: 1h30m")).plan)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(plan), as: UTF8.self)
        #expect(json.contains("\"maxWait\":\"1h30m\""))
        #expect(json.contains("\"initialInterval\":\"15s\""))
        #expect(json.contains("\"scope\":\"ROUTING,ARCHITECT\""))
        #expect(try JSONDecoder().decode(Plan.self, from: Data(json.utf8)) == plan)
    }

    @Test func specsDecodeToTheIntendedPlans() throws {
        let loader = PlanLoader(environment: [:])
        let dev = try #require(loader.load(path: TestSupport.repoRoot + "/specs/dev.yaml").plan)
        #expect(dev.refresh.scope == .domains([.ROUTING, .ARCHITECT]))
        #expect(dev.sandbox.id == "sandbox-dev-01" && dev.production.region == "mypurecloud.com")
        #expect(dev.schedule?.expression == "0 2 * * *")
        #expect(dev.masking.rules.count == 3 && dev.masking.rules[0].action == .partial(keepFirst: 0, keepLast: 4))
        let audit = try #require(loader.load(path: TestSupport.repoRoot + "/specs/compliance-audit.yaml").plan)
        #expect(audit.refresh.scope == .all && audit.refresh.justification == .complianceAudit)
        #expect(audit.gates.trunkIsolation && audit.gates.piiScan?.detectors == ["creditCard", "ssn", "iban"])
        let qa = try #require(loader.load(path: TestSupport.repoRoot + "/specs/qa.yaml").plan)
        #expect(qa.reachableDomains == [.ROUTING, .ARCHITECT])
        #expect(qa.schedule?.timezone == "America/New_York")
    }
}
