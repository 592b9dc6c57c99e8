import ArgumentParser
import Executor
import Foundation
import RunJournal
import RunAssembly

/// `bench journal`: the latency of one durable journal write (what every side effect waits
/// for), on the SQLite file and, when given, on a PostgreSQL server, side by side.
struct JournalBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journal",
        abstract: "Journal write latency (p50, p99) on a temporary SQLite file and, with --postgres URL, on a server.")

    @Option(help: "Entries written per backend (one run's worth is about 30-60).")
    var entries = 2000

    @Option(help: ArgumentHelp("A PostgreSQL journal URL to measure beside SQLite (a schema of its own is used and left for inspection).", valueName: "URL"))
    var postgres: String?

    func run() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bench-journal-\(UUID().uuidString)/journal.sqlite").path
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: file).deletingLastPathComponent().path) }
        var targets = [("sqlite", file)]
        if let postgres {
            let schema = "bench_" + UUID().uuidString.prefix(8).lowercased()
            targets.append(("postgres", postgres + (postgres.contains("?") ? "&" : "?") + "schema=\(schema)"))
        }
        for (name, location) in targets {
            let store = try await JournalLocator.store(location)
            let latencies = try await Self.measure(store, entries: entries)
            await store.close()
            let sorted = latencies.sorted()
            func percentile(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] * 1000 }
            Terminal.line(String(format: "%@: %d durable writes, p50 %.3f ms, p99 %.3f ms, max %.3f ms, %.0f writes/s",
                         name, entries, percentile(0.5), percentile(0.99), (sorted.last ?? 0) * 1000, Double(entries) / latencies.reduce(0, +)))
        }
    }

    /// A run's mix: start, then steps, sends, statuses, one outcome every 50 entries.
    static func measure(_ store: any JournalStore, entries: Int) async throws -> [Double] {
        let recorder = store.recorder(sandboxId: "bench-sandbox", hostname: "bench")
        let clock = ContinuousClock()
        var latencies: [Double] = []
        latencies.reserveCapacity(entries)
        var runId = ""
        for i in 0..<entries {
            let entry: JournalEntry
            switch i % 50 {
            case 0:
                runId = "bench-\(i / 50)"
                entry = .runStarted(RunStart(planName: "bench", planPath: "specs/bench.yaml", sandboxId: "bench-sandbox", scope: "ARCHITECT", pid: 1, artifactsDirectory: "/tmp/bench"))
            case 49: entry = .outcome(.success, message: nil, refreshIds: ["r"], scope: "ARCHITECT")
            case let n where n % 3 == 0: entry = .statusObserved(step: "poll.primary", refreshId: "r", status: "IN_PROGRESS", progress: n * 2, errorMessage: nil)
            case let n where n % 3 == 1: entry = .stepStarted(step: "step-\(n)")
            default: entry = .aboutToSend(step: "submit.primary", effect: .submit(tag: runId, scope: "ARCHITECT"))
            }
            let start = clock.now
            try await recorder.record(entry, runId: runId, at: Date())
            let elapsed = start.duration(to: clock.now)
            latencies.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        return latencies
    }
}
