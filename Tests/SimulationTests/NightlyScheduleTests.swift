import EmulatorCore
import Executor
import Foundation
@testable import Simulation
import Testing

/// Nightly schedules in the simulator: the nights of a seed run a day apart through one journal,
/// and from the second night on, polling reads the earlier nights from it.
@Suite("nightly schedules")
struct NightlyScheduleTests {
    @Test func laterNightsPollWithTheHistoryTheJournalKept() async {
        var options = SimulationOptions(faultIntensity: 0, crashProbability: 0, parallelism: 1)
        options.nights = 4
        options.trace = true
        let result = await SeedRunner.run(seed: 7, options: options)
        #expect(result.setupError == nil)
        #expect(result.runs.count == 4)
        let history = result.trace.filter { $0.contains("event poll.history") }
        if ProcessInfo.processInfo.environment["NIGHTLY_TRACE"] != nil {
            print(result.trace.filter { $0.contains("event poll") || $0.contains("refresh accepted") || $0.contains("COMPLETED after") }.joined(separator: "\n"))
            print(result.runs.map { "\($0.runId) \($0.outcome) requests \($0.statusRequests) lag \($0.detectionLag ?? -1)" }.joined(separator: "\n"))
        }
        // Night 1 has no history; nights 2, 3 and 4 read 1, 2 and 3 earlier refreshes.
        #expect(history.count == 3, "\(history)")
        #expect(history.contains { $0.contains("3 earlier refreshes") })
    }
}
