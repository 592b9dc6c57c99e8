import Foundation
import RefreshPlan
import RunAssembly

/// The text or JSON report of a fleet, built one checked file at a time, in order.
/// `checkAll` calls `add` from one thread at a time (its slots hand the consumer on under their
/// lock); `finish` follows the last `add`, after `checkAll` returned.
final class FleetReport: @unchecked Sendable {
    private let format: ValidateCommand.Format
    private var reported = ReportedFindings()
    private var all: [Diagnostic] = []
    private var counts: [Severity: Int] = [:]
    private var output = OutputBuffer()
    private(set) var failed = false

    init(format: ValidateCommand.Format) { self.format = format }

    func add(_ file: PlanValidator.Checked) {
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

