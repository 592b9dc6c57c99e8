import Foundation
import GenesysWire

/// A successful (2xx/3xx) answer and the attempts it took.
public struct APIResponse: Sendable, Hashable {
    public var status: Int
    public var headers: WireHeaders
    public var body: Data
    public var correlationId: String?
    public var attempts: [AttemptRecord]

    public init(status: Int, headers: WireHeaders, body: Data, correlationId: String?, attempts: [AttemptRecord]) {
        self.status = status
        self.headers = headers
        self.body = body
        self.correlationId = correlationId
        self.attempts = attempts
    }
}
