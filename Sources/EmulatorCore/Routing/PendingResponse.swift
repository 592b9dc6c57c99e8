import Foundation
import GenesysWire

/// A response decided under the emulator's lock whose JSON body may still be unencoded.
/// Encoding is most of a listing's cost; doing it after the lock is released lets concurrent
/// requests encode in parallel instead of queueing behind one another.
struct PendingResponse: Sendable {
    var status: Int
    var headers: WireHeaders
    private var body: Body

    private enum Body: Sendable {
        case ready(Data)
        /// Captures only the values the reply shows (a page slice), never the world.
        case encode(@Sendable () -> Data)
    }

    init(_ response: WireResponse) {
        status = response.status
        headers = response.headers
        body = .ready(response.body)
    }

    /// A JSON reply encoded later, from a snapshot of `value`.
    init<T: Encodable & Sendable>(json value: T, status: Int = 200, headers: WireHeaders) {
        self.status = status
        self.headers = headers
        body = .encode { WireCoding.encode(value) }
    }

    /// True when `resolved()` has work left to do outside the lock.
    var isDeferred: Bool {
        if case .encode = body { return true }
        return false
    }

    func resolved() -> WireResponse {
        switch body {
        case .ready(let data): return WireResponse(status: status, headers: headers, body: data)
        case .encode(let encode): return WireResponse(status: status, headers: headers, body: encode())
        }
    }
}
