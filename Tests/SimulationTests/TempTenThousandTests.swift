import Simulation
import Testing
import Foundation

@Suite("temp") struct TempTenThousandTests {
    @Test func tenThousand() async {
        guard let n = ProcessInfo.processInfo.environment["SIM_SEEDS"].flatMap(UInt64.init) else { return }
        let k = ProcessInfo.processInfo.environment["SIM_K"].flatMap(Int.init) ?? 1
        let start = ContinuousClock.now
        let summary = await Simulator.run(seeds: 1..<(1 + n), options: SimulationOptions(concurrentPlans: k))
        print(summary.render(planPath: nil, concurrentPlans: k, elapsed: ContinuousClock.now - start))
    }
}
