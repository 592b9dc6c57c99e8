import Foundation
import GenesysWire
import Synchronization

/// A transport that remembers every request it passes on (`METHOD path`), so `check` can say
/// exactly what it sent, and prove it only read.
public final class RequestRecorder: HTTPTransport, Sendable {
    private let inner: any HTTPTransport
    private let sent = Mutex<[String]>([])

    public init(_ inner: any HTTPTransport) {
        self.inner = inner
    }

    public func send(_ request: WireRequest, timeout: Duration) async throws -> WireResponse {
        sent.withLock { $0.append("\(request.method.rawValue) \(request.url.path)") }
        return try await inner.send(request, timeout: timeout)
    }

    public var requests: [String] { sent.withLock { $0 } }
}
