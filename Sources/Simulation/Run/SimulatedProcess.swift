import Executor
import Foundation
import Synchronization

/// One operating-system process of a simulated run. Killing it is what `kill -9` does to the
/// tool: from that instant it sends nothing, logs nothing and reports nothing, so its log
/// handlers, event sink and transports all ask `isAlive` first. Only the emulator (the platform)
/// and the journal file outlive it.
final class SimulatedProcess: Sendable {
    struct Death: Sendable, Hashable {
        /// 1-based, counted in this process.
        var write: Int
        var kind: String
    }

    /// 1 for the first process of a run, 2 for its first restart, ...
    let number: Int
    private let state = Mutex<Death?>(nil)

    init(number: Int = 1) { self.number = number }

    var isAlive: Bool { state.withLock { $0 == nil } }
    var death: Death? { state.withLock { $0 } }

    func kill(at write: Int, kind: String) {
        state.withLock { if $0 == nil { $0 = Death(write: write, kind: kind) } }
    }
}

/// The journal as a process about to be killed sees it: writes before the crash point land; the
/// write at the crash point does not, the process dies there, and its task is cancelled (the
/// in-process stand-in for SIGKILL, as `CrashAfter` in the journal tests). The executor stops at
/// the failed write exactly as a killed process would stop at that instant.
final class KillSwitch: RunJournaling {
    struct Killed: Error, CustomStringConvertible {
        var description: String { "the process was killed (simulated crash)" }
    }

    let inner: any RunJournaling
    let point: CrashPoint?
    let process: SimulatedProcess
    private let counts = Mutex<(total: Int, byKind: [String: Int])>((0, [:]))

    init(_ inner: any RunJournaling, point: CrashPoint?, process: SimulatedProcess) {
        self.inner = inner
        self.point = point
        self.process = process
    }

    func record(_ entry: JournalEntry, runId: String, at: Date) async throws {
        let kind = entry.kind
        let (n, ofKind) = counts.withLock { counts -> (Int, Int) in
            counts.total += 1
            counts.byKind[kind, default: 0] += 1
            return (counts.total, counts.byKind[kind]!)
        }
        let dies: Bool
        switch point {
        case .write(let target)?: dies = n == target
        case .entry(let target, let occurrence)?: dies = kind == target && ofKind == occurrence
        case nil: dies = false
        }
        if dies { process.kill(at: n, kind: kind) }
        guard process.isAlive else {
            withUnsafeCurrentTask { $0?.cancel() }
            throw Killed()
        }
        try await inner.record(entry, runId: runId, at: at)
    }
}
