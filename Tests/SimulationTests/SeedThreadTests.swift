import Foundation
@testable import Simulation
import Testing

@Suite("seed threads")
struct SeedThreadTests {
    static func currentThread() -> String { String(UInt(pthread_self())) }

    @Test func everyTaskOfASeedRunsOnItsSlotsThreadAcrossSuspensions() async {
        let thread = SeedThread(name: "seed-test")
        defer { thread.stop() }
        let names = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<4 {
                group.addTask(executorPreference: thread) {
                    var seen = [Self.currentThread()]
                    // Child tasks inherit the preference; a suspension comes back to the thread.
                    let child = await withTaskGroup(of: String.self) { inner in
                        inner.addTask { await Task.yield(); return Self.currentThread() }
                        return await inner.next() ?? ""
                    }
                    seen.append(child)
                    await Task.yield()
                    seen.append(Self.currentThread())
                    return seen
                }
            }
            return await group.reduce(into: []) { $0 += $1 }
        }
        #expect(thread.jobsRun > 0)
        #expect(names.count == 12)
        #expect(Set(names) == [String(thread.threadID)], "\(names)")
    }
}
