import Dispatch
import Foundation

/// Runs an operation so that SIGINT and SIGTERM cancel it (polling stops, the step records
/// where it stopped, the platform job is left running) instead of killing the process.
enum SignalScope {
    static func run<T: Sendable>(_ operation: @escaping @Sendable () async -> T) async -> T {
        let task = Task { await operation() }
        let queue = DispatchQueue(label: "sandbox-refresh.signals")
        var sources: [any DispatchSourceSignal] = []
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            source.setEventHandler {
                FileHandle.standardError.write(Data("\nsignal \(sig): stopping; the platform job, if any, keeps running\n".utf8))
                task.cancel()
            }
            source.resume()
            sources.append(source)
        }
        let result = await task.value
        for source in sources { source.cancel() }
        for sig in [SIGINT, SIGTERM] { signal(sig, SIG_DFL) }
        return result
    }
}
