import ArgumentParser
import Foundation
import PlanGraph
import RefreshPlan
import RunAssembly

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Preview what apply would do, step by step, without sending anything.",
        discussion: "Needs no credentials and no network: unset ${env:...} variables are shown unresolved.")

    @Argument(help: "The plan file.", completion: .file(extensions: ["yaml", "yml"]))
    var file: String

    @Flag(help: "Print the versioned JSON document of the plan graph (docs/plan-json.md).")
    var json = false

    @Option(help: "Save the compiled plan, with a SHA-256 of every source file, for a later `apply FILE`.")
    var out: String?

    func run() throws {
        let compiled = try PlanInput.compile(path: file)
        let document = PlanDocument(graph: compiled.graph, sources: compiled.digests)
        if json {
            Terminal.write(document.json())
        } else {
            Terminal.write(PlanPreview.render(compiled.graph, source: file, color: Terminal.useColor))
        }
        if let out {
            try SavedPlan(entry: file, document: document).encoded().write(to: URL(fileURLWithPath: out), options: .atomic)
            Terminal.error("saved plan to \(out); `sandbox-refresh apply \(out)` refuses it if \(document.sources.map(\.path).joined(separator: ", ")) change")
        }
    }
}
