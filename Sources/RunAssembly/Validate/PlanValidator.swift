import Dispatch
import Foundation
import RefreshPlan

/// `validate`'s engine: every plan file loaded, validated and (when asked) its findings
/// rendered, on all cores when there are many, sharing the parse of the bases they extend.
public enum PlanValidator {
    /// One file's findings, rendered (when asked) where they were found so the printing thread
    /// only concatenates.
    public struct Checked: Sendable {
        public var path: String
        public var diagnostics: [Diagnostic]
        /// Findings in the file itself, rendered; those in a base it extends are nil, rendered
        /// only the one time they are printed (a fleet's base is seen once per plan).
        public var rendered: [String?]
        /// The files other than the plan itself, for rendering those (text output only).
        public var sources: [String: SourceFile]
        public var hasErrors: Bool
    }

    /// Loads every file, on all cores when there are many, sharing the parse of the bases they
    /// extend; results come back in the order given, so the output is a sequential run's.
    /// `render` is the colour setting for text output, nil for none.
    public static func checkAll(_ files: [String], render color: Bool?) -> [Checked] {
        let collected = Collected()
        checkAll(files, render: color) { collected.values.append($0) }
        return collected.values
    }

    /// `checkAll`, handing each result to `consume` in the order of `files`, one at a time, as
    /// soon as it and all before it are done.
    public static func checkAll(_ files: [String], render color: Bool?, inOrder consume: @escaping (Checked) -> Void) {
        let loader = PlanLoader(sharingBases: true)
        @Sendable func check(_ path: String) -> Checked {
            let result = loader.load(path: path)
            var rendered: [String?] = []
            var sources: [String: SourceFile] = [:]
            if let color {
                let own = result.sources.first { $0.path == path }
                for source in result.sources where source.path != path { sources[source.path] = source }
                rendered = result.diagnostics.map { $0.file == path ? DiagnosticRenderer.render($0, source: own, color: color) : nil }
            }
            return Checked(path: path, diagnostics: result.diagnostics, rendered: rendered, sources: sources, hasErrors: result.hasErrors)
        }
        guard files.count > 8 else { return files.forEach { consume(check($0)) } }
        let slots = OrderedSlots(count: files.count, consume: consume)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, files.count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in stride(from: worker, to: files.count, by: workers) {
                slots.set(index, check(files[index]))
            }
        }
    }
}

/// Results gathered by the single-threaded consumer `checkAll` calls in order.
private final class Collected: @unchecked Sendable {
    var values: [PlanValidator.Checked] = []
}

/// One slot per file, filled by the workers. Whoever fills the next slot due hands it, and any
/// ready after it, to the consumer, one thread at a time and in order.
private final class OrderedSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [PlanValidator.Checked?]
    private var next = 0
    private var consuming = false
    private let consume: (PlanValidator.Checked) -> Void

    init(count: Int, consume: @escaping (PlanValidator.Checked) -> Void) {
        slots = Array(repeating: nil, count: count)
        self.consume = consume
    }

    func set(_ index: Int, _ result: PlanValidator.Checked) {
        lock.lock()
        slots[index] = result
        guard !consuming else { return lock.unlock() }
        consuming = true
        while true {
            var ready: [PlanValidator.Checked] = []
            while next < slots.count, let result = slots[next] {
                ready.append(result)
                slots[next] = nil
                next += 1
            }
            guard !ready.isEmpty else {
                consuming = false
                return lock.unlock()
            }
            lock.unlock()
            ready.forEach(consume)
            lock.lock()
        }
    }
}
