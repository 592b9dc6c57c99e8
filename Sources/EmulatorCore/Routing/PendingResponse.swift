import Foundation
import GenesysWire

/// A response decided under the emulator's lock whose JSON body may still be unencoded.
/// Encoding is most of a listing's cost; doing it after the lock is released lets concurrent
/// requests encode in parallel instead of queueing behind one another.
struct PendingResponse: Sendable {
    var status: Int
    var headers: WireHeaders
    /// Set for bodies that depend on nothing but the world and the request's organization and
    /// path (listings, entities): equal keys, equal bytes.
    var cacheKey: String?
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

    func resolved(cache: BodyCache? = nil) -> WireResponse {
        switch body {
        case .ready(let data):
            return WireResponse(status: status, headers: headers, body: data)
        case .encode(let encode):
            guard let cache, let cacheKey else { return WireResponse(status: status, headers: headers, body: encode()) }
            return WireResponse(status: status, headers: headers, body: cache.body(for: cacheKey, orEncode: encode))
        }
    }
}
