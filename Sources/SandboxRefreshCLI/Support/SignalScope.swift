import Dispatch
import Executor
import Foundation

/// Runs an operation so that SIGINT and SIGTERM cancel it instead of killing the process: the
/// executor stops at the step it is in, journals the interruption, writes the artifacts and
/// leaves the platform job running for the next `apply` to adopt. The first signal decides the
/// outcome (`interrupted`, exit 130, or `terminated`, exit 143). The handlers stay installed
/// until the process exits, so a signal that arrives while the run winds down cannot kill it
/// half-way through recording its end.
final class SignalScope: @unchecked Sendable {
    // Guarded by `lock`; the sources are kept only so that they live as long as the process.
    private let lock = NSLock()
    private var received: Int32?
    private var sources: [any DispatchSourceSignal] = []

    /// What the first signal received stands for; `interrupted` if none was (a cancellation
    /// from elsewhere).
    var outcome: RunOutcome {
        lock.withLock { received } == SIGTERM ? .terminated : .interrupted
    }

    /// Records `signal` if it is the first; true when it was.
    private func record(_ signal: Int32) -> Bool {
        lock.withLock {
            guard received == nil else { return false }
            received = signal
            return true
        }
    }

    func run<T: Sendable>(_ operation: @escaping @Sendable () async -> T) async -> T {
        let task = Task { await operation() }
        let queue = DispatchQueue(label: "sandbox-refresh.signals")
        var installed: [any DispatchSourceSignal] = []
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            source.setEventHandler { [self] in
                if record(sig) {
                    Terminal.error("\nsignal \(sig == SIGTERM ? "SIGTERM" : "SIGINT"): stopping; artifacts are written and the platform job, if any, keeps running")
                }
                task.cancel()
            }
            source.resume()
            installed.append(source)
        }
        lock.withLock { sources = installed }
        return await task.value
    }
}
