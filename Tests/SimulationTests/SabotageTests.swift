import Simulation
import Testing

/// A deliberately broken client stack must be caught within the CI seed budget (2000 seeds).
@Suite("sabotage is caught")
struct SabotageTests {
    static let ciBudget: UInt64 = 2000

    @Test(arguments: [
        (Sabotage.validateBeforeCompleted, Invariant.nothingBeforeCompleted),
        (.pollFasterThanFloor, .pollingFloor),
        (.retryNonRetryable, .noRetryOfNonRetryable),
    ])
    func brokenVariantIsCaught(sabotage: Sabotage, invariant: Invariant) async {
        var caughtAt: UInt64?
        for seed in 1...Self.ciBudget {
            let result = await SeedRunner.run(seed: seed, options: SimulationOptions(sabotage: sabotage))
            if result.violations.contains(where: { $0.invariant == invariant }) {
                caughtAt = seed
                break
            }
        }
        #expect(caughtAt != nil, "\(sabotage.rawValue) went unnoticed for \(Self.ciBudget) seeds")
        print("\(sabotage.rawValue): caught by \(invariant.rawValue) at seed \(caughtAt ?? 0)")
    }
}
