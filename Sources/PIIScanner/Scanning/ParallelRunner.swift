import Foundation

/// Runs closures on their own threads and returns results in order. Threads rather than tasks:
/// the work is CPU-bound and blocking reads, which would starve the cooperative pool.
enum ParallelRunner {
    static func map<T: Sendable, R: Sendable>(_ items: [T], _ body: @escaping @Sendable (T) -> R) -> [R] {
        guard items.count > 1 else { return items.map(body) }
        let results = ResultBox<R>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            results.set(index, body(items[index]))
        }
        return results.values
    }

    final class ResultBox<R>: @unchecked Sendable {
        private var slots: [R?]
        private let lock = NSLock()

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ value: R) {
            lock.lock()
            slots[index] = value
            lock.unlock()
        }

        var values: [R] { lock.lock(); defer { lock.unlock() }; return slots.map { $0! } }
    }
}
