import Foundation

/// One thing that happened during a run, timestamped. The CLI renders events as a live progress
/// line on a TTY or as JSON lines; the artifacts keep the statuses.
public struct RunEvent: Sendable, Hashable, Codable {
    public enum Level: String, Sendable, Hashable, Codable { case info, warning, error }

    public var timestamp: Date
    /// Time since the run started, in seconds.
    public var elapsed: Double
    public var level: Level
    /// `step.started`, `step.finished`, `step.failed`, `poll`, `lock.wait`, `lock.abort`, `scope.expanded`, ...
    public var event: String
    public var step: String?
    public var message: String
    public var fields: [String: String]

    public init(timestamp: Date, elapsed: Double, level: Level = .info, event: String, step: String?, message: String, fields: [String: String] = [:]) {
        self.timestamp = timestamp
        self.elapsed = elapsed
        self.level = level
        self.event = event
        self.step = step
        self.message = message
        self.fields = fields
    }
}

public typealias RunEventSink = @Sendable (RunEvent) -> Void
