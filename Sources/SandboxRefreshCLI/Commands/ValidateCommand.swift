import ArgumentParser
import Foundation
import RefreshPlan

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check refresh plans and report every problem with file:line:col.",
        discussion: """
            Exit status: 0 when no file has errors, 1 otherwise. Unset ${env:...} variables are warnings here; apply treats them as errors.
            A directory stands for its *.yaml and *.yml files (shared bases included), so a fleet of thousands of plans is one argument.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "Plan files, or directories of plan files.", completion: .file(extensions: ["yaml", "yml"]))
    var files: [String]

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    func run() throws {
        let paths: [String]
        do { paths = try PlanFiles.expand(files) } catch {
            Terminal.error("error: \(error)")
            throw ExitCode(1)
        }
        // Printed as the files come back, in the order given, by whichever worker finished the
        // next one: the report no longer waits for the last file to start.
        let report = FleetReport(format: format)
        Self.checkAll(paths, render: format == .text ? Terminal.useColor : nil) { report.add($0) }
        report.finish()
        if report.failed { throw ExitCode(1) }
    }

    /// One file's findings, rendered (when asked) where they were found so the printing thread
    /// only concatenates.
    struct Checked: Sendable {
        var path: String
        var diagnostics: [Diagnostic]
        /// Findings in the file itself, rendered; those in a base it extends are nil, rendered
        /// only the one time they are printed (a fleet's base is seen once per plan).
        var rendered: [String?]
        /// The files other than the plan itself, for rendering those (text output only).
        var sources: [String: SourceFile]
        var hasErrors: Bool
    }

    /// Loads every file, on all cores when there are many, sharing the parse of the bases they
    /// extend; results come back in the order given, so the output is a sequential run's.
    /// `render` is the colour setting for text output, nil for none.
    static func checkAll(_ files: [String], render color: Bool?) -> [Checked] {
        let collected = Collected()
        checkAll(files, render: color) { collected.values.append($0) }
        return collected.values
    }

    /// `checkAll`, handing each result to `consume` in the order of `files`, one at a time, as
    /// soon as it and all before it are done.
    static func checkAll(_ files: [String], render color: Bool?, inOrder consume: @escaping (Checked) -> Void) {
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
    var values: [ValidateCommand.Checked] = []
}

/// The text or JSON report of a fleet, built one checked file at a time, in order.
/// `checkAll` calls `add` from one thread at a time (its slots hand the consumer on under their
/// lock); `finish` follows the last `add`, after `checkAll` returned.
private final class FleetReport: @unchecked Sendable {
    private let format: ValidateCommand.Format
    private var reported = ReportedFindings()
    private var all: [Diagnostic] = []
    private var counts: [Severity: Int] = [:]
    private var output = OutputBuffer()
    private(set) var failed = false

    init(format: ValidateCommand.Format) { self.format = format }

    func add(_ file: ValidateCommand.Checked) {
        // A base file shared by several plans is reported once, not once per plan.
        let fresh = reported.fresh(in: file)
        for (position, index) in fresh.enumerated() {
            let diagnostic = file.diagnostics[index]
            counts[diagnostic.severity, default: 0] += 1
            if format == .json { all.append(diagnostic) }
            if format == .text {
                if position > 0 { output.append("\n") }
                output.append(file.rendered[index] ?? DiagnosticRenderer.render(diagnostic, source: file.sources[diagnostic.file], color: Terminal.useColor))
            }
        }
        failed = failed || file.hasErrors
        if format == .text, !file.hasErrors { output.append("\(PrintableText.escaped(file.path)): ok\n") }
    }

    func finish() {
        let summary = DiagnosticRenderer.summary(errors: counts[.error] ?? 0, warnings: counts[.warning] ?? 0, notes: counts[.note] ?? 0)
        output.append((format == .json ? DiagnosticRenderer.json(all) : summary) + "\n")
        output.flush()
    }
}

/// Which findings are printed: each once. A fleet's plans repeat their base's findings, and
/// nearly always the very list the previous plan had, which is recognised without hashing.
/// Files come one at a time, so a file's own findings are kept per file (one entry, not one hash
/// per finding) for when a later plan extends it.
private struct ReportedFindings {
    private var seen = Set<Diagnostic>()
    /// Files whose findings were reported through plans extending them.
    private var reachedAsBase = Set<String>()
    private var own: [String: ArraySlice<Diagnostic>] = [:]
    private var lastFromBase: [String: ArraySlice<Diagnostic>] = [:]

    /// Indices of `file`'s findings not reported before, in order. Findings come grouped by
    /// file (the plan's own first), as `PlanLoader` orders them.
    mutating func fresh(in file: ValidateCommand.Checked) -> [Int] {
        let findings = file.diagnostics
        var fresh: [Int] = []
        var start = findings.startIndex
        while start < findings.endIndex {
            let name = findings[start].file
            var end = start + 1
            while end < findings.endIndex, findings[end].file == name { end += 1 }
            let group = findings[start..<end]
            if name == file.path {
                own[name] = group
                if reachedAsBase.contains(name) {
                    for index in start..<end where seen.insert(findings[index]).inserted { fresh.append(index) }
                } else {
                    fresh += start..<end
                }
            } else if let last = lastFromBase[name], last.elementsEqual(group) {
                // The previous plan extending this file reported exactly these.
            } else {
                reachedAsBase.insert(name)
                let printedAsOwn = own[name] ?? []
                for index in start..<end where !printedAsOwn.contains(findings[index]) && seen.insert(findings[index]).inserted {
                    fresh.append(index)
                }
                lastFromBase[name] = group
            }
            start = end
        }
        return fresh
    }
}

/// Standard output in 64 KB writes rather than one system call per line.
private struct OutputBuffer {
    private var pending = ""

    mutating func append(_ text: String) {
        pending += text
        if pending.utf8.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !pending.isEmpty else { return }
        Terminal.write(pending)
        pending = ""
    }
}

/// One slot per file, filled by the workers. Whoever fills the next slot due hands it, and any
/// ready after it, to the consumer, one thread at a time and in order.
private final class OrderedSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [ValidateCommand.Checked?]
    private var next = 0
    private var consuming = false
    private let consume: (ValidateCommand.Checked) -> Void

    init(count: Int, consume: @escaping (ValidateCommand.Checked) -> Void) {
        slots = Array(repeating: nil, count: count)
        self.consume = consume
    }

    func set(_ index: Int, _ result: ValidateCommand.Checked) {
        lock.lock()
        slots[index] = result
        guard !consuming else { return lock.unlock() }
        consuming = true
        while true {
            var ready: [ValidateCommand.Checked] = []
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
