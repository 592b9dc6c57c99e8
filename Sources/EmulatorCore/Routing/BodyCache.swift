import Foundation
import Synchronization

/// Encoded JSON bodies of listing pages and entities, reused until the world changes. Encoding
/// is nearly all of a read's cost (a 100-flow page is ~0.8 ms of sorted-keys `JSONEncoder`)
/// while the world changes only when a refresh applies a phase or a test edits it; keys carry
/// the world's version, so a change makes every older entry unreachable at once.
final class BodyCache: Sendable {
    /// Past this many bytes the cache starts over: a bound, not an eviction policy, since
    /// benchmarks and rehearsals read the same few pages again and again.
    static let maxBytes = 64 << 20

    private struct Store {
        var bodies: [String: Data] = [:]
        var bytes = 0
    }

    private let store = Mutex(Store())

    /// The body cached under `key`, or `encode()` run outside the cache's lock and kept.
    func body(for key: String, orEncode encode: () -> Data) -> Data {
        if let hit = store.withLock({ $0.bodies[key] }) { return hit }
        let body = encode()
        store.withLock { store in
            if store.bytes + body.count > Self.maxBytes { store = Store() }
            if store.bodies.updateValue(body, forKey: key) == nil { store.bytes += body.count }
        }
        return body
    }
}
