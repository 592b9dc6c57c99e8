import Foundation
import GenesysWire

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

    private enum CodingKeys: String, CodingKey { case timestamp, elapsed, level, event, step, message, fields }

    // Timestamps are ISO-8601 with milliseconds, like the platform's own dates, so log pipelines
    // and people read them without conversion.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let text = try c.decode(String.self, forKey: .timestamp)
        guard let date = WireCoding.date(from: text) else {
            throw DecodingError.dataCorruptedError(forKey: .timestamp, in: c, debugDescription: "not an ISO-8601 timestamp: \(text)")
        }
        timestamp = date
        elapsed = try c.decode(Double.self, forKey: .elapsed)
        level = try c.decode(Level.self, forKey: .level)
        event = try c.decode(String.self, forKey: .event)
        step = try c.decodeIfPresent(String.self, forKey: .step)
        message = try c.decode(String.self, forKey: .message)
        fields = try c.decodeIfPresent([String: String].self, forKey: .fields) ?? [:]
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(WireCoding.timestamp(timestamp), forKey: .timestamp)
        try c.encode((elapsed * 1000).rounded() / 1000, forKey: .elapsed)
        try c.encode(level, forKey: .level)
        try c.encode(event, forKey: .event)
        try c.encodeIfPresent(step, forKey: .step)
        try c.encode(message, forKey: .message)
        if !fields.isEmpty { try c.encode(fields, forKey: .fields) }
    }
}

public typealias RunEventSink = @Sendable (RunEvent) -> Void
