import Foundation

/// A thread of its own for the seeds run in one slot of `simulate --jobs`. A seed's tasks hand
/// control to each other hundreds of times (every simulated sleep parks a task and resumes
/// another); on the shared pool each hand-off could wake another thread, and a quarter of the
/// simulator's CPU went to those wake-ups. Here a hand-off is a queue append on the same thread.
final class SeedThread: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var stopping = false
    /// Jobs run so far (for tests: proof that work came here).
    private(set) var jobsRun = 0
    /// The thread's id, for tests.
    private(set) var threadID: UInt = 0

    /// `name`: at most 15 bytes, the limit of a Linux thread name (for debuggers and `top -H`).
    init(name: String) {
        let thread = Thread { [self] in self.loop() }
        thread.name = name
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Ends the thread once its queue is empty.
    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

    private func loop() {
        condition.lock()
        threadID = UInt(pthread_self())
        condition.unlock()
        var batch: [UnownedJob] = []
        while true {
            condition.lock()
            while jobs.isEmpty && !stopping { condition.wait() }
            if jobs.isEmpty {
                condition.unlock()
                return
            }
            swap(&batch, &jobs)
            condition.unlock()
            for job in batch { job.runSynchronously(on: asUnownedTaskExecutor()) }
            condition.lock()
            jobsRun += batch.count
            condition.unlock()
            batch.removeAll(keepingCapacity: true)
        }
    }
}
