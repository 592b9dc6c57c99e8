/// The emulator's record of API requests, bounded so a load test cannot grow it without end
/// (an unbounded array cost ~350 bytes a request): exact counters for every request ever
/// answered, per status and per route, plus the most recent `capacity` requests in full for
/// tests and `/emulator/requests`.
struct RequestLog: Sendable {
    let capacity: Int
    private var ring: [LoggedRequest] = []
    /// Once the ring is full, the slot the next entry overwrites (the oldest entry).
    private var oldest = 0
    private(set) var total = 0
    /// Keyed by status as text (`"429"`; `"none"` for a dropped response): JSON objects need string keys.
    private(set) var statuses: [String: Int] = [:]
    /// Keyed by method and path template (`GET /api/v2/routing/queues/{id}`).
    private(set) var routes: [String: Int] = [:]

    init(capacity: Int) {
        precondition(capacity > 0, "a request log keeps at least one request")
        self.capacity = capacity
    }

    mutating func append(_ entry: LoggedRequest, route: String) {
        total += 1
        statuses[entry.status.map(String.init) ?? "none", default: 0] += 1
        routes[route, default: 0] += 1
        if ring.count < capacity {
            ring.append(entry)
        } else {
            ring[oldest] = entry
            oldest = (oldest + 1) % capacity
        }
    }

    /// The requests still held, oldest first.
    var recent: [LoggedRequest] {
        Array(ring[oldest...] + ring[..<oldest])
    }

    var stats: EmulatorRequestStats {
        EmulatorRequestStats(total: total, kept: ring.count, statuses: statuses, routes: routes)
    }
}
