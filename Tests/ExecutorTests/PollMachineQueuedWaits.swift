import Foundation
import GenesysWire
@testable import Executor
import Timekeeping

extension PollMachine {
    /// The first `count` waits of a refresh that stays QUEUED, each observed when its wait ends;
    /// `unexpected` is the action that ended the waits early, if one did.
    mutating func waitsWhileQueued(_ count: Int) -> (waits: [Duration], unexpected: Action?) {
        let queued = Refresh(id: "r", sandboxId: "sb", status: .queued, progress: 0, scope: "ARCHITECT", description: nil,
                             createdDate: Date(timeIntervalSince1970: 0), completedDate: nil, errorMessage: nil, preserveSandboxUsers: true)
        var now = Moment.epoch
        var waits: [Duration] = []
        var action = start(now: now)
        for _ in 0..<count {
            guard case .wait(let wait) = action else { return (waits, action) }
            waits.append(wait)
            now = now.advanced(by: wait)
            action = observe(queued, now: now)
        }
        return (waits, nil)
    }
}
