import Executor
import Foundation
import Synchronization

/// The process dies at its Nth journal write: writes before it land, that one and every later
/// one fail, and the task is cancelled. The executor stops at the failed write exactly as a
/// killed process would stop at that instant (nothing after it is sent or written).
final class CrashAfter: RunJournaling {
    struct Killed: Error {}

    let inner: any RunJournaling
    let survivingWrites: Int
    private let count = Mutex(0)

    init(_ survivingWrites: Int, _ inner: any RunJournaling) {
        self.survivingWrites = survivingWrites
        self.inner = inner
    }

    func record(_ entry: JournalEntry, runId: String, at: Date) async throws {
        let n = count.withLock { count -> Int in
            count += 1
            return count
        }
        guard n <= survivingWrites else {
            withUnsafeCurrentTask { $0?.cancel() }
            throw Killed()
        }
        try await inner.record(entry, runId: runId, at: at)
    }
}

/// Counts the writes of a whole run, and keeps their kinds, to know every crash point.
final class CountingJournal: RunJournaling {
    let inner: any RunJournaling
    private let kinds = Mutex<[String]>([])

    init(_ inner: any RunJournaling) { self.inner = inner }

    var written: [String] { kinds.withLock { $0 } }

    func record(_ entry: JournalEntry, runId: String, at: Date) async throws {
        try await inner.record(entry, runId: runId, at: at)
        kinds.withLock { $0.append(entry.kind) }
    }
}
