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
        let loader = PlanLoader()
        var all: [Diagnostic] = []
        var failed = false
        for file in files {
            let result = loader.load(path: file)
            // A base file shared by several plans is reported once, not once per plan.
            let fresh = result.diagnostics.filter { !all.contains($0) }
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
}
