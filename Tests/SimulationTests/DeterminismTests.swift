import Simulation
import Testing
import Timekeeping

@Suite("determinism")
struct DeterminismTests {
    @Test(arguments: [UInt64(7), 42, 1234])
    func sameSeedGivesTheSameHistory(seed: UInt64) async {
        for plans in [1, 3] {
            let options = SimulationOptions(concurrentPlans: plans)
            let first = await SeedRunner.run(seed: seed, options: options)
            let second = await SeedRunner.run(seed: seed, options: options)
            #expect(first.requests > 0)
            #expect(first.digest == second.digest, "seed \(seed) with \(plans) plans replayed differently")
            #expect(first.runs == second.runs)
            #expect(first.faultsFired == second.faultsFired)
        }
    }

    @Test func differentSeedsGiveDifferentHistories() async {
        var digests = Set<String>()
        for seed in UInt64(1)...20 { digests.insert(await SeedRunner.run(seed: seed, options: SimulationOptions()).digest) }
        #expect(digests.count == 20)
    }

    @Test func theClockRunsParticipantsInDeadlineOrder() async {
        let clock = SimulationClock()
        let order = Recorder()
        _ = await clock.run([
            { @Sendable in try? await clock.sleep(for: .seconds(30)); order.add("a@30") ; try? await clock.sleep(for: .seconds(30)); order.add("a@60") },
            { @Sendable in try? await clock.sleep(for: .seconds(45)); order.add("b@45") },
            { @Sendable in order.add("c@0"); try? await clock.sleep(for: .seconds(60)); order.add("c@60") },
        ])
        // At 60 s both wait; c parked first (at 0 s), so it goes first.
        #expect(order.values == ["c@0", "a@30", "b@45", "c@60", "a@60"])
        #expect(clock.now == Moment.epoch.advanced(by: .seconds(60)))
    }
}

final class Recorder: Sendable {
    private let storage = Mutex<[String]>([])
    func add(_ value: String) { storage.withLock { $0.append(value) } }
    var values: [String] { storage.withLock { $0 } }
}

import Synchronization
