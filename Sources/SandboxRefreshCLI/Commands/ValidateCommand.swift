import ArgumentParser
import Foundation
import RefreshPlan

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check refresh plans and report every problem with file:line:col.",
        discussion: "Exit status: 0 when no file has errors, 1 otherwise. Unset ${env:...} variables are warnings here; apply treats them as errors.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "Plan files to validate.", completion: .file(extensions: ["yaml", "yml"]))
    var files: [String]

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    func run() throws {
        let results = Self.loadAll(files)
        var all: [Diagnostic] = []
        var reported = Set<Diagnostic>()
        var failed = false
        for (file, result) in zip(files, results) {
            // A base file shared by several plans is reported once, not once per plan.
            let fresh = result.diagnostics.filter { reported.insert($0).inserted }
            all += fresh
            failed = failed || result.hasErrors
            if format == .text {
                let rendered = DiagnosticRenderer.render(fresh, sources: result.sources, color: Terminal.useColor)
                if !rendered.isEmpty { Terminal.write(rendered.hasSuffix("\n") ? rendered : rendered + "\n") }
                if !result.hasErrors { Terminal.write("\(file): ok\n") }
            }
        }
        if format == .json {
            Terminal.write(DiagnosticRenderer.json(all) + "\n")
        } else {
            Terminal.write(DiagnosticRenderer.summary(all) + "\n")
        }
        if failed { throw ExitCode(1) }
    }

    /// Loads every file, on all cores when there are many; results come back in the order given,
    /// so the output is the same as a sequential run's.
    static func loadAll(_ files: [String], loader: PlanLoader = PlanLoader()) -> [PlanLoadResult] {
        guard files.count > 8 else { return files.map { loader.load(path: $0) } }
        let slots = ResultSlots(count: files.count)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, files.count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in stride(from: worker, to: files.count, by: workers) {
                slots.set(index, loader.load(path: files[index]))
            }
        }
        return slots.values
    }
}

/// One slot per file, filled by the workers; read once all have finished.
private final class ResultSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [PlanLoadResult?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: PlanLoadResult) { lock.withLock { slots[index] = result } }

    var values: [PlanLoadResult] { lock.withLock { slots.map { $0! } } }
}
