import ArgumentParser
import Foundation
import RefreshPlan
import RunAssembly

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
        PlanValidator.checkAll(paths, render: format == .text ? Terminal.useColor : nil) { report.add($0) }
        report.finish()
        if report.failed { throw ExitCode(1) }
    }
}
