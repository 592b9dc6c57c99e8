import Logging
import Timekeeping

/// One log line as a handler received it, stamped with simulated time.
public struct CapturedLogLine: Sendable, Hashable {
    public var label: String
    public var level: Logger.Level
    public var message: String
    public var metadata: [String: String]
    public var moment: Moment

    /// The line as a text handler would print it: what a leak would look like in a real log.
    public var rendered: String {
        let fields = metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        return "\(moment) \(level) \(label): \(message) \(fields)"
    }
}

/// Keeps every line at trace level in memory, so the simulator can read exactly what a real run
/// would have logged (and look in it for secrets and customer data).
public struct MemoryLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .trace
    private let label: String
    private let clock: any InjectedClock
    private let sink: @Sendable (CapturedLogLine) -> Void

    public init(label: String, clock: any InjectedClock, sink: @escaping @Sendable (CapturedLogLine) -> Void) {
        self.label = label
        self.clock = clock
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged: [String: String] = [:]
        for (key, value) in metadata { merged[key] = "\(value)" }
        for (key, value) in event.metadata ?? [:] { merged[key] = "\(value)" }
        sink(CapturedLogLine(label: label, level: event.level, message: "\(event.message)", metadata: merged, moment: clock.now))
    }
}
