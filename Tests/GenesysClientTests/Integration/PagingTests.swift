import Foundation
@testable import GenesysClient
import GenesysWire
import Testing
import Timekeeping

@Suite struct PagingTests {
    @Test func pagesTwoThousandQueuesInOrder() async throws {
        try await withFixture(.init(queueCount: 2_000)) { f in
            let queues = try await f.client.fetchAll(.queues, pageSize: 100, as: Queue.self)
            #expect(queues.count == 2_000)
            #expect(queues.map(\.id) == (0..<2_000).map { String(format: "q-%05d", $0) })
            #expect(f.client.statistics.requestsByOperation["queues.list"] == 20)
            #expect(f.server.hits("queues") == 20)
            #expect(f.client.statistics.rateLimited429 == 0)
        }
    }

    @Test func countReadsTotalInOneRequest() async throws {
        try await withFixture(.init(queueCount: 812)) { f in
            let total = try await f.client.count(.queues)
            #expect(total == 812)
            #expect(f.client.statistics.requestsByOperation["queues.count"] == 1)
        }
    }

    @Test func singlePageAndEmptyListings() async throws {
        try await withFixture(.init(queueCount: 0)) { f in
            let queues = try await f.client.fetchAll(.queues, as: Queue.self)
            #expect(queues.isEmpty)
        }
        try await withFixture(.init(queueCount: 42)) { f in
            let queues = try await f.client.fetchAll(.queues, as: Queue.self)
            #expect(queues.count == 42)
            #expect(f.server.hits("queues") == 1)
        }
    }

    /// Benchmark: 2,000 queues, pageSize 100 → 20 requests through the rate limiter at the
    /// default budget (300/min, burst 10). The budget's lower bound for 20 requests evenly spaced
    /// at 300/min is 19 × 0.2 s = 3.8 s; with the burst, (20 − 10) / (290/60 per s) ≈ 2.07 s.
    @Test func benchmarkPagingWithinTheRateBudget() async throws {
        try await withFixture(.init(queueCount: 2_000)) { f in
            let wall = ContinuousClock()
            let start = wall.now
            let queues = try await f.client.fetchAll(.queues, pageSize: 100, as: Queue.self)
            let wallTime = wall.now - start
            let virtualTime = f.clock.now.sinceEpoch
            #expect(queues.count == 2_000)
            let expected = Duration.seconds(10.0 / (290.0 / 60.0))
            #expect(abs(virtualTime.seconds - expected.seconds) < 0.01)
            print("BENCHMARK paging 2000 queues: 20 requests, virtual \(virtualTime.seconds)s (rate-limiter bound \(expected.seconds)s; even-spacing bound 3.8s), wall \(wallTime)")
        }
    }
}
